import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The renderer's process boundary, followed through the import graph. ESLint's no-restricted-imports
 * sees only the renderer's own imports (src/imei, src/capture, the IPC contract); this walks every
 * module those reach at run time, with TypeScript's own resolver, and refuses Node built-ins,
 * electron, packages the renderer does not ship, files of the shell or the browser host, Node
 * globals, and import circles. Type-only imports vanish from the bundle, so they are not followed.
 */

/** Packages the renderer bundle ships (vite resolves them for the browser). */
const RENDERER_PACKAGES = new Set(['react', 'react-dom', 'zod', 'zxing-wasm', '@zxing/library']);
const NODE_BUILTINS = new Set(builtinModules);
/** Node globals whose use (`process.env`, `Buffer.from`, `require(…)`) means the module runs only in Node. */
const NODE_GLOBALS = new Set(['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate']);
const ASSET = /\.(css|svg|png|jpe?g|wasm)(\?.*)?$/;
const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  allowJs: false,
  resolveJsonModule: true,
};

interface Finding {
  /** From a renderer file to the offending module, each step an import. */
  readonly chain: readonly string[];
  readonly problem: string;
}

/** The package an import names ('@zxing/library/esm/x' → '@zxing/library'), without a vite query. */
function packageOf(specifier: string): string {
  const bare = specifier.split('?')[0]!;
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The imports a module makes at run time, and the Node globals it uses. */
function scan(file: string): { imports: string[]; typeImports: string[]; globals: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  const typeImports: string[] = [];
  const globals = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      (allTypes ? typeImports : imports).push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      (node.isTypeOnly ? typeImports : imports).push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      imports.push(node.arguments[0].text);
    } else if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const used =
        (ts.isPropertyAccessExpression(parent) && parent.expression === node) ||
        (ts.isCallExpression(parent) && parent.expression === node) ||
        (ts.isNewExpression(parent) && parent.expression === node);
      if (used) globals.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, typeImports, globals: [...globals] };
}

/** Every renderer source file: the roots of the walk. */
function rendererFiles(root: string): string[] {
  const dir = join(root, 'renderer', 'src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => join(dir, name))
    .sort();
}

/** Walks the run-time import graph from the renderer and says what crosses the boundary. */
function rendererBoundary(root: string): { findings: Finding[]; reached: string[] } {
  const rel = (file: string) => relative(root, file).split(sep).join('/');
  const reached: string[] = [];
  const parent = new Map<string, string | undefined>();
  const findings: Finding[] = [];
  const chainTo = (file: string): string[] => {
    const chain: string[] = [];
    for (let at: string | undefined = file; at !== undefined; at = parent.get(at)) chain.unshift(rel(at));
    return chain;
  };
  const queue = rendererFiles(root);
  for (const file of queue) parent.set(file, undefined);
  while (queue.length > 0) {
    const file = queue.shift()!;
    const { imports, globals } = scan(file);
    for (const name of globals) findings.push({ chain: chainTo(file), problem: `uses the Node global ${name}` });
    for (const specifier of imports) {
      if (specifier.startsWith('.')) {
        // A stylesheet or an asset is the bundler's, not a module.
        if (ASSET.test(specifier)) continue;
        const resolved = ts.resolveModuleName(specifier.split('?')[0]!, file, COMPILER_OPTIONS, ts.sys).resolvedModule;
        if (!resolved || resolved.isExternalLibraryImport) {
          findings.push({
            chain: chainTo(file),
            problem: `imports ${specifier}, which does not resolve to a source file`,
          });
          continue;
        }
        const target = resolved.resolvedFileName;
        const where = rel(target);
        if (!where.startsWith('renderer/src/') && !where.startsWith('src/')) {
          findings.push({ chain: [...chainTo(file), where], problem: 'is outside the renderer and the engine (src/)' });
          continue;
        }
        if (where.endsWith('.d.ts')) continue;
        if (!parent.has(target)) {
          parent.set(target, file);
          queue.push(target);
        }
      } else {
        const name = packageOf(specifier);
        const problem =
          specifier.startsWith('node:') || NODE_BUILTINS.has(name)
            ? `imports the Node built-in ${specifier}`
            : name === 'electron'
              ? 'imports electron'
              : RENDERER_PACKAGES.has(name)
                ? undefined
                : `imports the package ${name}, which the renderer does not ship`;
        if (problem) findings.push({ chain: chainTo(file), problem });
      }
    }
    reached.push(file);
  }
  return { findings, reached: reached.map(rel) };
}

/**
 * The import circles among the modules the renderer reaches, type-only imports included: a circle
 * is hard to read and to split even when the bundle would not mind it.
 */
function importCircles(root: string): string[][] {
  const edges = new Map<string, string[]>();
  const queue = rendererFiles(root);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (edges.has(file)) continue;
    const { imports, typeImports } = scan(file);
    const targets = [...imports, ...typeImports]
      .filter((specifier) => specifier.startsWith('.') && !ASSET.test(specifier))
      .map((specifier) => ts.resolveModuleName(specifier.split('?')[0]!, file, COMPILER_OPTIONS, ts.sys).resolvedModule)
      .map((resolved) => resolved?.resolvedFileName)
      .filter((target): target is string => target !== undefined && /\.tsx?$/.test(target) && !target.endsWith('.d.ts'))
      .filter((target) => /^(renderer\/src|src)\//.test(relative(root, target).split(sep).join('/')));
    edges.set(file, targets);
    queue.push(...targets.filter((target) => !edges.has(target)));
  }
  return cyclesOf(edges).map((cycle) => cycle.map((file) => relative(root, file).split(sep).join('/')));
}

/** The import circles (strongly connected components of more than one module, or a module importing itself). */
function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return found;
}

