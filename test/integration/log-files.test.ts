import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskLogger } from '../../src/log/logger.js';

describe('kiosk log files', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes redacted JSON lines to real files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-log-'));
    dirs.push(dir);
    const { logger, close } = createKioskLogger({ dir });
    logger.info(
      { uid: 'patient-000123', url: 'https://x.test/c?token=secretsecretsecret' },
      'connected 490154203237518',
    );
    await close();
    const files = readdirSync(dir).filter((f) => f.includes('kiosk.log'));
    expect(files.length).toBeGreaterThan(0);
    const text = files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('');
    const line = JSON.parse(text.trim().split('\n')[0]!) as Record<string, unknown>;
    expect(line.msg).toBe('connected …7518');
    expect(line.uid).toBe('…0123');
    expect(text).not.toContain('secretsecret');
    expect(text).not.toContain('490154203237518');
  });

  it('rotates by size and keeps nothing unredacted in any file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-log-'));
    dirs.push(dir);
    const { logger, flush, close } = createKioskLogger({ dir, maxFileSize: '1K', keepFiles: 20 });
    for (let i = 0; i < 60; i++) {
      logger.info({ n: i, imei: '490154203237518' }, 'padding padding padding padding padding');
      // The stream decides to rotate once a write has reached the file.
      await flush();
    }
    await close();
    const files = readdirSync(dir).filter((f) => f.includes('kiosk.log'));
    expect(files.length).toBeGreaterThan(1);
    const all = files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('');
    expect(all).not.toContain('490154203237518');
    expect(all.match(/"n":\d+/g)?.length).toBe(60);
  });
});
