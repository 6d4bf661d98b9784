// The plain modules the browser bundle may load from wellness: the fields' words and ranges, each source's attribution.
export { NUMERIC_FIELDS, SCALES } from './wellness.fields';
export { WELLNESS_POLICY, wellnessSourceName } from './wellness.policy';
