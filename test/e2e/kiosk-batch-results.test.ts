/**
 * Batch results as a packing station sees them (issue 15), in Chromium against a real host: the
 * latest scan is the big result (a refused scan replaces the last green one); an order's type is
 * checked against what this kiosk knows of the device's model and asked on a mismatch; an IMEI on
 * another patient offers the supervisor override (here and in Queue), naming both patients; the
 * batch says when it is complete (no time left to wait for); closing it is confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo, holdersOf, wedgeScan } from './harness/kiosk-steps.js';
import { makeImei, withWrongCheckDigit } from '../support/imei.js';
import { kioskClient } from '../support/kiosk-client.js';

const CSV =
  'uid,device_type,order_ref\nB-2001,blood_glucose,ORD-1\nB-2002,blood_glucose,ORD-2\nB-2003,blood_glucose,ORD-3\n';
/** A new model: nothing known of it. */
const FRESH = makeImei('35000001', 1);
/** A model this kiosk has connected as weight scales. */
const SCALE_MODEL = (serial: number) => makeImei('35111111', serial);
/** A device already on another patient. */
const HELD = makeImei('35222222', 1);
const BAD_LUHN = withWrongCheckDigit(FRESH).imei;

describe('batch results, type check, override, completion', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
    const seed = [
      { imei: SCALE_MODEL(1), deviceType: 'weight_scale', uid: 'P-SCALE1' },
      { imei: SCALE_MODEL(2), deviceType: 'weight_scale', uid: 'P-SCALE2' },
      { imei: HELD, deviceType: 'blood_glucose', uid: 'P-OTHER-7788' },
    ];
    for (const device of seed) {
      const answer = await kioskClient(fixture.host).onboard.submit({
        ...device,
        raw: device.imei,
        source: 'typed',
      });
      expect(answer).toMatchObject({ outcome: 'connected' });
    }
    await goTo(fixture.kiosk.page, 'batch');
    const { page } = fixture.kiosk;
    await page
      .getByLabel('Orders CSV file')
      .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('batch-progress').filter({ hasText: '0 of 3 assigned' }).waitFor();
  });
  afterAll(async () => fixture?.close());

  /**
   * The orders the tests before filled (ORD-1 by FRESH, ORD-2 by the scale model confirmed as a glucose
   * meter, ORD-3 by another new device here), assigned through the contract when a test runs alone;
   * the screen is reloaded to show them.
   */
  async function ordersFilled(count: number): Promise<void> {
    const fills = [
      { imei: FRESH },
      { imei: SCALE_MODEL(3), typeConfirmed: 'blood_glucose' },
      { imei: makeImei('35000001', 3) },
    ];
    const connected = async () => (await kioskClient(fixture.host).batch.status({})).connected;
    // Assigned, not connected, says which orders the tests before filled: the last may still be on its way.
    const before = (await kioskClient(fixture.host).batch.status({})).assigned;
    for (const fill of fills.slice(before, count)) {
      const answer = await kioskClient(fixture.host).batch.scan({ ...fill, raw: fill.imei, source: 'wedge' });
      expect(answer).toMatchObject({ outcome: expect.stringMatching(/^(queued|connected)$/) });
    }
    // A batch scan may go through the queue: connected once the worker has sent it.
    await expect.poll(connected, { timeout: 20_000 }).toBe(count);
    if (before >= count) return;
    await fixture.kiosk.page.reload();
    await fixture.kiosk.page.getByTestId('onboard-status').waitFor();
    await goTo(fixture.kiosk.page, 'batch');
    await fixture.kiosk.page
      .getByTestId('batch-progress')
      .filter({ hasText: `${count} of 3 assigned` })
      .waitFor();
  }

  it('makes a refused scan the big result, not a small line under the last green one', async () => {
    const { page } = fixture.kiosk;
    await wedgeScan(page, FRESH);
    await expect.poll(() => page.getByTestId('batch-last').getAttribute('data-outcome')).toBe('connected');
    await wedgeScan(page, BAD_LUHN);
    await expect.poll(() => page.getByTestId('batch-last').getAttribute('data-outcome')).toBe('refused');
    // One result on screen, the latest, in the big line.
    expect(await page.getByTestId('batch-last').count()).toBe(1);
    expect(await page.getByTestId('batch-last').locator('.big-line').textContent()).toContain('NOT ASSIGNED');
    await checkScreen(fixture.kiosk, 'batch-refused-latest');
  });

  it("asks before a device goes to an order of another type than its model's history", async () => {
    const { page } = fixture.kiosk;
    await ordersFilled(1);
    await wedgeScan(page, SCALE_MODEL(3));
    const question = page.getByTestId('batch-type-question');
    await question.waitFor();
    expect(await question.textContent()).toContain('B-2002');
    expect(await question.textContent()).toContain('Weight scale');
    expect(await question.textContent()).toContain('2 times');
    await checkScreen(fixture.kiosk, 'batch-type-question');
    // Nothing assigned while the question is open.
    expect(await holdersOf(fixture.host, SCALE_MODEL(3))).toEqual([]);
    await page.getByRole('button', { name: 'No, put it aside' }).click();
    await expect.poll(() => page.getByTestId('batch-last').getAttribute('data-outcome')).toBe('refused');
    expect(await page.getByTestId('batch-progress').textContent()).toContain('1 of 3 assigned');

    // The operator checks: it is a glucose meter after all, and says so.
    await wedgeScan(page, SCALE_MODEL(3));
    await page.getByRole('button', { name: 'Yes, it is a Glucose meter' }).click();
    await expect.poll(() => holdersOf(fixture.host, SCALE_MODEL(3))).toEqual(['B-2002']);
  });

  it('offers the supervisor override for an IMEI on another patient, naming both patients', async () => {
    const { page } = fixture.kiosk;
    await ordersFilled(2);
    await expect.poll(() => page.getByTestId('batch-progress').textContent()).toContain('2 connected');
    await wedgeScan(page, HELD);
    await expect.poll(() => page.getByTestId('batch-last').getAttribute('data-outcome')).toBe('blocked');
    await page
      .getByTestId('batch-last')
      .getByRole('button', { name: /Supervisor override/ })
      .click();
    const dialog = page.getByRole('dialog');
    const purpose = await dialog.textContent();
    expect(purpose).toContain('…7788');
    expect(purpose).not.toContain('P-OTHER-7788');
    expect(purpose).toContain('B-2003');
    expect(purpose).toContain(`…${HELD.slice(-4)}`);
    await checkScreen(fixture.kiosk, 'batch-override-pin');
    await dialog.getByLabel('PIN', { exact: true }).fill('5678');
    await page.keyboard.press('Enter');
    await expect.poll(() => holdersOf(fixture.host, HELD)).toEqual(['B-2003']);
  });

  it('says the batch is complete, with no time left shown, and confirms before closing', async () => {
    const { page } = fixture.kiosk;
    await ordersFilled(3);
    const complete = page.getByTestId('batch-complete');
    await expect.poll(() => complete.textContent()).toContain('BATCH COMPLETE — all 3 devices connected');
    expect(await page.getByTestId('batch-eta').count()).toBe(0);
    await checkScreen(fixture.kiosk, 'batch-complete');

    await page.getByRole('button', { name: 'Close batch' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('All 3 orders have their device');
    await checkScreen(fixture.kiosk, 'batch-close-confirm');
    await dialog.getByRole('button', { name: 'Keep it open' }).click();
    expect(await kioskClient(fixture.host).batch.status({})).toMatchObject({ active: true });
    await page.getByRole('button', { name: 'Close batch' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Close batch' }).click();
    await page.getByText('No batch is open. Import an orders file to start.').waitFor();
    expect(await kioskClient(fixture.host).batch.status({})).toMatchObject({ active: false });
  });
});

describe('override from Queue', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('offers the override on a job stuck on another patient, naming both patients, and moves the device', async () => {
    const imei = makeImei('35333333', 1);
    const first = await kioskClient(fixture.host).onboard.submit({
      imei,
      raw: imei,
      source: 'typed',
      uid: 'P-FIRST-1122',
      deviceType: 'blood_glucose',
    });
    expect(first).toMatchObject({ outcome: 'connected' });
    const second = await kioskClient(fixture.host).onboard.submit({
      imei,
      raw: imei,
      source: 'typed',
      uid: 'P-SECOND',
      deviceType: 'blood_glucose',
    });
    expect(second).toMatchObject({ outcome: 'blocked' });

    const { page } = fixture.kiosk;
    await goTo(page, 'queue');
    const row = page.getByTestId('jobs-table').locator('tr[data-state="needs_attention"]');
    await row.getByRole('button', { name: /Supervisor override/ }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('from patient …1122 to patient P-SECOND');
    await checkScreen(fixture.kiosk, 'queue-override-pin');
    await dialog.getByLabel('PIN', { exact: true }).fill('5678');
    await page.keyboard.press('Enter');
    await expect.poll(() => holdersOf(fixture.host, imei)).toEqual(['P-SECOND']);
  });
});
