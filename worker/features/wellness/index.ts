// The athlete's whole day (issue 40): check-ins and device readings, readiness, and the N=1 statistics.
export {
  createWellnessService,
  type DeviceRecord,
  type WellnessAthlete,
  type WellnessChanged,
  type WellnessService,
} from './wellness.service';
export { CheckInBody, WellnessDay, WellnessReadiness } from './wellness.schema';
export { DEVICE_ONLY_FIELDS, NUMERIC_FIELDS, SCALES, type NumericFieldKey, type WellnessSource } from './wellness.fields';
export { WELLNESS_POLICY, wellnessSourcesFor } from './wellness.policy';
export { createEngineService, type EngineService } from './engine/engine.service';
export { createEngineClient, type EngineClient } from './engine/engine-client';
export type { EngineData } from './engine/engine-data';
export { gatherInputs, inputsOf, type EngineInput, type EngineReader } from './engine/inputs';
export { gatherOutcomes, outcomesOf } from './engine/outcomes';
export { WellnessFindings, WellnessQuestion } from './engine/findings.schema';
export { createWhyService, type WhyService } from './why/why.service';
export type { WhyAnswer } from './why/why.schema';
