/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line, e.g.
 * `npm run bench -- imei`) and prints one markdown table. Figures are printed, never asserted.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import type { BenchRow, BenchSuite } from './bench-row.js';

const Args = z.array(z.string().regex(/^[\w-]+$/, 'bench names are words like "imei" or "validic"'));

async function main(): Promise<void> {
  const only = Args.parse(process.argv.slice(2));
  const dir = new URL('./', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, '')))
    .sort();
  const rows: Array<BenchRow & { suite: string }> = [];
  for (const file of files) {
    const suite = ((await import(new URL(file, dir).href)) as { default: BenchSuite }).default;
    process.stderr.write(`running ${suite.title}…\n`);
    for (const row of await suite.run()) rows.push({ ...row, suite: suite.title });
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}\n`,
  );
  console.log('| suite | measure | value | target | notes |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.suite} | ${r.name} | ${r.value} | ${r.target ?? ''} | ${r.notes ?? ''} |`);
  }
}

await main();
