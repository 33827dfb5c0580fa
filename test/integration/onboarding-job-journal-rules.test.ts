/**
 * The job journal's own rules, on a real ledger against the real simulator: which jobs count in a
 * mode, which one binds an IMEI, how a job id and a needs_attention transition are written, and what
 * an api_attempt keeps (its send, its status only when it is an HTTP one, its words capped, who it
 * was for) — and the one deliberate re-send after a lost answer, never after a clear refusal.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Ledger, LedgerRecord } from '../../src/ledger/index.js';
import { JobJournal, reasonOf } from '../../src/onboarding/job-journal.js';
import { ValidicError } from '../../src/validic/errors.js';
import { testImei } from '../support/imei.js';
import { lossyProxy } from '../support/lossy-proxy.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';
import { validicFailure } from '../support/validic-failure.js';
import { recordsOf } from '../support/ledger-records.js';

const h = onboardingHarness('onboarding-job-journal-rules');
const TAC = '35870000';

/** A production journal on a fresh ledger, calling Validic at `base` (default: the simulator) with no retries. */
async function journalAt(base?: string): Promise<{ journal: JobJournal; ledger: Ledger }> {
  const { ledger } = await h.station();
  return { journal: new JobJournal(ledger, h.client(base, { retries: 0 }), 'production', 'st', 'op'), ledger };
}

const attempts = (ledger: Ledger) => recordsOf(ledger, 'api_attempt');
const transitions = (ledger: Ledger) => recordsOf(ledger, 'job_transition');

