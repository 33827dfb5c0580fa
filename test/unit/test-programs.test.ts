/** The tests' own check for the programs they run (test/support/programs.ts, test/support/socat.ts). */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findProgram, requireProgram } from '../support/programs.js';
import { createPtyPair } from '../support/socat.js';

const savedPath = process.env.PATH;
const dirs: string[] = [];
afterEach(() => {
  process.env.PATH = savedPath;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function binDir(programs: Record<string, number>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imei-kiosk-bin-'));
  dirs.push(dir);
  for (const [name, mode] of Object.entries(programs)) {
    writeFileSync(path.join(dir, name), '#!/bin/sh\n');
    chmodSync(path.join(dir, name), mode);
  }
  return dir;
}

describe('findProgram / requireProgram', () => {
  it('finds an executable file on PATH, skipping a file that is not executable and a folder', () => {
    const first = binDir({ tool: 0o644 });
    const folder = binDir({});
    mkdirSync(path.join(folder, 'tool'));
    const second = binDir({ tool: 0o755 });
    expect(findProgram('tool', [first, folder, second].join(path.delimiter))).toBe(path.join(second, 'tool'));
    expect(findProgram('tool', [first, folder].join(path.delimiter))).toBeUndefined();
  });

  it('names the program and the Debian package when it is missing', () => {
    process.env.PATH = binDir({});
    expect(() => requireProgram('udevadm', 'udev')).toThrow(/"udevadm" is not installed.*apt-get install udev/);
  });
});

describe('createPtyPair without socat', () => {
  it('fails at once naming socat, instead of waiting for an exit that never comes', async () => {
    process.env.PATH = binDir({});
    await expect(createPtyPair()).rejects.toThrow(/"socat" is not installed.*apt-get install socat/);
  });

  it('a socat that cannot be started fails at once too: spawn emits "error", never "exit"', async () => {
    const folder = binDir({}); // spawning a folder fails with EACCES
    await expect(createPtyPair(folder)).rejects.toThrow(/socat could not be started.*EACCES/);
  });
});