const describeFindings = (findings: readonly Finding[]) => findings.map((f) => `${f.chain.join(' → ')} ${f.problem}`);

describe('the renderer boundary, followed through every import', () => {
  it('nothing the renderer reaches at run time needs Node, electron, the shell or an unshipped package; no circles', () => {
    const { findings, reached } = rendererBoundary(process.cwd());
    expect(describeFindings(findings)).toEqual([]);
    expect(importCircles(process.cwd())).toEqual([]);
    // The walk really went into the engine: the pure modules and what they import.
    expect(reached).toEqual(expect.arrayContaining(['src/ipc/schemas.ts', 'src/validic/uid.ts']));
    expect(reached.filter((f) => f.startsWith('src/')).length).toBeGreaterThan(10);
  });

  describe('a planted violation fails, naming the chain', () => {
    const root = mkdtempSync(join(tmpdir(), 'renderer-graph-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const plant = (files: Record<string, string>) => {
      rmSync(join(root, 'renderer'), { recursive: true, force: true });
      rmSync(join(root, 'src'), { recursive: true, force: true });
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, name)), { recursive: true });
        writeFileSync(join(root, name), text);
      }
      return rendererBoundary(root);
    };

    it('an allowed module that imports a Node built-in, two steps down', () => {
      const { findings } = plant({
        'renderer/src/App.tsx': "import { a } from '../../src/imei/format';\nexport const x = a;\n",
        'src/imei/format.ts': "export { b as a } from '../validic/net.js';\n",
        'src/validic/net.ts': "import { request } from 'node:http';\nexport const b = request;\n",
      });
      expect(describeFindings(findings)).toEqual([
        'renderer/src/App.tsx → src/imei/format.ts → src/validic/net.ts imports the Node built-in node:http',
      ]);
    });

    it('electron, a bare built-in, a Node-only package and a Node global; a type-only import is not followed', () => {
      const { findings } = plant({
        'renderer/src/App.tsx': [
          "import { c } from '../../src/ipc/contract';",
          "import type { Only } from '../../src/ipc/types-only';",
          'export const x: Only | typeof c = c;',
        ].join('\n'),
        'src/ipc/contract.ts': [
          "import { ipcRenderer } from 'electron';",
          "import { readFileSync } from 'fs';",
          "import pino from 'pino';",
          "import { z } from 'zod';",
          'export const c = [ipcRenderer, readFileSync, pino, z, process.env.HOME];',
        ].join('\n'),
        'src/ipc/types-only.ts': "import { Socket } from 'node:net';\nexport type Only = Socket;\n",
      });
      expect(describeFindings(findings).sort()).toEqual([
        'renderer/src/App.tsx → src/ipc/contract.ts imports electron',
        'renderer/src/App.tsx → src/ipc/contract.ts imports the Node built-in fs',
        'renderer/src/App.tsx → src/ipc/contract.ts imports the package pino, which the renderer does not ship',
        'renderer/src/App.tsx → src/ipc/contract.ts uses the Node global process',
      ]);
    });

    it('a file of the shell, and import circles (of values or of types)', () => {
      const { findings } = plant({
        'renderer/src/a.ts':
          "import { b } from './b';\nimport { s } from '../../electron/secret';\nexport const a = [b, s];\n",
        'renderer/src/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
        'electron/secret.ts': 'export const s = 1;\n',
        // A circle of types only is still a circle.
        'renderer/src/c.ts': "import type { D } from './d';\nexport type C = { d?: D };\n",
        'renderer/src/d.ts': "import { type C } from './c';\nexport type D = { c?: C };\n",
      });
      expect(describeFindings(findings)).toEqual([
        'renderer/src/a.ts → electron/secret.ts is outside the renderer and the engine (src/)',
      ]);
      expect(importCircles(root).sort()).toEqual([
        ['renderer/src/a.ts', 'renderer/src/b.ts'],
        ['renderer/src/c.ts', 'renderer/src/d.ts'],
      ]);
    });
  });
});
