/**
 * Text made safe to print on a terminal. Control characters (escape sequences, carriage return,
 * backspace), C1 controls, line separators and bidirectional overrides are shown as \uXXXX instead
 * of acting. runCli applies it to every line the CLI prints, so an echoed input — a CSV header
 * cell, an argument, a barcode's text, a USB device's name — can never recolour, move the cursor
 * or rewrite what the operator sees. Tab and line feed stay: messages are laid out with them.
 *
 * A JSON line stays the same JSON: inside a string \uXXXX is the same character, and JSON has no
 * such characters outside strings.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An echoed value cut to `max` characters, so one huge cell cannot flood the output. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
