// What only the app, the queue and cron dispatchers and the wiring mount: this feature's routers, queue
// consumers and cron jobs. Other features and the web use index.ts, which loads no routes.
export { analyticsRoutes, analyticsAdminRoutes } from './analytics.routes';
export { exportsRoutes } from './exports.routes';
export { analyticsRebuildsJob } from './analytics.jobs';
export { activityStreamsRoutes } from './streams/activity-streams.routes';
export { curvesRoutes } from './curves/curves.routes';
export { trendsRoutes } from './trends/trends.routes';
