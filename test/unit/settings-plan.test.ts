import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseUrlProblem } from '../../src/app/settings/base-url.js';
import { planSettingsUpdate, type SettingsPatch } from '../../src/app/settings/settings-plan.js';
import { defaultSettings } from '../../src/config/settings.js';
import { StationSettingsSchema } from '../../src/app/session/station-settings.js';
import { LANGUAGES, renderMessage } from '../../src/messages/index.js';
import { insecureBaseProblem } from '../../src/validic/paths.js';

const station = StationSettingsSchema.parse({});
const engine = { ...defaultSettings, station: 'Desk 1' };
const context = {
  runningStation: 'Desk 1',
  deviceTypes: engine.deviceTypes,
  deviceTypeUse: () => ({ openJobs: 0, batchOrders: 0 }),
};
const plan = (patch: SettingsPatch) => planSettingsUpdate(station, engine, patch, context);
const edits = engine.deviceTypes.map(({ id, label }) => ({ id, label }));

describe('planSettingsUpdate', () => {
  it('plans a whole save: next station, engine changes, reopen and the journal, in order', () => {
    const result = plan({ station: 'Desk 4', sounds: false, idleMinutes: 37, apiBase: 'https://api.example.test/v2' });
    expect(result).toMatchObject({
      ok: true,
      nextStation: { sounds: false, idleMinutes: 37 },
      engineChanges: { station: 'Desk 4', validic: { apiBase: 'https://api.example.test/v2' } },
      nextEngine: { station: 'Desk 4', validic: { apiBase: 'https://api.example.test/v2' } },
      reopen: true,
      journal: [
        { key: 'kiosk.sounds', value: false },
        { key: 'kiosk.idleMinutes', value: 37 },
        { key: 'station', value: 'Desk 4' },
        { key: 'validic.apiBase', value: 'https://api.example.test/v2' },
      ],
    });
    expect(result.ok && 'deviceTypes' in result).toBe(false);
  });

  it('journals nothing and changes no engine setting for values already saved', () => {
    expect(
      plan({ station: 'Desk 1', sounds: true, apiBase: engine.validic.apiBase, directBase: engine.validic.directBase }),
    ).toEqual({ ok: true, nextStation: station, engineChanges: {}, reopen: false, journal: [] });
  });

  it('hands device type changes to the engine without a reopen, journaled per type', () => {
    const result = plan({ deviceTypes: [...edits, { id: 'thermometer', label: 'Thermometer' }] });
    expect(result).toMatchObject({
      ok: true,
      reopen: false,
      deviceTypes: expect.arrayContaining([expect.objectContaining({ id: 'thermometer' })]),
      journal: [{ key: 'deviceTypes.thermometer', value: 'Thermometer' }],
    });
  });

  it('saves extra USB devices to the station file and journals them in one line; the same list again is no change', () => {
    const devices = [
      { vendorId: '1a86', productId: '7523', maker: 'QinHeng', kind: 'modem' as const },
      { vendorId: '0403', maker: 'FTDI', kind: 'scanner' as const },
    ];
    const result = plan({ extraUsbDevices: devices });
    expect(result).toMatchObject({
      ok: true,
      nextStation: {
        extraUsbDevices: [
          expect.objectContaining({ vendorId: '1a86', productId: '7523' }),
          expect.objectContaining({ vendorId: '0403' }),
        ],
      },
      journal: [{ key: 'kiosk.extraUsbDevices', value: '1a86:7523 modem, 0403:* scanner' }],
    });
    if (!result.ok) return;
    const again = planSettingsUpdate(result.nextStation, engine, { extraUsbDevices: devices }, context);
    expect(again).toMatchObject({ ok: true, journal: [] });
  });

  it('takes the device types sent back unchanged as no change: nothing for the engine, nothing journaled', () => {
    expect(plan({ deviceTypes: edits })).toEqual({
      ok: true,
      nextStation: station,
      engineChanges: {},
      reopen: false,
      journal: [],
    });
  });

  it('journals a removed device type as its id with no label', () => {
    expect(edits.length).toBeGreaterThan(1);
    const [removed, ...kept] = edits;
    expect(plan({ deviceTypes: kept })).toMatchObject({
      ok: true,
      engineChanges: { deviceTypes: kept.map(({ id }) => expect.objectContaining({ id })) },
      deviceTypes: kept.map(({ id }) => expect.objectContaining({ id })),
      journal: [{ key: `deviceTypes.${removed!.id}`, value: null }],
    });
  });

  it('takes the station name the engine runs under, sent back unchanged, as no change, though settings.json has none', () => {
    const unnamed = { ...defaultSettings };
    expect(unnamed.station).toBeUndefined();
    const hostNamed = { ...context, runningStation: 'kiosk-host-7' };
    expect(planSettingsUpdate(station, unnamed, { station: 'kiosk-host-7', sounds: false }, hostNamed)).toMatchObject({
      ok: true,
      engineChanges: {},
      reopen: false,
      journal: [{ key: 'kiosk.sounds', value: false }],
    });
    expect(planSettingsUpdate(station, unnamed, { station: 'Desk 9' }, hostNamed)).toMatchObject({
      engineChanges: { station: 'Desk 9' },
      reopen: true,
    });
  });

  it('reopens the engine for a changed station name alone', () => {
    expect(plan({ station: 'Desk 7' })).toMatchObject({
      ok: true,
      engineChanges: { station: 'Desk 7' },
      reopen: true,
      journal: [{ key: 'station', value: 'Desk 7' }],
    });
  });

  it('reopens the engine for a changed base URL alone, as for a changed station name', () => {
    const result = plan({ directBase: 'https://direct.example.test/v1' });
    expect(result).toMatchObject({
      ok: true,
      engineChanges: { validic: { directBase: 'https://direct.example.test/v1' } },
      reopen: true,
      journal: [{ key: 'validic.directBase', value: 'https://direct.example.test/v1' }],
    });
  });

  it.each<[string, SettingsPatch, string]>([
    ['a 300-character station name', { station: 'S'.repeat(300), sounds: false }, 'station_name_invalid'],
    ['an empty station name', { station: '', idleMinutes: 30 }, 'station_name_invalid'],
    ['a station name with a line break', { station: 'Desk\n4' }, 'station_name_invalid'],
    ['a camera id the station file refuses', { cameraDeviceId: 'c'.repeat(513), sounds: false }, 'setting_invalid'],
    ['an unsupported serial speed', { serialBaud: 12_345, sounds: false }, 'baud_rate_unsupported'],
    ['no device type left', { deviceTypes: [], sounds: false }, 'device_types_none_left'],
    ['an http base off this computer', { apiBase: 'http://evil.example:81/x', sounds: false }, 'base_url_not_https'],
    ['a file base', { directBase: 'file:///etc/passwd', station: 'Desk 9' }, 'base_url_not_https'],
    ['a base that is no URL', { apiBase: '', sounds: false }, 'base_url_invalid'],
  ])('refuses %s as a whole, with its code and every value its text needs in every language', (_name, patch, code) => {
    const result = plan(patch);
    expect(result).toMatchObject({ ok: false, refusal: { code } });
    if (result.ok) return;
    for (const language of LANGUAGES)
      expect(renderMessage(language, result.refusal.code, result.refusal.params), language).toBeDefined();
  });

  it('names a nested setting the station file refuses by its dotted path', () => {
    // The IPC schema refuses this first; the plan still never hands the file a value it would refuse.
    expect(plan({ scannerFraming: { mode: 'silence', intervalMs: 1 } })).toMatchObject({
      ok: false,
      refusal: { code: 'setting_invalid', params: { setting: 'scannerFraming.intervalMs' } },
    });
  });

  it('checks a serial speed only when it changes: a station saved with a speed outside the list can still save', () => {
    const odd = StationSettingsSchema.parse({ serialBaud: 250_000 });
    expect(planSettingsUpdate(odd, engine, { serialBaud: 250_000, sounds: false }, context)).toMatchObject({
      ok: true,
      journal: [{ key: 'kiosk.sounds', value: false }],
    });
    expect(planSettingsUpdate(odd, engine, { serialBaud: 12_345 }, context)).toMatchObject({
      ok: false,
      refusal: { code: 'baud_rate_unsupported' },
    });
  });

  it('takes a setting given as undefined (a caller in this process; JSON drops it) as no change', () => {
    const patch = { sounds: undefined, idleMinutes: 30 } as unknown as SettingsPatch;
    const result = plan(patch);
    expect(result.ok && result.journal).toEqual([{ key: 'kiosk.idleMinutes', value: 30 }]);
  });

  it('names the whole station name rule in the refusal, whichever part was broken', () => {
    for (const station of ['S'.repeat(300), '', 'Desk\n4']) {
      expect(plan({ station })).toEqual({
        ok: false,
        refusal: { code: 'station_name_invalid', params: {}, ...renderMessage('en', 'station_name_invalid') },
      });
    }
  });

  it('refuses whatever it is given, or plans a save both files accept: never half of one (seeded)', () => {
    const patch = fc.record(
      {
        station: fc.string({ maxLength: 300 }),
        sounds: fc.boolean(),
        idleMinutes: fc.integer({ min: 1, max: 240 }),
        cameraDeviceId: fc.string({ maxLength: 600 }),
        apiBase: fc.oneof(fc.webUrl(), fc.constantFrom('http://127.0.0.1:1', 'file:///x', 'ftp://a.b', 'x')),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(patch, (p) => {
        const result = plan(p);
        if (!result.ok) return;
        expect(StationSettingsSchema.safeParse(result.nextStation).success).toBe(true);
        if (p.apiBase !== undefined && p.apiBase !== engine.validic.apiBase)
          expect(insecureBaseProblem(p.apiBase)).toBeUndefined();
        if (p.station !== undefined && p.station !== engine.station) expect(result.nextEngine?.station).toBe(p.station);
      }),
      { seed: 2611, numRuns: 300 },
    );
  });
});

describe('baseUrlProblem: the engine’s rule, said as a refusal', () => {
  it.each([
    ['https://api.v2.validic.com', null],
    ['http://127.0.0.1:8787', null],
    ['http://127.8.9.10/', null],
    ['http://localhost:9000', null],
    ['http://[::1]:8080', null],
    ['http://evil.example:81/x', 'base_url_not_https'],
    ['http://127.0.0.1.evil.example/', 'base_url_not_https'],
    ['file:///etc/passwd', 'base_url_not_https'],
    ['javascript:alert(1)', 'base_url_not_https'],
    ['not a url', 'base_url_invalid'],
    ['https://admin:s3cret@api.v2.validic.com', 'base_url_has_credentials'],
    ['https://token@api.v2.validic.com', 'base_url_has_credentials'],
    ['http://user:pw@127.0.0.1:8787', 'base_url_has_credentials'],
  ])('%s → %s', (url, kind) => {
    const problem = baseUrlProblem('apiBase', url);
    expect(problem?.kind ?? null).toBe(kind);
    // One rule: refused here exactly when the engine would refuse to call it.
    expect(problem === null).toBe(insecureBaseProblem(url) === undefined);
  });

  it('says which setting and what was typed, in the catalogue’s words', () => {
    const problem = baseUrlProblem('directBase', 'file:///etc/passwd');
    expect(problem).toEqual({ kind: 'base_url_not_https', params: { setting: 'directBase', origin: 'file://' } });
    expect(renderMessage('en', 'base_url_not_https', problem?.params)?.message).toMatch(/^file:\/\/ is not HTTPS: /);
  });

  it('never repeats a user name or password typed into a base URL', () => {
    const problem = baseUrlProblem('apiBase', 'https://admin:s3cret@api.v2.validic.com/v2');
    expect(problem).toEqual({
      kind: 'base_url_has_credentials',
      params: { setting: 'apiBase', origin: 'https://api.v2.validic.com' },
    });
    const text = renderMessage('en', 'base_url_has_credentials', problem?.params);
    expect(JSON.stringify(text)).not.toMatch(/admin|s3cret/);
    expect(insecureBaseProblem('https://admin:s3cret@api.v2.validic.com/v2')).not.toMatch(/admin|s3cret/);
  });
});
