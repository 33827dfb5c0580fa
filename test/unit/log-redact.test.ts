import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatImei, maskImei } from '../../src/imei/format.js';
import { redactLine } from '../../src/log/redact.js';

describe('redactLine', () => {
  const token = '02f0c59b63310f7cec951aSAMPLEdd15481ec1dfd5f7e1f6927';

  it('removes tokens from URLs', () => {
    const line = `{"msg":"POST https://syncmydevice.com/direct/auth/smart_meter/connect?token=${token}&x=1"}`;
    const out = redactLine(line);
    expect(out).not.toContain(token);
    expect(out).not.toContain(token.slice(0, 12));
    expect(out).toContain('token=[redacted]&x=1');
  });

  it('removes secret fields and bearer credentials', () => {
    const out = redactLine(
      `{"marketplaceToken":"abc123","orgToken":"zzz","pin":"1234","h":"Authorization: Bearer abc.def.ghi"}`,
    );
    expect(out).toBe(
      '{"marketplaceToken":"[redacted]","orgToken":"[redacted]","pin":"[redacted]","h":"Authorization: Bearer [redacted]"}',
    );
  });

  it('keeps only the last 4 of IMEIs and uids', () => {
    const out = redactLine('{"uid":"patient-000123","msg":"connected 490154203237518 (IMEISV 4901542032375199)"}');
    expect(out).toContain('"uid":"…0123"');
    expect(out).toContain('connected …7518');
    expect(out).toContain('IMEISV …5199');
    expect(out).not.toMatch(/\d{5,}/);
  });

  it('leaves ordinary numbers, times and sequence numbers alone', () => {
    const line = '{"level":30,"time":1764100000000,"seq":42,"msg":"queue depth 3"}';
    expect(redactLine(line)).toBe(line);
  });

  it('treats any long opaque run as a credential', () => {
    expect(redactLine(`{"msg":"unexpected ${'a1B2'.repeat(10)}"}`)).toBe('{"msg":"unexpected [redacted]"}');
  });
});

describe('redactLine: IMEIs in every form the kiosk prints', () => {
  const imei = '490154203237518';

  it('masks the label form, the spaced form and an IMEISV, keeping the last 4', () => {
    for (const shown of [
      '49-015420-323751-8',
      '49 015420 323751 8',
      `49\u00a0015420\u00a0323751\u00a08`,
      '4901542032375199',
    ]) {
      const out = redactLine(`{"msg":"scanned ${shown} at desk 3"}`);
      expect(out, shown).toBe(`{"msg":"scanned …${shown.replace(/\D/g, '').slice(-4)} at desk 3"}`);
    }
  });

  it('masks an IMEI grouped next to other numbers whole, never leaving its leading digits', () => {
    expect(redactLine(`1-2-3-4 ${formatImei(imei)}`)).toBe('…7518');
    expect(redactLine(`rows 12 ${imei} 7`)).toBe('rows …5187');
  });

  it('leaves dates, times and short numbers alone', () => {
    const line = '{"time":"2026-12-02T18:00:00.000Z","msg":"queue 3 of 12, retry in 1500 ms, station 12-34"}';
    expect(redactLine(line)).toBe(line);
  });

  const forms: Record<string, (digits: string) => string> = {
    plain: (d) => d,
    label: (d) => formatImei(d),
    spaced: (d) => formatImei(d).replaceAll('-', ' '),
    nbsp: (d) => formatImei(d).replaceAll('-', '\u00a0'),
    masked: (d) => maskImei(d),
  };

  it('property (seeded): whatever surrounds it, no form leaves more than the last 4 digits readable', () => {
    const around = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('{"msg":"', '"}', ' IMEI: ', '"imei":"', ' 12 ', '-7', ' at 2026-12-02T18:00:00Z', ''),
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{15}$/),
        fc.constantFrom(...Object.keys(forms)),
        around,
        around,
        (digits, form, before, after) => {
          const out = redactLine(`${before}${forms[form]!(digits)}${after}`);
          // Separators dropped, the first 11 digits never appear together again.
          expect(out.replace(/[ \u00a0-]/g, '')).not.toContain(digits.slice(0, 11));
        },
      ),
      { seed: 12_2026, numRuns: 2_000 },
    );
  });
});
