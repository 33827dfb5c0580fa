export {
  ValidicClient,
  isTakenAnswer,
  MAX_BODY_BYTES,
  type ValidicClientOptions,
  type ClientLogger,
  type ClientStats,
  type Location,
  type Operation,
} from './client.js';
export { ValidicError, isValidicError, retryableKinds, kindForStatus, type ValidicErrorKind } from './errors.js';
export {
  RateLimitBudget,
  readRateLimitHeaders,
  validicRateLimit,
  type BudgetSnapshot,
  type RateLimitConfig,
} from './budget.js';
export {
  defaultPaths,
  defaultBases,
  buildUrl,
  insecureBaseProblem,
  isLoopbackHost,
  type PathTemplates,
} from './paths.js';
export { redactTokens, maskToken, scrubSecrets } from './redact.js';
export { checkUid, Uid } from './uid.js';
export { testConnection, CONNECTION_TEST_UID, type ConnectionTestResult } from './connection-test.js';
export {
  ConnectionSchema,
  DisconnectedConnectionSchema,
  DisconnectAllSchema,
  UserSchema,
  UserSourceSchema,
  MeasurementSchema,
  ReadingSchema,
  ReadingsPageSchema,
  errorMessageOf,
  type Connection,
  type DisconnectedConnection,
  type DisconnectAll,
  type User,
  type UserSource,
  type Measurement,
  type Reading,
  type ReadingsPage,
} from './schemas.js';
