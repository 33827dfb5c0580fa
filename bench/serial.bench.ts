/**
 * Modem read time, port open → validated IMEI, over a socat pseudo-terminal pair against the modem
 * emulator (quectel profile: wake, ATE0, AT+CMEE=2, ATI, AT+CGSN). Real serialport, real PTY, so
 * it measures the reader's own overhead; a USB modem adds its own reply latency on top.
 */
import { readModemImei } from '../src/serial/modem-reader.js';
import { startModemEmulator } from '../test/fixtures/serial/emulator-process.js';
import { createPtyPair } from '../test/support/socat.js';
import { formatNumber, percentile, type BenchRow, type BenchSuite } from './bench-row.js';

const READS = 40;

/** A modem answering every command late: few reads, each takes seconds. */
const LATE_READS = 3;

async function measure(profile: string, reads = READS): Promise<{ times: number[]; failures: number; reads: number }> {
  const pair = await createPtyPair();
  const emulator = await startModemEmulator(pair.deviceEnd, profile);
  try {
    if (reads === READS) await readModemImei({ path: pair.hostEnd }); // warm-up: module loading, first open
    const times: number[] = [];
    let failures = 0;
    for (let i = 0; i < reads; i++) {
      const result = await readModemImei({ path: pair.hostEnd });
      if (result.ok) times.push(result.ms);
      else failures++;
    }
    return { times: times.sort((a, b) => a - b), failures, reads };
  } finally {
    await emulator.stop();
    await pair.close();
  }
}

function row(
  name: string,
  { times, failures, reads }: { times: number[]; failures: number; reads: number },
  notes: string,
): BenchRow {
  return {
    name,
    value: `p50 ${formatNumber(percentile(times, 50), 1)} ms, p95 ${formatNumber(percentile(times, 95), 1)} ms`,
    notes: `${reads} reads, ${failures} failed, max ${formatNumber(times.at(-1) ?? Number.NaN, 1)} ms; ${notes}`,
  };
}

const suite: BenchSuite = {
  title: 'serial',
  async run() {
    return [
      row(
        'modem read time (port open → IMEI) over a pseudo-terminal',
        await measure('quectel'),
        'quectel profile: AT, ATE0, AT+CMEE=2, ATI, AT+CGSN',
      ),
      row(
        'modem read time, unsolicited lines between reply lines',
        await measure('urc-noise'),
        'urc-noise profile: URCs between every reply line',
      ),
      row('modem read time, fallback to AT+CGSN=1', await measure('cgsn1-only'), 'AT+CGSN and AT+GSN refused first'),
      row(
        'modem read time, every reply 1.2 s late',
        await measure('late', LATE_READS),
        'late profile (a slow module after boot): overlapping wake probes resynced, then 4 commands at 1.2 s each',
      ),
    ];
  },
};

export default suite;
