// Which texts code set B can print: printable ASCII only, every character of it.
import { describe, expect, it } from 'vitest';
import { isCode128BText } from '../../src/capture/index.js';

describe('isCode128BText', () => {
  it('is true for printable ASCII from space to tilde', () => {
    expect(isCode128BText(' ~')).toBe(true);
    expect(isCode128BText('ACK-1')).toBe(true);
  });

  it('is false for empty text and for any character outside it, first, last or inside', () => {
    for (const text of ['', 'é1', '1é', '1\u00e92', 'A\n', '\tA']) expect(isCode128BText(text)).toBe(false);
  });
});
