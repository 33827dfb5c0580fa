#!/usr/bin/env node
// Prints the mutation score per engine module from StrykerJS's JSON reports (by default every
// module's reports/mutation/<module>.json that exists), and with --survivors every surviving mutant
// with its place, for docs/mutation.md.
import { existsSync, readFileSync } from 'node:fs';
import { mutationModules } from '../stryker.config.mjs';

const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const reports = named.length > 0 ? named : Object.keys(mutationModules).map((name) => `reports/mutation/${name}.json`);
const files = Object.assign(
  {},
  ...reports
    .filter((file) => named.length > 0 || existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')).files),
);
const modules = new Map();
const survivors = [];
for (const [path, { mutants, source }] of Object.entries(files)) {
  const module = path.split('/').slice(0, 2).join('/');
  const counts = modules.get(module) ?? { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 };
  for (const m of mutants) {
    if (m.status in counts) counts[m.status]++;
    else counts.other++;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      const line = source.split('\n')[m.location.start.line - 1]?.trim().slice(0, 100) ?? '';
      survivors.push(
        `${path}:${m.location.start.line} ${m.status} ${m.mutatorName}${m.replacement ? ` → ${JSON.stringify(m.replacement).slice(0, 60)}` : ''} | ${line}`,
      );
    }
  }
  modules.set(module, counts);
}
console.log('| module | killed | timeout | survived | no coverage | score |');
console.log('|---|---|---|---|---|---|');
for (const [module, c] of [...modules].sort()) {
  const detected = c.Killed + c.Timeout;
  const total = detected + c.Survived + c.NoCoverage;
  console.log(
    `| ${module} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${total === 0 ? '—' : ((100 * detected) / total).toFixed(1) + '%'} |`,
  );
}
if (process.argv.includes('--survivors')) {
  console.log('\nSurvivors:');
  for (const s of survivors) console.log(`- ${s}`);
}
