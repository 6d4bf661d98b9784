// Adaptive plans (issue 58): the engine's rules (pure), the pass and who decides, and the API's shapes.
export { createAdaptService, type AdaptService } from './adapt.service';
export { Adaptation, AdaptationList, AdaptStepInput } from './adapt.schema';
export type { AdaptStep, Proposal, Trigger } from './adapt.types';
export { stackedHardDays } from './missed.calc';
