import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant (npm run mutation): the unit suite and the
// integration tests that run in-process (real HTTP on 127.0.0.1, real files) — not the ones that
// spawn the CLI or Chromium, which cannot tell Stryker which mutants they cover.
// The application layer's guards are pinned by in-process host tests; they join only that module's
// run (MUTATION_MODULE, set by scripts/mutation.mjs) or a run of everything, because they also cover
// much of the engine and would slow every other module's run without pinning its rules.
const appGuardTests = [
  'test/integration/contract-guards.test.ts',
  'test/integration/contract-fuzz.test.ts',
  'test/integration/kiosk-host-pin-lockout.test.ts',
  'test/integration/kiosk-host-settings-plan.test.ts',
  'test/integration/kiosk-host-signed-out.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/validic-client.test.ts',
      'test/integration/validic-client-wire.test.ts',
      'test/integration/validic-published.test.ts',
      'test/integration/onboarding-*.test.ts',
      'test/integration/ledger-check.test.ts',
      'test/integration/ledger-durability.test.ts',
      'test/integration/ledger-properties.test.ts',
      'test/integration/ledger-snapshot.test.ts',
      'test/integration/ledger-lock-open.test.ts',
      'test/integration/ledger-segment-rules.test.ts',
      'test/integration/ledger-index-replay.test.ts',
      'test/integration/ledger-core-rules.test.ts',
      'test/integration/simulator-http.test.ts',
      ...([undefined, 'app-guards'].includes(process.env.MUTATION_MODULE) ? appGuardTests : []),
    ],
    exclude: [
      'test/unit/lint-boundaries.test.ts',
      'test/unit/node-engines.test.ts',
      'test/unit/cli-command-list.test.ts',
    ],
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