/** Answers every request with one HTTP status (a gateway in front of Validic saying something odd). */
async function answering(status: number): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  h.later(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A patient at the simulator with `imei` connected; its marketplace token. */
async function patientWith(uid: string, imei: string): Promise<string> {
  const client = h.client();
  const token = (await client.provisionUser(uid)).marketplace.token;
  await client.connect(token, imei, 'blood_glucose');
  return token;
}

describe('reason fields of a problem', () => {
  it('carries reasonParams only when the problem has at least one value', () => {
    // An absent or empty params must leave no reasonParams key at all (not one holding undefined or {}).
    const none = reasonOf({ kind: 'server_error', message: 'down' });
    expect(none).toStrictEqual({ reason: 'down', reasonKind: 'server_error' });
    expect('reasonParams' in none).toBe(false);
    const empty = reasonOf({ kind: 'server_error', message: 'down', params: {} });
    expect('reasonParams' in empty).toBe(false);
    expect(reasonOf({ kind: 'cancelled_by', message: 'by ann', params: { by: 'ann' } })).toStrictEqual({
      reason: 'by ann',
      reasonKind: 'cancelled_by',
      reasonParams: { by: 'ann' },
    });
  });
});

describe('jobs of this mode', () => {
  it("a patient's jobs leave out the other mode's, and keep an older journal's with no mode", async () => {
    const { journal, ledger } = await journalAt();
    await seedJob(ledger, { jobId: 'j-prod', uid: 'jj-0001', imei: testImei(1, TAC), state: 'ready' });
    await seedJob(ledger, {
      jobId: 'j-train',
      uid: 'jj-0001',
      imei: testImei(2, TAC),
      state: 'ready',
      mode: 'training',
    });
    await seedJob(ledger, { jobId: 'j-old', uid: 'jj-0001', imei: testImei(3, TAC), state: 'ready', mode: null });
    expect(
      journal
        .jobsByUid('jj-0001')
        .map((j) => j.jobId)
        .sort(),
    ).toEqual(['j-old', 'j-prod']);
  });

  it('an IMEI whose only job is waiting for a person is bound to no one', async () => {
    const { journal, ledger } = await journalAt();
    const imei = testImei(4, TAC);
    await seedJob(ledger, { jobId: 'j-wait', uid: 'jj-0004', imei, state: 'needs_attention' });
    expect(journal.jobsByImei(imei).map((j) => j.jobId)).toEqual(['j-wait']);
    expect(journal.binding(imei)).toBeUndefined();
  });

  it('an IMEI bound by several jobs is bound by the newest one', async () => {
    const { journal, ledger } = await journalAt();
    const imei = testImei(5, TAC);
    // The journal may hold older bindings (an override moved the device): the latest intent wins.
    await seedJob(ledger, { jobId: 'j-oldest', uid: 'jj-0051', imei, state: 'connected' });
    await seedJob(ledger, { jobId: 'j-older', uid: 'jj-0052', imei, state: 'connected' });
    await seedJob(ledger, { jobId: 'j-newest', uid: 'jj-0053', imei, state: 'verified' });
    await seedJob(ledger, { jobId: 'j-waiting', uid: 'jj-0054', imei, state: 'needs_attention' });
    expect(journal.binding(imei)?.jobId).toBe('j-newest');
  });

  it('a job id the ledger does not hold is refused, naming it', async () => {
    const { journal } = await journalAt();
    expect(() => journal.requireJob('job-nowhere')).toThrow('No job job-nowhere in the ledger.');
  });

  it('new job ids count up from 0 in base 36, one per call', async () => {
    const { journal } = await journalAt();
    const ids = [journal.newJobId(), journal.newJobId()];
    for (const id of ids) expect(id).toMatch(/^job-[0-9a-z]+-[0-9a-z]+-[0-9a-z]+$/);
    expect(ids.map((id) => id.split('-').at(-1))).toEqual(['0', '1']);
  });
});

describe('needs_attention transitions', () => {
  it("keep the problem's words cut at 2,000 characters, its next action, kind and params", async () => {
    const { journal, ledger } = await journalAt();
    await seedJob(ledger, { jobId: 'j-na', uid: 'jj-0010', imei: testImei(10, TAC), state: 'ready' });
    const message = 'w'.repeat(2500);
    const result = await journal.needsAttention('j-na', {
      kind: 'held_by_other_patient',
      message,
      nextAction: 'Check the label.',
      params: { imeiLast4: '0010', otherLast4: '0099' },
    });
    if (result.outcome !== 'needs_attention') throw new Error(result.outcome);
    const last = (await transitions(ledger)).at(-1);
    expect(last).toMatchObject({
      jobId: 'j-na',
      from: 'ready',
      to: 'needs_attention',
      reason: message.slice(0, 2000),
      nextAction: 'Check the label.',
      reasonKind: 'held_by_other_patient',
      reasonParams: { imeiLast4: '0010', otherLast4: '0099' },
    });
    expect(result.job.reasonParams).toEqual({ imeiLast4: '0010', otherLast4: '0099' });
  });
});

describe('api_attempt records', () => {
  it('a successful call with no send number journals none, and its real duration', async () => {
    const { journal, ledger } = await journalAt();
    await h.client().provisionUser('jj-0020');
    // A subscriber sees the record as appended: an absent send number must not be a key holding undefined.
    const seen: LedgerRecord[] = [];
    ledger.subscribe((r) => seen.push(r));
    const before = performance.now();
    await journal.call(undefined, 'get_user', () => journal.client.getUser('jj-0020'), 'jj-0020');
    const elapsed = performance.now() - before;
    const [attempt] = await attempts(ledger);
    expect(attempt).toMatchObject({ call: 'get_user', outcome: 'ok', uid: 'jj-0020' });
    expect(attempt?.durationMs).toBeLessThanOrEqual(Math.ceil(elapsed));
    const live = seen.find((r) => r.type === 'api_attempt');
    expect(live && 'attempt' in live).toBe(false);
  });

  it('a refused call for a patient with no job names the patient, its words exactly, and no send number', async () => {
    const { journal, ledger } = await journalAt();
    const seen: LedgerRecord[] = [];
    ledger.subscribe((r) => seen.push(r));
    const before = performance.now();
    const error = await journal
      .call(undefined, 'get_user', () => journal.client.getUser('jj-0021'), 'jj-0021')
      .catch((e: unknown) => e);
    const elapsed = performance.now() - before;
    if (!(error instanceof ValidicError)) throw error;
    const [attempt] = await attempts(ledger);
    expect(attempt).toMatchObject({ call: 'get_user', outcome: 'not_found', httpStatus: 404, uid: 'jj-0021' });
    // A clear refusal is not marked as maybe applied: its detail is the error's own words.
    expect(attempt?.detail).toBe(error.message);
    expect(attempt && 'jobId' in attempt).toBe(false);
    expect(attempt?.durationMs).toBeLessThanOrEqual(Math.ceil(elapsed));
    const live = seen.find((r) => r.type === 'api_attempt');
    expect(live && 'attempt' in live).toBe(false);
  });

  it('an HTTP status up to 599 is kept; 600 is not an HTTP status and is left out', async () => {
    for (const [status, kept] of [
      [599, true],
      [600, false],
    ] as const) {
      const { journal, ledger } = await journalAt(await answering(status));
      // The call's own error comes back (not a ledger refusal of an out-of-range status).
      await validicFailure(journal.call(undefined, 'get_user', () => journal.client.getUser('jj-0030'), 'jj-0030'));
      const [attempt] = await attempts(ledger);
      expect(attempt?.outcome).toBe('server_error');
      expect(attempt?.httpStatus).toBe(kept ? status : undefined);
      expect(attempt && 'httpStatus' in attempt).toBe(kept);
    }
  });

  it('a status below 100 is left out, 100 is kept (the client never surfaces these; the journal still guards)', async () => {
    for (const [status, kept] of [
      [99, false],
      [100, true],
    ] as const) {
      const { journal, ledger } = await journalAt();
      const thrown = new ValidicError({ kind: 'invalid_request', status, message: `odd ${status}` });
      await expect(journal.call(undefined, 'get_user', () => Promise.reject(thrown), 'jj-0031')).rejects.toBe(thrown);
      const [attempt] = await attempts(ledger);
      expect(attempt && 'httpStatus' in attempt).toBe(kept);
      expect(attempt?.detail).toBe(`odd ${status}`);
    }
  });

  it("a failure's words are cut at 2,000 characters after the maybe-applied mark", async () => {
    // No wire answer is this long (the client caps the server's words): only such an error shows the cut.
    const { journal, ledger } = await journalAt();
    const message = 'm'.repeat(2500);
    const thrown = new ValidicError({ kind: 'timeout', message, outcomeUnknown: true });
    await expect(journal.call(undefined, 'disconnect', () => Promise.reject(thrown), 'jj-0032', 1)).rejects.toBe(
      thrown,
    );
    const [attempt] = await attempts(ledger);
    expect(attempt?.detail).toBe(`[outcome unknown] ${message}`.slice(0, 2000));
    expect(attempt?.attempt).toBe(1);
  });
});

describe('re-sending once', () => {
  it('a call answered the first time is not re-sent and says so', async () => {
    const imei = testImei(40, TAC);
    const token = await patientWith('jj-0040', imei);
    const { journal, ledger } = await journalAt();
    const sent = await journal.callResendingOnce(
      undefined,
      'disconnect',
      () => journal.client.disconnect(token, imei),
      'jj-0040',
    );
    expect(sent.resent).toBe(false);
    expect((await attempts(ledger)).map((a) => [a.call, a.outcome, a.attempt, a.uid])).toEqual([
      ['disconnect', 'ok', 1, 'jj-0040'],
    ]);
  });

  it('a clear refusal is not re-sent: it is thrown after the one journaled send', async () => {
    // The device is not on the patient: Validic's 404 is an answer, so there is nothing to re-send.
    const imei = testImei(41, TAC);
    const token = await patientWith('jj-0041', testImei(42, TAC));
    const { journal, ledger } = await journalAt();
    const error = await validicFailure(
      journal.callResendingOnce(undefined, 'disconnect', () => journal.client.disconnect(token, imei), 'jj-0041'),
    );
    expect(error.kind).toBe('not_found');
    expect((await attempts(ledger)).map((a) => [a.outcome, a.attempt, a.httpStatus])).toEqual([['not_found', 1, 404]]);
  });

  it("a lost answer is re-sent once, and the re-send's refusal settled into an answer says it was re-sent", async () => {
    const imei = testImei(43, TAC);
    const token = await patientWith('jj-0043', imei);
    // The first disconnect reaches Validic, its answer is lost; the re-send finds the device gone (404).
    const proxy = await lossyProxy(h.sim.baseUrl, {
      matches: (url) => url.includes('/disconnect/'),
      forward: true,
      times: 1,
    });
    h.later(proxy.close);
    const { journal, ledger } = await journalAt(proxy.url);
    const sent = await journal.callResendingOnce(
      undefined,
      'disconnect',
      async () => (await journal.client.disconnect(token, imei)).credentials.device_id,
      'jj-0043',
      (again) => (again.kind === 'not_found' ? 'gone' : undefined),
    );
    expect(sent).toEqual({ value: 'gone', resent: true });
    const records = await attempts(ledger);
    expect(records.map((a) => [a.outcome, a.attempt, a.httpStatus])).toEqual([
      ['network', 1, undefined],
      ['not_found', 2, 404],
    ]);
    expect(records[0]?.detail).toMatch(/^\[outcome unknown\] /);
  });
});
