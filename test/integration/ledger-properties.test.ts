/** Properties over real files: a journal cut at any byte recovers every whole line; any changed byte is caught. */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger, ledgerDir, openLedger, segmentName } from '../../src/ledger/index.js';

let root: string;
let journal: Buffer;
let lineEnds: number[];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ledger-prop-'));
  const ledger = await openLedger({ dataDir: path.join(root, 'source') });
  for (let i = 0; i < 12; i++) {
    await ledger.append({
      type: 'api_attempt',
      call: 'connect',
      outcome: i % 3 === 0 ? 'rate_limited' : 'ok',
      durationMs: i * 7.5,
      detail: `café ${i}`,
    });
  }
  await ledger.close();
  journal = await readFile(path.join(ledgerDir(path.join(root, 'source')), segmentName(1)));
  lineEnds = [...journal.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let run = 0;
async function journalOf(bytes: Buffer): Promise<string> {
  const dataDir = path.join(root, `case-${run++}`);
  await mkdir(ledgerDir(dataDir), { recursive: true });
  await writeFile(path.join(ledgerDir(dataDir), segmentName(1)), bytes);
  return dataDir;
}

describe('ledger properties', () => {
  it('a journal cut at any byte opens with every whole line, the rest moved aside byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: journal.length - 1 }), async (cut) => {
        const dataDir = await journalOf(journal.subarray(0, cut));
        const whole = lineEnds.filter((end) => end <= cut);
        const ledger = await openLedger({ dataDir });
        try {
          expect(ledger.report.damaged).toBe(false);
          expect(ledger.report.records).toBe(whole.length);
          const kept = whole.at(-1) ?? 0;
          if (kept === cut) expect(ledger.report.movedTail).toBeUndefined();
          else expect(await readFile(ledger.report.movedTail!.movedTo)).toEqual(journal.subarray(kept, cut));
          expect(
            (await ledger.append({ type: 'api_attempt', call: 'connect', outcome: 'ok', durationMs: 1 })).seq,
          ).toBe(whole.length + 1);
        } finally {
          await ledger.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('any changed byte fails ledger check (but the final newline: that reads as a torn write)', async () => {
    const lastNewline = Buffer.from(journal);
    lastNewline[journal.length - 1] = 0x20;
    const torn = await checkLedger(await journalOf(lastNewline));
    expect(torn.ok).toBe(true);
    // Only the segment is copied, as from a journal written before the high-water mark existed.
    expect(torn.issues).toEqual([
      expect.objectContaining({ severity: 'warning', kind: 'high_water', file: 'HIGH-WATER' }),
      expect.objectContaining({ severity: 'warning', kind: 'torn', line: 12 }),
    ]);

    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: journal.length - 2 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, xor) => {
          const bytes = Buffer.from(journal);
          bytes[at] = bytes[at]! ^ xor;
          const result = await checkLedger(await journalOf(bytes));
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });
});
