// @ts-check
/**
 * Mutation testing of the engine's rule modules (npm run mutation; not part of npm test).
 * scripts/mutation.mjs runs StrykerJS once per module with MUTATION_MODULE set, so each module keeps its
 * own incremental record and report in reports/mutation/: a rerun after a small change tests only the
 * mutants it touches, and one module's run can finish (and be kept) without waiting for the others.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */

const onboardingBatch = ['src/onboarding/batch.ts', 'src/onboarding/orders-csv.ts', 'src/onboarding/next-order.ts'];
const onboardingJobs = ['worker', 'connect', 'service', 'engine', 'job-journal'].map((f) => `src/onboarding/${f}.ts`);

/** The modules under mutation, and the files of each. The application layer is mutated for its guards only. */
export const mutationModules = {
  imei: ['src/imei/**/*.ts'],
  capture: ['src/capture/**/*.ts'],
  ledger: ['src/ledger/**/*.ts'],
  // src/onboarding in three runs, so that each can finish (and be kept) on two cores: the batch,
  // the job machinery, and every other file of the module.
  'onboarding-batch': onboardingBatch,
  'onboarding-jobs': onboardingJobs,
  'onboarding-rules': ['src/onboarding/**/*.ts', ...[...onboardingBatch, ...onboardingJobs].map((file) => `!${file}`)],
  validic: ['src/validic/**/*.ts'],
  'app-guards': [
    'src/app/access-guard.ts',
    'src/app/session/pin-attempts.ts',
    'src/app/session/pins.ts',
    'src/app/settings/base-url.ts',
    'src/app/settings/settings-plan.ts',
  ],
};

// Stryker's vitest runner runs the test files in worker threads, where a test's own change of
// process.env.TZ (test/support/time-zone.ts) does not reach the clock. The runners inherit this
// process's environment, so the whole run takes the one zone the time-zone tests ask for.
process.env.TZ = 'America/New_York';

const chosen = process.env.MUTATION_MODULE;
if (chosen !== undefined && !(chosen in mutationModules)) {
  throw new Error(`MUTATION_MODULE=${chosen} is not one of: ${Object.keys(mutationModules).join(', ')}`);
}
const name = chosen ?? 'all';
// A run of everything takes every module's files; one module's exclusions (onboarding-rules leaving
// the other two parts out) are not exclusions of the whole.
const mutate = chosen
  ? mutationModules[/** @type {keyof typeof mutationModules} */ (chosen)]
  : Object.values(mutationModules)
      .flat()
      .filter((pattern) => !pattern.startsWith('!'));

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [...mutate, '!src/**/index.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
