export { openKioskEngine, type KioskEngine, type KioskEngineOptions } from './engine.js';
export {
  OnboardingService,
  type OnboardRequest,
  type OnboardResult,
  type OnboardingOptions,
  type JobFilter,
} from './service.js';
export {
  ONBOARDING_PROBLEM_KINDS,
  type OnboardingProblemKind,
  type ProblemInfo,
  type ProblemKind,
  type ProblemParams,
} from './problems.js';
export { QueueWorker, type QueueStatus } from './worker.js';
export {
  transitionTable,
  canTransition,
  assertTransition,
  describeState,
  TransitionError,
  isBound,
  isSending,
  holdsImei,
  isCancellable,
} from './transitions.js';
export {
  importOrders,
  BatchRun,
  batchIdFor,
  type ImportResult,
  type ScanOutcome,
  type BatchProgress,
} from './batch.js';
