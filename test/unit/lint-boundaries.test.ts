import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The process boundaries are a lint rule; these cases prove the rule bites (and does not over-bite).
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('process-boundary lint rules', () => {
  it('fails when src/ imports electron', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'src/imei/bad.ts')).toContain(
      'no-restricted-imports',
    );
  });
  it('fails when src/ uses DOM globals', async () => {
    expect(await ruleIds('export const t = document.title;\n', 'src/imei/bad.ts')).toContain('no-restricted-globals');
    expect(await ruleIds('export const w = window.innerWidth;\n', 'src/validic/bad.ts')).toContain(
      'no-restricted-globals',
    );
  });
  it('lets src/ use Node globals such as fetch and URL', async () => {
    expect(
      await ruleIds("export const u = new URL('http://127.0.0.1'); export const f = fetch;\n", 'src/validic/ok.ts'),
    ).toEqual([]);
  });
  it('fails when the renderer imports engine parts other than imei, capture and ipc/contract', async () => {
    expect(
      await ruleIds("import { x } from '../../src/validic/client';\nexport const y = x;\n", 'renderer/src/bad.tsx'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds("import { x } from '../../src/ipc/dispatcher';\nexport const y = x;\n", 'renderer/src/bad.tsx'),
    ).toContain('no-restricted-imports');
    expect(await ruleIds("import { x } from 'electron';\nexport const y = x;\n", 'renderer/src/bad.tsx')).toContain(
      'no-restricted-imports',
    );
  });
  it('fails when the renderer writes words into its markup instead of the messages module', async () => {
    expect(await ruleIds('export const A = () => <p>Scan the label</p>;\n', 'renderer/src/bad.tsx')).toContain(
      'no-restricted-syntax',
    );
    expect(
      await ruleIds('export const B = () => <button aria-label="Close camera">x</button>;\n', 'renderer/src/bad.tsx'),
    ).toContain('no-restricted-syntax');
    // Symbols, numbers and text from the messages module are fine.
    expect(
      await ruleIds(
        'declare const t: { ok: string };\nexport const C = () => <p><span aria-hidden="true">✓ </span>{t.ok} 42</p>;\n',
        'renderer/src/ok.tsx',
      ),
    ).toEqual([]);
  });
  it('lets the renderer import imei, capture and the contract', async () => {
    const code =
      "import { a } from '../../src/imei/format';\nimport { b } from '../../src/capture';\nimport type { C } from '../../src/ipc/contract';\nexport const z: C | undefined = a ?? b;\n";
    expect(await ruleIds(code, 'renderer/src/ok.tsx')).toEqual([]);
    const split =
      "import { s } from '../../src/ipc/schemas';\nimport { w } from '../../src/ipc/wire.js';\nimport type { T } from '../../src/ipc/channel-types';\nexport const z: T | undefined = s ?? w;\n";
    expect(await ruleIds(split, 'renderer/src/ok.tsx')).toEqual([]);
  });
  // What those modules import in turn is followed by test/unit/renderer-import-graph.test.ts.
  it('refuses a look-alike of the contract', async () => {
    expect(
      await ruleIds("import { x } from '../../src/ipc/contract-impl';\nexport const y = x;\n", 'renderer/src/bad.tsx'),
    ).toContain('no-restricted-imports');
  });
});
