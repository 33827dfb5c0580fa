/**
 * Code 128 symbol values → text, written to match what zxing-wasm returns in its Plain text mode:
 * an FNC1 right after START (GS1-128) adds nothing, a later FNC1 becomes GS (0x1D), FNC2 and FNC3
 * add nothing, FNC4 lifts characters into 128…255.
 */
import { CODE128 } from './code128-symbols.js';

type CodeSet = 'A' | 'B' | 'C';

const GS = '\u001d';

const START_SETS: ReadonlyMap<number, CodeSet> = new Map([
  [CODE128.START_A, 'A'],
  [CODE128.START_B, 'B'],
  [CODE128.START_C, 'C'],
]);

/** A character value in set A or B → its ASCII code, or undefined for a function value. */
function asciiOf(set: 'A' | 'B', value: number): number | undefined {
  if (set === 'A') {
    if (value < 64) return value + 32;
    if (value < 96) return value - 64;
    return undefined;
  }
  return value < 96 ? value + 32 : undefined;
}

/**
 * `start` is the START value, `data` the values between START and the check symbol. Returns
 * undefined for a sequence no encoder writes (START or STOP inside, nothing but functions).
 */
export function code128Text(start: number, data: readonly number[]): string | undefined {
  let set = START_SETS.get(start);
  if (set === undefined) return undefined;
  let text = '';
  let shiftNext = false;
  let extendedLatched = false;
  let pendingFnc4 = false;
  for (const [index, value] of data.entries()) {
    if (value >= CODE128.START_A) return undefined;
    const current: CodeSet = shiftNext ? (set === 'A' ? 'B' : 'A') : set;
    shiftNext = false;
    if (value === CODE128.FNC1) {
      if (index > 0) text += GS;
      continue;
    }
    if (current === 'C') {
      if (value < 100) text += String(value).padStart(2, '0');
      else set = value === CODE128.CODE_B ? 'B' : 'A';
      continue;
    }
    const ascii = asciiOf(current, value);
    if (ascii !== undefined) {
      text += String.fromCharCode(extendedLatched !== pendingFnc4 ? ascii + 128 : ascii);
      pendingFnc4 = false;
      continue;
    }
    const fnc4: number = current === 'A' ? CODE128.CODE_A : CODE128.CODE_B; // FNC4 shares its value with "code A" in A, "code B" in B
    if (value === fnc4) {
      // Two FNC4 in a row switch extended ASCII on (or off) for the following characters.
      if (pendingFnc4) extendedLatched = !extendedLatched;
      pendingFnc4 = !pendingFnc4;
    } else if (value === CODE128.SHIFT) {
      shiftNext = true;
    } else if (value === CODE128.CODE_C) {
      set = 'C';
    } else if (value === CODE128.CODE_A || value === CODE128.CODE_B) {
      set = value === CODE128.CODE_A ? 'A' : 'B';
    }
    // FNC2 (message append) and FNC3 (reader initialisation) carry no text.
  }
  return text.length > 0 ? text : undefined;
}
