// Completed-vs-planned matching and compliance (rules in README.md): pure functions over plain rows.
export { activityDurationS, matchActivities } from './match.calc';
export type { ActivityForMatch, ManualLink, Match, PlannedForMatch } from './match.calc';
export { bandOf, compliance, weeklySummary } from './compliance.calc';
export type { Compliance, ComplianceBand, PlannedForCompliance } from './compliance.calc';
