/**
 * The Node the README states is the Node every installed package accepts (package-lock.json's
 * "engines"), so `npm ci` prints no EBADENGINE warning on it — except for Electron's own tooling,
 * which the README explains: every Electron from 45 on (older ones download their binary in a
 * postinstall that fails here) and electron-builder's @electron/rebuild 4 (3.x is fetched from a
 * GitHub URL npm cannot reach here) declare Node 22.12, yet run on 20.19, which loads their
 * ES modules with require().
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver is npm's own range logic; it arrives with the toolchain (no types needed for one call).
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string };
};

const ELECTRON_TOOLING = [
  'electron',
  '@electron/get',
  '@electron-internal/extract-zip',
  '@electron/rebuild',
  'node-abi',
];

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const stated = semver.minVersion(pkg.engines.node).version;

describe('the Node version', () => {
  it('package.json, the README and .ci/run state the same minimum', () => {
    const [major, minor] = stated.split('.');
    expect(readFileSync('README.md', 'utf8')).toContain(`Node.js ${major}.${minor} or newer`);
    expect(readFileSync('.ci/run', 'utf8')).toContain(`major === ${major} && minor < ${minor}`);
  });

  it(`every installed package accepts it (Node ${stated}), Electron's tooling aside`, () => {
    const refusing = Object.entries(lock.packages)
      .filter(
        ([, p]) =>
          p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(stated, p.engines.node),
      )
      .map(([where, p]) => `${where.replace(/^.*node_modules\//, '')}@${p.version}`);
    expect(refusing.filter((name) => !ELECTRON_TOOLING.includes(name.replace(/@[^@]*$/, '')))).toEqual([]);
  });
});
