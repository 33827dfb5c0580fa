/**
 * A kiosk set to Spanish says the engine's problems in Spanish: a job queued during an outage, a
 * conflict Validic reports (NEEDS ATTENTION, with its next action), the queue screen's reason, a
 * bad order row and a refused batch scan; and the camera panel says in Spanish that it may not use
 * the camera.
 * The engine still speaks English (logs, CLI): the words come from the renderer's tables by kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidicClient } from '../../src/validic/client.js';
import { messages } from '../../renderer/src/i18n/messages.js';
import { openKioskFixture, signIn, useSpanish, type KioskFixture } from './harness/kiosk-host-fixture.js';
import {
  checkScreen,
  goTo,
  jobOrQueued,
  pickDeviceType,
  resultOutcome,
  setSimFaults,
  wedgeScan,
} from './harness/kiosk-steps.js';
import { makeImei } from '../support/imei.js';
import { ensureUser } from '../support/validic-user.js';

const es = messages.es;
const QUEUED_IMEI = '356938035643809';
const TAKEN_IMEI = '490154203237518';

describe('the kiosk in Spanish', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture({
      // One client retry and short worker delays keep the outage short (as in kiosk-outage).
      settings: { client: { timeoutMs: 5_000, retries: 1, concurrency: 4 } },
      engine: { onboarding: { retryBaseMs: 300, retryMaxMs: 600 } },
      // A camera but no auto-accept: headless Chromium denies the permission.
      chromiumArgs: ['--use-fake-device-for-media-stream'],
    });
    await signIn(fixture.kiosk);
    await useSpanish(fixture);
  });
  afterAll(async () => fixture?.close());

  it('says why a job is queued during an outage, in Spanish', async () => {
    const { page } = fixture.kiosk;
    await setSimFaults(fixture.host, { serverErrorShare: 1 });
    await wedgeScan(page, QUEUED_IMEI);
    await wedgeScan(page, 'PAT-3003');
    await pickDeviceType(page, 'Tensiómetro');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('queued');
    const text = await page.getByTestId('onboard-result').textContent();
    expect(text).toContain(es.onboard.queued);
    expect(text).toContain(es.problems.server_error.message);
    expect(text).not.toContain('Validic answered');
    await checkScreen(fixture.kiosk, 'onboard-queued-es');
    await page.keyboard.press('Enter');
  });

  it('lists the queued job with its reason in Spanish', async () => {
    const { page } = fixture.kiosk;
    // The job the test before queued (queued here through the contract when this test runs alone).
    await jobOrQueued(fixture.host, { imei: QUEUED_IMEI, uid: 'PAT-3003', deviceType: 'blood_pressure' });
    await goTo(page, 'queue');
    const row = page.getByTestId('jobs-table').locator('tr', { hasText: 'PAT-3003' });
    await row.waitFor();
    // The worker keeps trying during the outage; each failure journals the same kind of reason.
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(es.problems.server_error.message);
    await setSimFaults(fixture.host, {});
    await goTo(page, 'onboard');
  });

  it('says NEEDS ATTENTION and the next action in Spanish for a conflict Validic reports', async () => {
    const { page } = fixture.kiosk;
    // Another organization's client puts the IMEI on a patient this kiosk never saw.
    const simulator = fixture.host.engine().simulator!;
    const other = new ValidicClient({
      orgId: simulator.orgId,
      orgToken: simulator.token,
      apiBase: simulator.baseUrl,
      directBase: simulator.baseUrl,
    });
    const user = await ensureUser(other, 'PAT-ELSEWHERE');
    await other.connect(user.marketplace.token, TAKEN_IMEI, 'blood_glucose');

    await page.getByTestId('onboard-status').filter({ hasText: es.onboard.ready }).waitFor();
    await wedgeScan(page, TAKEN_IMEI);
    await wedgeScan(page, 'PAT-4004');
    await pickDeviceType(page, 'Glucómetro');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('needs_attention');
    const text = await page.getByTestId('onboard-result').textContent();
    expect(text).toContain(es.onboard.needsAttention);
    expect(text).toContain(es.problems.conflict.message);
    expect(text).toContain(`${es.onboard.nextAction} ${es.problems.conflict.nextAction}`);
    expect(text).not.toContain('Validic says');
    await checkScreen(fixture.kiosk, 'onboard-needs-attention-es');
  });

  it('says a bad order row and a refused batch scan in Spanish', async () => {
    const { page } = fixture.kiosk;
    await page.keyboard.press('Enter');
    await goTo(page, 'batch');
    const importFile = async (csv: string) => {
      await page
        .getByLabel(es.batch.fileLabel)
        .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: es.batch.import, exact: true }).click();
    };
    await importFile('uid,device_type\nB-1001,toaster\n');
    const badRow = page.getByTestId('batch-errors').locator('tbody tr').first();
    await badRow.waitFor();
    expect(await badRow.locator('td').nth(2).textContent()).toContain('tipo de dispositivo desconocido "toaster"');

    // One order, two devices: the second is refused by the engine, with a code the screen translates.
    await importFile('uid,device_type\nB-1001,blood_glucose\n');
    await expect.poll(() => page.getByTestId('batch-progress').textContent()).toContain('0 de 1 asignados');
    // A model this kiosk has no history of: no type question before the order takes it.
    await wedgeScan(page, makeImei('35000077', 200));
    await expect.poll(() => page.getByTestId('batch-progress').textContent()).toContain('1 de 1 asignados');
    const extra = makeImei('35000077', 201);
    await wedgeScan(page, extra);
    const refusal = page.getByRole('alert').filter({ hasText: 'No queda' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      `No queda ningún pedido abierto para el IMEI …${extra.slice(-4)}. ${es.problems.no_open_order.nextAction}`,
    );
    await goTo(page, 'onboard');
  });

  it('says in Spanish that the camera may not be used', async () => {
    const { page } = fixture.kiosk;
    await page.getByTestId('onboard-status').filter({ hasText: es.onboard.ready }).waitFor();
    await page.getByRole('button', { name: es.onboard.camera, exact: true }).click();
    const problem = page.locator('[data-problem]');
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.getAttribute('data-problem')).toBe('permission_denied');
    expect(await problem.textContent()).toContain(es.camera.problems.permission_denied);
    expect(await problem.getByRole('button').textContent()).toBe(es.camera.tryAgain);
  });
});
