/** validate() throughput and per-call latency over 1,000,000 mixed valid and invalid inputs. */
import { performance } from 'node:perf_hooks';
import { luhnCheckDigit, validate } from '../src/imei/index.js';
import { formatNumber, percentile, type BenchSuite } from './bench-row.js';

const COUNT = 1_000_000;

function makeInputs(count: number): string[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const body = () => Array.from({ length: 14 }, () => Math.floor(random() * 10)).join('');
  const makers = [
    () => {
      const b = body();
      return b + luhnCheckDigit(b);
    }, // valid
    () => {
      const b = body();
      return `IMEI: ${b.slice(0, 2)}-${b.slice(2, 8)}-${b.slice(8)}-${luhnCheckDigit(b)}`;
    }, // labelled valid
    () => {
      const b = body();
      return b + ((Number(luhnCheckDigit(b)) + 1) % 10);
    }, // bad check digit
    () => body().slice(0, 13), // too short
    () => `${body()}00`, // imeisv
    () => `${body().slice(0, 7)}O${body().slice(0, 7)}`, // non-digit
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!());
}

const suite: BenchSuite = {
  title: 'imei',
  async run() {
    const inputs = makeInputs(COUNT);
    for (let i = 0; i < 50_000; i++) validate(inputs[i]!); // warm-up
    const start = performance.now();
    let valid = 0;
    for (const input of inputs) if (validate(input).ok) valid++;
    const elapsed = performance.now() - start;

    // Per-call latency on a sample: timing every call would measure the timer, not validate().
    const samples: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const t0 = performance.now();
      validate(inputs[i]!);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return [
      {
        name: 'validate() throughput',
        value: `${formatNumber(COUNT / (elapsed / 1000))} inputs/s`,
        notes: `${formatNumber(COUNT)} mixed inputs, ${formatNumber(valid)} valid`,
      },
      {
        name: 'validate() p99 latency',
        value: `${formatNumber(percentile(samples, 99) * 1000, 2)} µs`,
        notes: `p50 ${formatNumber(percentile(samples, 50) * 1000, 2)} µs, 100,000 sampled calls`,
      },
    ];
  },
};

export default suite;
