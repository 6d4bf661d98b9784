// Interval detection and plan vs done on the activity page (rules in README.md).
export { createIntervalsService } from './intervals.service';
export { ActivityIntervals } from './intervals.schema';
