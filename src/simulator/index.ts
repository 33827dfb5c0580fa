export {
  startSimulator,
  defaultSimDeviceTypes,
  SimRateLimitSchema,
  type SimulatorHandle,
  type SimulatorOptions,
  type SimRateLimit,
  type SimRequestLog,
} from './server.js';
export { SIM_PROFILES, SIM_BEHAVIOURS, SimProfileName, type SimBehaviour } from './profiles.js';
export { FaultsSchema, parseFaultSpec, FaultSpecError, noFaults, type Faults, type FaultsInput } from './faults.js';
export { SimState } from './state.js';
export { PersistedStateSchema, type SimStateView, type SimCounts, type Organization } from './state-records.js';
