import { defineConfig } from 'vitest/config';

// Three suites: unit (pure, fast), integration (real HTTP, real files, real pseudo-terminals),
// e2e (the built renderer in Debian's Chromium). `npm test` runs all three.
export default defineConfig({
  test: {
    projects: [
      // Property tests are seeded (test/support/fast-check-seed.ts): FC_SEED=<n> replays a failure.
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/fast-check-seed.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Tests spawn bin/imei-kiosk.mjs, which runs the bundle: build it from the current sources.
          globalSetup: ['test/support/build-cli.ts'],
          setupFiles: ['test/support/fast-check-seed.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: this machine has 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
