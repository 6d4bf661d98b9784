// The plain modules the browser bundle may load from wellness: the fields' words and ranges.
export { NUMERIC_FIELDS, SCALES } from './wellness.fields';
