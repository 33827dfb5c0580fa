// @ts-check
/**
 * Mutation testing of the engine's rule modules (npm run mutation; not part of npm test).
 * `npm run mutation -- --mutate 'src/imei/**\/*.ts'` narrows it to one module. Incremental: a rerun
 * after a small change tests only the mutants it touches (the record stays in reports/mutation/).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'src/imei/**/*.ts',
    'src/capture/**/*.ts',
    'src/ledger/**/*.ts',
    'src/onboarding/**/*.ts',
    'src/validic/**/*.ts',
    '!src/**/index.ts',
  ],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
