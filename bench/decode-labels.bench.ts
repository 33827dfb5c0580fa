/**
 * Generated IMEI label photos (test/fixtures/labels), per degradation class: the project's decoder
 * (`decodeImage`, wasm engine: ZXing-C++ passes and our own) beside ZXing-C++ with its defaults (one
 * readBarcodes call) and @zxing/library (the project's zxing-js engine: a quick pass and TRY_HARDER).
 * The seed is not one the decoder was tuned on (tuning used seeds 1–3; a miss on seed 2026 and one on
 * seed 5151 each led to a fix); LABEL_SEED picks another, LABEL_PER_CLASS the number of photos per class.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { decodeImage, type DecodeEngine } from '../src/decode/decode-image.js';
import { readWithZxingWasm } from '../src/decode/wasm-reader.js';
import { LABEL_CLASSES, labelPhotos, type LabelPhoto } from '../test/fixtures/labels/label-photos.js';
import { formatNumber, percentile, type BenchRow, type BenchSuite } from './bench-row.js';

const NO_BARCODES =
  process.env.NO_BARCODE_CORPUS ?? path.resolve(import.meta.dirname, '../../shared/corpus/no-barcodes');
const SEED = Number(process.env.LABEL_SEED ?? 8080);
const PER_CLASS = Number(process.env.LABEL_PER_CLASS ?? 8);

type Reader = 'ours' | 'zxing-cpp' | 'zxing-js';

/** The texts a reader returns for a photo. */
async function read(reader: Reader, photo: LabelPhoto): Promise<string[]> {
  if (reader === 'zxing-cpp') {
    const { data, info } = await sharp(photo.image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const image = {
      data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
    };
    return (await readWithZxingWasm(image, {})).filter((r) => r.isValid).map((r) => r.text);
  }
  const engine: DecodeEngine = reader === 'ours' ? 'wasm' : 'zxing-js';
  return (await decodeImage(photo.image, engine)).symbols.map((s) => s.text);
}

interface Tally {
  read: number;
  wrong: number;
  total: number;
  times: number[];
}

/** Every photo's outcome for one reader: read = all expected texts found; wrong = any other text returned. */
export async function tallyLabels(
  reader: Reader,
  photos: readonly LabelPhoto[],
): Promise<Map<string, Tally & { misses: string[] }>> {
  const byClass = new Map<string, Tally & { misses: string[] }>();
  for (const photo of photos) {
    const start = performance.now();
    const texts = await read(reader, photo);
    const ms = performance.now() - start;
    const entry = byClass.get(photo.labelClass) ?? { read: 0, wrong: 0, total: 0, times: [], misses: [] };
    entry.total++;
    entry.times.push(ms);
    if (photo.expected.every((t) => texts.includes(t))) entry.read++;
    else entry.misses.push(`${photo.name} (${photo.description})`);
    if (texts.some((t) => !photo.expected.includes(t))) entry.wrong++;
    byClass.set(photo.labelClass, entry);
  }
  return byClass;
}

/** The false-read check: photos with no barcode (zxing's and zxing-cpp's false-positive sets), every pass run on each. */
async function noBarcodeRow(): Promise<BenchRow> {
  const files = readdirSync(NO_BARCODES)
    .filter((f) => /\.(png|jpe?g|webp|gif)$/i.test(f))
    .sort();
  const readings: string[] = [];
  const times: number[] = [];
  for (const file of files) {
    const decoded = await decodeImage(path.join(NO_BARCODES, file), 'wasm');
    times.push(decoded.ms);
    if (decoded.symbols.length > 0)
      readings.push(
        `${file}: pass ${decoded.pass} ${decoded.symbols.map((s) => `${s.format} ${JSON.stringify(s.text)}`).join(', ')}`,
      );
  }
  times.sort((a, b) => a - b);
  return {
    name: 'barcode-free photos (corpus/no-barcodes): ours',
    value: `${readings.length} of ${files.length} with a reading`,
    notes: `per photo p50 ${formatNumber(percentile(times, 50), 0)} ms, max ${formatNumber(times.at(-1) ?? 0, 0)} ms${readings.length ? `; ${readings.join('; ')}` : ''}`,
  };
}

const suite: BenchSuite = {
  title: 'decode-labels',
  async run() {
    const photos = await labelPhotos(SEED, PER_CLASS);
    await read('ours', photos[0]!); // load the wasm module outside the timings
    const tallies = new Map<Reader, Awaited<ReturnType<typeof tallyLabels>>>();
    for (const reader of ['ours', 'zxing-cpp', 'zxing-js'] as const)
      tallies.set(reader, await tallyLabels(reader, photos));
    const cell = (t: Tally | undefined) => (t ? `${t.read}/${t.total}${t.wrong ? ` (${t.wrong} wrong)` : ''}` : '');
    const rows: BenchRow[] = [];
    const totals = new Map<Reader, Tally>();
    for (const labelClass of LABEL_CLASSES) {
      const ours = tallies.get('ours')!.get(labelClass)!;
      const sorted = [...ours.times].sort((a, b) => a - b);
      rows.push({
        name: `labels ${labelClass}: ours / ZXing-C++ defaults / @zxing/library`,
        value: `${cell(ours)} / ${cell(tallies.get('zxing-cpp')!.get(labelClass))} / ${cell(tallies.get('zxing-js')!.get(labelClass))}`,
        target: `≥ ${Math.ceil((7 / 8) * PER_CLASS)}/${PER_CLASS}`,
        notes: `ours per photo p50 ${formatNumber(percentile(sorted, 50), 0)} ms, max ${formatNumber(sorted.at(-1)!, 0)} ms${ours.misses.length ? `; missed ${ours.misses.join('; ')}` : ''}`,
      });
      for (const [reader, byClass] of tallies) {
        const t = byClass.get(labelClass)!;
        const total = totals.get(reader) ?? { read: 0, wrong: 0, total: 0, times: [] };
        totals.set(reader, {
          read: total.read + t.read,
          wrong: total.wrong + t.wrong,
          total: total.total + t.total,
          times: [...total.times, ...t.times],
        });
      }
    }
    const pct = (t: Tally) =>
      `${formatNumber((100 * t.read) / t.total, 1)}% (${t.read}/${t.total}${t.wrong ? `, ${t.wrong} wrong` : ''})`;
    rows.push({
      name: 'labels, all classes: ours / ZXing-C++ defaults / @zxing/library',
      value: `${pct(totals.get('ours')!)} / ${pct(totals.get('zxing-cpp')!)} / ${pct(totals.get('zxing-js')!)}`,
      target: '≥ 95% (ours)',
      notes: `${PER_CLASS} generated 800×600 photos per class, seed ${SEED}; read = every barcode on the label returned with its exact text`,
    });
    rows.push(await noBarcodeRow());
    return rows;
  },
};

export default suite;
