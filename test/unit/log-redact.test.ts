import { describe, expect, it } from 'vitest';
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
    const out = redactLine(`{"marketplaceToken":"abc123","orgToken":"zzz","pin":"1234","h":"Authorization: Bearer abc.def.ghi"}`);
    expect(out).toBe('{"marketplaceToken":"[redacted]","orgToken":"[redacted]","pin":"[redacted]","h":"Authorization: Bearer [redacted]"}');
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
