export { createAnalyticsService, athleteOf } from './analytics.service';
export type { AnalyticsService, Athlete } from './analytics.service';
export { createTrainingLoadService } from './training-load.service';
export type { TrainingLoadService } from './training-load.service';
export { analyticsRoutes, analyticsAdminRoutes, exportsRoutes } from './analytics.routes';
export { analyticsRebuildsJob } from './analytics.jobs';
export { analyticsViews } from './analytics.views';
export { DURATION_LOAD_PER_HOUR } from './calc/load.calc';
export { THRESHOLD_KINDS } from './calc/thresholds.calc';
