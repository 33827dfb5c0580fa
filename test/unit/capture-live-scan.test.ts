// The live camera loop's frame schedule and guide box, and the greyscale conversion for zxing-js.
import { describe, expect, it } from 'vitest';
import { guideBoxPixels, liveReaderOptions, rgbaToLuminance } from '../../src/capture/index.js';

describe('liveReaderOptions', () => {
  it('makes every tenth frame (9, 19, …) thorough and keeps every frame level and fast otherwise', () => {
    const thorough = Array.from({ length: 30 }, (_, i) => i).filter((i) => liveReaderOptions(i).tryHarder);
    expect(thorough).toEqual([9, 19, 29]);
    for (const i of [0, 9]) {
      expect(liveReaderOptions(i)).toEqual({
        formats: ['Code128', 'DataMatrix', 'QRCode'],
        textMode: 'Plain',
        maxNumberOfSymbols: 4,
        tryHarder: i === 9,
        tryRotate: false,
        tryInvert: false,
        tryDownscale: true,
      });
    }
  });
});

describe('guideBoxPixels', () => {
  it('is the centre 80% × 60% of the frame, rounded to whole pixels', () => {
    expect(guideBoxPixels(1280, 720)).toEqual({ x: 128, y: 144, width: 1024, height: 432 });
    // 64.1, 96.2, 512.8, 288.6
    expect(guideBoxPixels(641, 481)).toEqual({ x: 64, y: 96, width: 513, height: 289 });
  });
});

describe('rgbaToLuminance', () => {
  it('is (r + 2g + b) / 4 per pixel, rounded down, ignoring alpha', () => {
    const rgba = new Uint8ClampedArray([200, 100, 40, 255, 0, 255, 0, 0, 10, 20, 30, 7]);
    // (200 + 200 + 40) / 4 = 110; 510 / 4 = 127.5; (10 + 40 + 30) / 4 = 20
    expect([...rgbaToLuminance(rgba, 3, 1)]).toEqual([110, 127, 20]);
  });
});
