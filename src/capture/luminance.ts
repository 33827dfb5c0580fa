/** RGBA pixels → one luminance byte per pixel, for decoders that want greyscale (zxing-js). */
export function rgbaToLuminance(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
): Uint8ClampedArray {
  const size = width * height;
  const out = new Uint8ClampedArray(size);
  for (let i = 0, p = 0; i < size; i++, p += 4) {
    // Green-weighted average, as zxing's own RGB source computes it (r + 2g + b) / 4.
    out[i] = (rgba[p]! + 2 * rgba[p + 1]! + rgba[p + 2]!) >> 2;
  }
  return out;
}
