export { createDashboardService, type DashboardService, QUIET_DAYS } from './dashboard.service';
export { CoachDashboard, DashboardAthlete } from './dashboard.schema';
export { HIGH, WATCH, type AttentionLevel } from './attention';
