import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { udevRulesFor, UDEV_RULES_FILE } from '../../electron/udev-rules.js';
import { KNOWN_USB_DEVICES } from '../../src/serial/usb-ids.js';

// electron-builder's own YAML parser (js-yaml, a dependency of app-builder-lib), loaded without
// types. The build itself is not run: it downloads Electron, which these machines cannot.
// Resolved from electron-builder's own package, so a change in npm's hoisting cannot swap them.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const require = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
// electron-builder's own schema check, the first thing a real build does; it needs no download.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  asar: boolean;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: { target: string }[] };
  nsis: { perMachine: boolean; oneClick: boolean };
  mac: {
    target: { target: string }[];
    hardenedRuntime: boolean;
    entitlements: string;
    extendInfo: Record<string, string>;
  };
  linux: { target: { target: string }[] };
  deb: { fpm: string[]; afterInstall: string; afterRemove: string; depends: string[] };
  electronFuses: Record<string, boolean>;
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const targets = (list: { target: string }[]) => list.map((t) => t.target);

describe('electron-builder.yml', () => {
  it("passes electron-builder's configuration schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, mac: { ...config.mac, extndInfo: {} } }, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration object/);
    // A misspelt fuse would be silently left at Electron's default: the schema refuses it.
    await expect(
      validateConfiguration(
        { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/Invalid configuration object/);
  }, 30_000); // loading electron-builder's schema validator takes seconds on a busy machine

  it('builds NSIS for Windows, dmg for macOS, AppImage and deb for Linux', () => {
    expect(targets(config.win.target)).toEqual(['nsis']);
    expect(targets(config.mac.target)).toEqual(['dmg']);
    expect(targets(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.nsis.perMachine).toBe(true);
  });

  it("unpacks serialport's native files from the asar and never rebuilds them", () => {
    expect(config.asarUnpack).toContain('**/node_modules/@serialport/bindings-cpp/**');
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('ships only the built app (out/) and package.json; node_modules come from runtime dependencies', () => {
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included.every((f) => f.startsWith('out/') || f === 'package.json')).toBe(true);
    expect(included).toEqual(expect.arrayContaining(['out/electron/**/*', 'out/renderer/**/*']));
    expect(config.files).toContain('!out/types/**/*');
  });

  it('matches the paths the build writes and main.ts loads', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/electron/main.cjs');
    expect(readFileSync('scripts/build-shell.mjs', 'utf8')).toContain("outfile: 'out/electron/preload.cjs'");
  });

  it('flips the fuses that keep a packaged kiosk from being run as Node, inspected or fed other code', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Asar integrity and load-only-from-asar mean nothing without an asar.
    expect(config.asar).toBe(true);
  });

  it('does nothing the fuses would break: no Node child via fork, no renderer from file://', () => {
    const main = readFileSync('electron/main.ts', 'utf8');
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME/);
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
    for (const dir of ['electron', 'src']) {
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
        expect(readFileSync(path.join(dir, file), 'utf8'), `${dir}/${file}`).not.toMatch(
          /\bfork\(|ELECTRON_RUN_AS_NODE/,
        );
      }
    }
  });

  it('asks macOS for the camera: the usage string and the hardened-runtime entitlement', () => {
    expect(config.mac.extendInfo.NSCameraUsageDescription).toMatch(/camera.*IMEI/i);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(readFileSync(config.mac.entitlements, 'utf8')).toContain('<key>com.apple.security.device.camera</key>');
  });

  it('installs the udev rule with the deb and reloads udev, keeping the default install steps', () => {
    expect(config.deb.fpm).toContain(`build/linux/${UDEV_RULES_FILE}=/usr/lib/udev/rules.d/${UDEV_RULES_FILE}`);
    const afterInstall = readFileSync(config.deb.afterInstall, 'utf8');
    expect(afterInstall).toContain('udevadm control --reload-rules');
    // A custom script replaces electron-builder's: the sandbox and /usr/bin link steps must stay.
    expect(afterInstall).toContain('chrome-sandbox');
    expect(afterInstall).toContain('update-alternatives --install');
    expect(readFileSync(config.deb.afterRemove, 'utf8')).toContain('update-alternatives --remove');
    if (process.platform !== 'win32') expect(statSync(config.deb.afterInstall).mode & 0o111).not.toBe(0);
  });
});

describe('the udev rule', () => {
  const checkedIn = readFileSync(`build/linux/${UDEV_RULES_FILE}`, 'utf8');

  it('is the one generated from src/serial/usb-ids.ts (regenerate: see electron/udev-rules.ts)', () => {
    expect(checkedIn).toBe(udevRulesFor());
  });

  it('puts every supported modem and scanner in dialout and out of ModemManager’s reach', () => {
    for (const device of KNOWN_USB_DEVICES) {
      expect(checkedIn).toContain(
        `SUBSYSTEMS=="usb", ATTRS{idVendor}=="${device.vendorId}", ENV{ID_MM_DEVICE_IGNORE}="1"`,
      );
      expect(checkedIn).toContain(
        `SUBSYSTEM=="tty", ATTRS{idVendor}=="${device.vendorId}", GROUP="dialout", MODE="0660"`,
      );
    }
  });

  it('narrows to a product when the list names one', () => {
    const rule = udevRulesFor([{ vendorId: '2c7c', productId: '0125', maker: 'Quectel EC25', kind: 'modem' }]);
    expect(rule).toContain('ATTRS{idVendor}=="2c7c", ATTRS{idProduct}=="0125", ENV{ID_MM_DEVICE_IGNORE}="1"');
    expect(rule).toContain('ATTRS{idVendor}=="2c7c", ATTRS{idProduct}=="0125", GROUP="dialout"');
  });
});
