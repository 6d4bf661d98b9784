export { createOpsPulseService } from './ops-pulse.service';
export { dataPolicyView } from './ops-pulse-policy';
export type { DataPolicyView } from './ops-pulse-policy';
export { Pulse, FixInput } from './ops-pulse.schema';
export type { FixIntent, Row as PulseRow, Section as PulseSection } from './ops-pulse.schema';
export { importFailureCause, importRetryRefusal, jobCause, jobRetryRefusal } from './ops-pulse-causes';
