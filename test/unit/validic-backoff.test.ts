/** The client's wait before re-sending: a doubling ceiling, capped, half fixed and half drawn. */
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/validic/backoff.js';

describe('backoffMs', () => {
  it('waits half the ceiling plus the drawn share of the other half', () => {
    expect(backoffMs(0, 200, 5_000, () => 0)).toBe(100);
    expect(backoffMs(0, 200, 5_000, () => 0.5)).toBe(150);
    expect(backoffMs(0, 200, 5_000, () => 1)).toBe(200);
  });

  it('doubles the ceiling with each attempt until the cap, and never passes it', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(attempt, 200, 5_000, () => 1))).toEqual([
      200, 400, 800, 1_600, 3_200, 5_000, 5_000,
    ]);
    expect(backoffMs(3, 200, 5_000, () => 0.25)).toBe(800 + 200);
    expect(backoffMs(30, 200, 5_000, () => 0)).toBe(2_500);
  });

  it('draws once per wait', () => {
    let draws = 0;
    backoffMs(2, 5, 20, () => {
      draws++;
      return 0.5;
    });
    expect(draws).toBe(1);
  });
});
