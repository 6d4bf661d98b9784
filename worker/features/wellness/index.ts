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
