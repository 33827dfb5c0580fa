/**
 * Runs a test file in a station's time zone: Node honours a change of process.env.TZ at once, and
 * vitest runs each test file in its own process, so no other file sees it. Restored after the file.
 */
import { afterAll, beforeAll } from 'vitest';

export function useTimeZone(zone: string): void {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });
}
