export { startSimulator, defaultSimDeviceTypes, SimRateLimitSchema, type SimulatorHandle, type SimulatorOptions, type SimRateLimit } from './server.js';
export { FaultsSchema, parseFaultSpec, FaultSpecError, noFaults, type Faults, type FaultsInput } from './faults.js';
export { SimState, PersistedStateSchema, type SimStateView, type SimCounts, type Organization } from './state.js';
