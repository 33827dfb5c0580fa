import { readdirSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/command.js';
import { COMMANDS, entriesFor, HELPER_FILES } from '../../src/cli/command-list.js';

const commandFiles = readdirSync(new URL('../../src/cli/commands/', import.meta.url))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

const context: CliContext = {
  io: { out: () => {}, err: () => {}, stdin: process.stdin },
  writeData: () => {},
  version: 'test',
  setExitCode: () => {},
};

describe('the static command list (the bundle cannot read commands/ at run time)', () => {
  it('lists every file in src/cli/commands, as a command or as a helper', () => {
    const listed = [...COMMANDS.map((entry) => entry.file), ...HELPER_FILES].sort();
    expect(listed).toEqual([...commandFiles].sort());
  });

  it('is in file-name order, the order `--help` shows', () => {
    const files = COMMANDS.map((entry) => entry.file);
    expect(files).toEqual([...files].sort());
  });

  it.each(COMMANDS.map((entry) => [entry.file, entry] as const))(
    'commands/%s registers exactly the names its entry gives',
    async (_file, entry) => {
      const program = new Command('imei-kiosk');
      (await entry.load()).register(program, context);
      expect(program.commands.map((c) => c.name())).toEqual(entry.names);
    },
  );

  it('helpers register nothing', async () => {
    for (const file of HELPER_FILES) {
      const mod = (await import(`../../src/cli/commands/${file}.ts`)) as { register?: unknown };
      expect(mod.register, file).toBeUndefined();
    }
  });
});

describe('entriesFor', () => {
  it("loads only the named command's module", () => {
    expect(entriesFor(['validate', '490154203237518']).map((e) => e.file)).toEqual(['validate']);
    expect(entriesFor(['cancel', 'job-1']).map((e) => e.file)).toEqual(['jobs']);
  });

  it('loads every module for help, version, no command or an unknown one (commander suggests the nearest)', () => {
    for (const argv of [[], ['--help'], ['help', 'validate'], ['-V'], ['valdate', '1']]) {
      expect(entriesFor(argv)).toBe(COMMANDS);
    }
  });
});
