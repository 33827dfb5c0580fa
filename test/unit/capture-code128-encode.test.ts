/**
 * The barcodes the kiosk prints for its scanners: drawn from code128Bars, rasterised, and read back
 * by the project's own decoder (zxing-wasm, as the `decode` command reads photos).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code128Bars, code128Widths } from '../../src/capture/code128-encode.js';
import type { RgbaImage } from '../../src/decode/load-image.js';
import { readWithZxingWasm } from '../../src/decode/wasm-reader.js';

/** White paper, black bars, `px` pixels per module, 40 pixels high. */
function raster(text: string, px = 3): RgbaImage {
  const { bars, modules } = code128Bars(text);
  const width = modules * px;
  const height = 40;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const bar of bars) {
    for (let y = 0; y < height; y++) {
      for (let x = bar.x * px; x < (bar.x + bar.width) * px; x++)
        data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width, height };
}

async function readBack(text: string): Promise<string[]> {
  const results = await readWithZxingWasm(raster(text), { formats: ['Code128'], tryHarder: false });
  return results.map((r) => r.text);
}

describe('Code 128 for the printed sheets', () => {
  it('reads back the acknowledge barcode and type barcodes exactly', async () => {
    expect(await readBack('KIOSK:ACK')).toEqual(['KIOSK:ACK']);
    expect(await readBack('TYPE:blood_pressure')).toEqual(['TYPE:blood_pressure']);
  });

  it('reads back any printable ASCII text (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
          minLength: 1,
          maxLength: 24,
        }),
        async (text) => {
          expect(await readBack(text)).toEqual([text]);
        },
      ),
      { seed: 1502, numRuns: 60 },
    );
  });

  it('has quiet zones, whole symbols and the stop bar: 11 modules a character plus 35', () => {
    const widths = code128Widths('AB');
    expect(widths[0]).toBe(10);
    expect(widths.at(-1)).toBe(10);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(10 + 11 * (1 + 2 + 1) + 13 + 10);
  });

  it('refuses text code set B cannot hold, naming it', () => {
    expect(() => code128Widths('é')).toThrow(/printable ASCII/);
    expect(() => code128Widths('')).toThrow(/printable ASCII/);
  });
});
