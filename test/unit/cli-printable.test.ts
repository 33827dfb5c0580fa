import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, printable } from '../../src/cli/printable.js';

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('shows escapes, CR, C1 controls and bidi overrides as \\uXXXX; keeps tab, newline and ordinary text', () => {
    expect(printable('a\u001b[31mb\rc\u009bd\u202ee\tf\ng é 中')).toBe(
      'a\\u001b[31mb\\u000dc\\u009bd\\u202ee\tf\ng é 中',
    );
  });

  it('property (seeded): nothing unsafe is left, and a JSON line stays the same JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary' }), (value, text) => {
        const line = JSON.stringify({ value, text });
        const safe = printable(line);
        expect(safe).not.toMatch(UNSAFE);
        expect(JSON.parse(safe)).toEqual(JSON.parse(line));
        expect(printable(text)).not.toMatch(UNSAFE);
      }),
      { seed: 2026_12_02, numRuns: 1_000 },
    );
  });
});

describe('clip', () => {
  it('keeps short text and cuts long text, saying how long it was', () => {
    expect(clip('short')).toBe('short');
    expect(clip('x'.repeat(300), 10)).toBe('xxxxxxxxxx… (300 characters)');
  });
});
