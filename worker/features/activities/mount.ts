// What only the app, the queue and cron dispatchers and the wiring mount: this feature's routers, queue
// consumers and cron jobs. Other features and the web use index.ts, which loads no routes.
export { stravaCacheWindowJob } from './policy';
export { activitiesRoutes } from './activities.routes';
export { tombstoneRoutes } from './tombstones.routes';
export { activityTrashPurgeJob } from './trash-purge.job';
