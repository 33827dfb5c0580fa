/**
 * Text → Code 128 (code set B) bar widths, for the barcodes the kiosk prints for its own scanners
 * (the acknowledge barcode, the device-type sheet). The symbol table is the decoder's, so what we
 * print and what we read cannot drift apart.
 */
import { CODE128, code128Checksum, symbolWidths } from '../decode/code128-symbols.js';

/** The quiet zone each side, in modules (the standard asks for at least 10). */
export const CODE128_QUIET_MODULES = 10;

/** Printable ASCII only (space … ~): what code set B holds and what a wedge scanner types back. */
export function isCode128BText(text: string): boolean {
  return text.length > 0 && /^[\x20-\x7e]+$/.test(text);
}

/**
 * Module widths, alternating space and bar, starting and ending with the quiet zone (a space):
 * quiet, START B, the data, the check symbol, STOP and its final bar, quiet.
 */
export function code128Widths(text: string): number[] {
  if (!isCode128BText(text)) throw new RangeError(`Code 128 B holds printable ASCII only, not ${JSON.stringify(text)}`);
  const data = [...text].map((ch) => ch.charCodeAt(0) - 32);
  const widths = [CODE128_QUIET_MODULES];
  for (const value of [CODE128.START_B, ...data, code128Checksum(CODE128.START_B, data)])
    widths.push(...symbolWidths(value));
  widths.push(...symbolWidths(CODE128.STOP), CODE128.STOP_BAR_MODULES, CODE128_QUIET_MODULES);
  return widths;
}

export interface Code128Bar {
  /** Left edge and width, in modules from the left of the quiet zone. */
  readonly x: number;
  readonly width: number;
}

/** The bars to draw (an SVG rect each) and the whole width in modules. */
export function code128Bars(text: string): { readonly bars: readonly Code128Bar[]; readonly modules: number } {
  const bars: Code128Bar[] = [];
  let at = 0;
  code128Widths(text).forEach((width, i) => {
    if (i % 2 === 1) bars.push({ x: at, width });
    at += width;
  });
  return { bars, modules: at };
}
