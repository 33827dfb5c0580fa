/**
 * Every channel of the contract fed random payloads — any JSON, and valid requests with one field
 * dropped, replaced or added — through the real host's dispatcher and through the browser host's
 * HTTP IPC: an envelope every time, never an exception, never HTTP 500, and no handler fault.
 * Seeded (test/support/fast-check-seed.ts): FC_SEED=<n> replays a failure.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpcEnvelopeSchema } from '../../src/ipc/wire.js';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import { PATIENT, SAMPLE_CHANNELS, SAMPLES } from '../support/contract-samples.js';
import { kioskClient } from '../support/kiosk-client.js';
import { openThrowawayHost, type ThrowawayHost } from '../support/throwaway-host.js';
import { startWebhostIpc, type WebhostIpc } from '../support/webhost-client.js';

const RUNS = 1000;

let opened: ThrowawayHost;
let host: KioskHost;
let ipc: WebhostIpc;
const faults: string[] = [];

beforeAll(async () => {
  opened = await openThrowawayHost({
    // Random PINs are mostly wrong: without this the lock would answer everything after the fifth.
    pinLock: { maxWrong: 1_000_000 },
    onHandlerError: (channel, error) => faults.push(`${channel}: ${String(error)}`),
  });
  ({ host } = opened);
  ipc = await startWebhostIpc(host);
  // The seed goes through the typed client: a seed the host refused would leave nothing to fuzz against.
  const kiosk = kioskClient(host);
  await kiosk.session.signIn({ operatorId: 'op-fuzz' });
  expect(await kiosk.onboard.submit({ ...PATIENT, raw: PATIENT.imei, source: 'wedge' })).toMatchObject({
    outcome: 'connected',
  });
});
afterAll(async () => {
  await ipc?.close();
  await opened?.close();
});

/** Values a field may be given: any JSON, near-misses of the fields' formats, and the supervisor PIN. */
const fieldValue = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: fc.constantFrom(...'0123456789-abcXYZ :'), maxLength: 20 }),
  fc.constantFrom('5678', PATIENT.imei, PATIENT.uid, '', '9'.repeat(15), 'abc', '2026-02-30', null),
);

const channelName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SAMPLE_CHANNELS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom('imei.__proto__', '__proto__.validate', 'jobs.toString', 'jobs.', '.list') },
);

/** A valid request for the channel (if it has one), with one field dropped, replaced or added. */
function payloadFor(channel: string): fc.Arbitrary<unknown> {
  const sample = (SAMPLES as Record<string, { request: Record<string, unknown> } | undefined>)[channel]?.request;
  if (!sample) return fc.jsonValue();
  const keys = [...Object.keys(sample), 'extra', '__proto__'];
  const mutated = fc
    .tuple(fc.constantFrom('drop', 'set'), fc.constantFrom(...keys), fieldValue)
    .map(([op, key, value]) => {
      const copy: Record<string, unknown> = { ...sample };
      if (op === 'drop') delete copy[key];
      else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
      return copy;
    });
  return fc.oneof({ weight: 1, arbitrary: fc.jsonValue() }, { weight: 3, arbitrary: mutated });
}

const call = fc
  .record({ signedIn: fc.boolean(), channel: channelName })
  .chain(({ signedIn, channel }) => payloadFor(channel).map((payload) => ({ signedIn, channel, payload })));

describe('every channel, fed random payloads', () => {
  it(`answers an envelope through the dispatcher and through the browser host's HTTP IPC (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(call, async ({ signedIn, channel, payload }) => {
        faults.length = 0;
        await host.dispatcher.dispatch(
          signedIn ? 'session.signIn' : 'session.signOut',
          signedIn ? { operatorId: 'op-fuzz' } : {},
        );
        const direct = await host.dispatcher.dispatch(channel, payload);
        expect(IpcEnvelopeSchema.safeParse(direct).success).toBe(true);
        const overHttp = await ipc.post(channel, payload);
        expect(overHttp.status).toBe(200);
        expect(IpcEnvelopeSchema.safeParse(overHttp.body).success).toBe(true);
        expect(faults).toEqual([]);
        for (const answer of [direct, overHttp.body]) {
          expect((answer as { error?: { code?: string } }).error?.code).not.toBe('handler_failed');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('answers bodies that are not JSON with an envelope over HTTP', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SAMPLE_CHANNELS), fc.string({ maxLength: 64 }), async (channel, body) => {
        const answer = await ipc.postRaw(encodeURIComponent(channel), body);
        expect(answer.status).toBe(200);
        expect(IpcEnvelopeSchema.safeParse(answer.body).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
