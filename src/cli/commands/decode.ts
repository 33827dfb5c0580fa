/** `imei-kiosk decode <image>...`: read the barcodes in image files; one JSON line per image. */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { DECODE_ENGINES, decodeImage, type DecodeEngine } from '../../decode/decode-image.js';
import { ImageTooLargeError } from '../../decode/load-image.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const DecodeOptions = z.object({ engine: z.enum(DECODE_ENGINES), json: z.boolean().optional() });

/** The stable output line for one image. Keep field names and order as they are. */
export async function decodeLine(
  file: string,
  engine: DecodeEngine,
): Promise<{ line: Record<string, unknown>; ok: boolean }> {
  try {
    const decoded = await decodeImage(file, engine);
    const results = decoded.symbols.map((s) => ({ text: s.text, format: s.format, imeis: s.imeis }));
    const ok = results.length > 0;
    return { ok, line: { file, ok, results, ms: Math.round(decoded.ms * 10) / 10 } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure =
      error instanceof ImageTooLargeError
        ? { kind: 'image_too_large', message: `Not decoding ${basename(file)}: ${message}.` }
        : { kind: 'unreadable_image', message: `Cannot read ${basename(file)} as an image: ${message}` };
    return { ok: false, line: { file, ok: false, results: [], ms: 0, error: failure } };
  }
}

function humanLine(line: Record<string, unknown>): string {
  const results = line.results as Array<{ text: string; format: string; imeis: string[] }>;
  if (line.error) return `${String(line.file)}: ${(line.error as { message: string }).message}`;
  if (results.length === 0) return `${String(line.file)}: no barcode found (${String(line.ms)} ms)`;
  const parts = results.map(
    (r) => `${r.format} ${JSON.stringify(r.text)}${r.imeis.length ? ` → IMEI ${r.imeis.join(', ')}` : ''}`,
  );
  return `${String(line.file)}: ${parts.join('; ')} (${String(line.ms)} ms)`;
}

export function register(program: Command, context: CliContext): void {
  program
    .command('decode')
    .description('Read the barcodes in image files (PNG, JPEG, WebP) and the IMEIs they hold.')
    .argument('<image...>', 'image files')
    .addOption(new Option('--engine <engine>', 'decoder').choices([...DECODE_ENGINES]).default('wasm'))
    .option('--json', 'one JSON object per image, one per line')
    .addHelpText(
      'after',
      `
JSON output, one line per image:
  {"file": "...", "ok": true, "results": [{"text": "...", "format": "Code128", "imeis": ["..."]}], "ms": 12.3}
  ok is false when no barcode was found, or the file is not a readable image or is over 40 MP
  (then "error": {"kind": "unreadable_image" | "image_too_large", "message"}).
Engines: wasm (ZXing-C++ as WebAssembly, the default) or zxing-js (@zxing/library).
Exit code: 0 when every image gave a barcode, 1 when any did not, 2 for a usage error.`,
    )
    .action(async (files: string[], raw: unknown) => {
      const options = DecodeOptions.parse(raw);
      for (const file of files) {
        const { line, ok } = await decodeLine(file, options.engine);
        context.io.out(options.json ? JSON.stringify(line) : humanLine(line));
        if (!ok) context.setExitCode(ExitCode.failed);
      }
    });
}
