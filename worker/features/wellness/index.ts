// The athlete's whole day (issue 40): check-ins and device readings, readiness, and the N=1 statistics.
export { createWellnessService, type WellnessService, type WellnessAthlete } from './wellness.service';
export { CheckInBody } from './wellness.schema';
export { SCALES, NUMERIC_FIELDS } from './wellness.fields';
