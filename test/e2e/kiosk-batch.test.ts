/**
 * Batch orders in Chromium against a real host: a file with a bad row is refused whole (row,
 * column and reason on screen, nothing imported); a good file is imported and scanned devices go
 * to their orders by themselves, with progress on screen and the connections in the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo, holdersOf, wedgeScan } from './harness/kiosk-steps.js';
import { makeImei } from '../support/imei.js';
import { kioskClient } from '../support/kiosk-client.js';

const BAD_CSV = 'uid,device_type,order_ref\nB-1001,blood_glucose,ORD-1\nB-1002,toaster,ORD-2\n';
const GOOD_CSV =
  'uid,device_type,order_ref\nB-1001,blood_glucose,ORD-1\nB-1002,weight_scale,ORD-2\nB-1003,blood_glucose,ORD-3\n';
const IMEIS = [makeImei('35693803', 100), makeImei('35693803', 101)];

describe('batch import and scan-to-assign', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
    await goTo(fixture.kiosk.page, 'batch');
  });
  afterAll(async () => fixture?.close());

  async function importFile(name: string, csv: string): Promise<void> {
    const { page } = fixture.kiosk;
    await page.getByLabel('Orders CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
  }

  it('shows the batch screen with nothing open', async () => {
    await fixture.kiosk.page.getByRole('heading', { name: 'Batch orders' }).waitFor();
    await checkScreen(fixture.kiosk, 'batch');
  });

  it('refuses a file with a bad row, naming row, column and reason, and imports nothing', async () => {
    const { page } = fixture.kiosk;
    await importFile('bad-orders.csv', BAD_CSV);
    const rows = page.getByTestId('batch-errors').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('device_type');
    expect(cells[2]).toContain('unknown device type "toaster"');
    await checkScreen(fixture.kiosk, 'batch-bad-rows');
    const status = await kioskClient(fixture.host).batch.status({});
    expect(status).toMatchObject({ active: false, total: 0 });
    expect(fixture.host.engine().onboarding.jobs('all')).toEqual([]);
  });

  it('imports a good file, then assigns scanned devices to its orders with progress', async () => {
    const { page } = fixture.kiosk;
    await importFile('orders.csv', GOOD_CSV);
    const progress = page.getByTestId('batch-progress');
    await expect.poll(() => progress.textContent()).toContain('0 of 3 assigned');
    expect(await page.getByTestId('batch-errors').count()).toBe(0);

    await wedgeScan(page, IMEIS[0]!);
    await expect.poll(() => progress.textContent()).toContain('1 of 3 assigned');
    expect(await page.getByTestId('batch-last').getAttribute('data-outcome')).toMatch(/assigned|connected/);
    // The next device once this one is through, as at a real station: the test's key sender shares
    // its process with the engine, and a burst typed while the engine works could arrive with gaps.
    await expect.poll(() => progress.textContent()).toContain('1 connected');
    await wedgeScan(page, IMEIS[1]!);
    // The same model as the glucose meter just connected, for a weight-scale order: the kiosk asks first.
    await page.getByRole('button', { name: 'Yes, it is a Weight scale' }).click();
    await expect.poll(() => progress.textContent()).toContain('2 of 3 assigned');
    await expect.poll(() => progress.textContent()).toContain('2 connected');
    expect(await progress.textContent()).toContain('B-1003');
    // The last scan's line follows its job: once connected it says so.
    await expect.poll(() => page.getByTestId('batch-last').getAttribute('data-outcome')).toBe('connected');
    await checkScreen(fixture.kiosk, 'batch-progress');

    expect(await holdersOf(fixture.host, IMEIS[0]!)).toEqual(['B-1001']);
    expect(await holdersOf(fixture.host, IMEIS[1]!)).toEqual(['B-1002']);
  });
});
