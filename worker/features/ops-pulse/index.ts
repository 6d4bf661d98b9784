export { createOpsPulseService } from './ops-pulse.service';
export type { OpsPulseService, BudgetSnapshot } from './ops-pulse.service';
export { dataPolicyView } from './ops-pulse-policy';
export type { DataPolicyView } from './ops-pulse-policy';
export { Pulse, FixInput, FIX_INTENTS } from './ops-pulse.schema';
export type { Fix, FixIntent, Row as PulseRow, Section as PulseSection } from './ops-pulse.schema';
