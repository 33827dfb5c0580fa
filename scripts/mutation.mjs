#!/usr/bin/env node
// npm run mutation [-- <module> ...]: runs StrykerJS once per module (stryker.config.mjs reads
// MUTATION_MODULE), each with its own incremental record, then prints the score per module from every
// module's report. One module's run is kept when it finishes, however long the others take.
import { spawnSync } from 'node:child_process';
import { mutationModules } from '../stryker.config.mjs';

const known = Object.keys(mutationModules);
const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = asked.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown module(s): ${unknown.join(', ')}. Modules: ${known.join(', ')}`);
  process.exit(2);
}
const modules = asked.length > 0 ? asked : known;
for (const name of modules) {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULE: name },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (run.status !== 0) {
    console.error(`Mutation run of ${name} failed (exit ${run.status ?? run.signal}) after ${minutes} min.`);
    process.exit(1);
  }
  console.log(`Mutation run of ${name}: ${minutes} min.`);
}
spawnSync('node', ['scripts/mutation-summary.mjs', ...modules.map((name) => `reports/mutation/${name}.json`)], {
  stdio: 'inherit',
});
