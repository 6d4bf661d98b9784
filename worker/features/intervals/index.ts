// Interval detection and plan vs done on the activity page (rules in README.md).
export { createIntervalsService, type IntervalsService } from './intervals.service';
export { ActivityIntervals } from './intervals.schema';
