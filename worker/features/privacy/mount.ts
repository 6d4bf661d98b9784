// What only the app, the queue and cron dispatchers and the wiring mount: this feature's routers, queue
// consumers and cron jobs. Other features and the web use index.ts, which loads no routes.
export { retentionJob } from './retention/retention.job';
export { privacyRequestsAdminRoutes } from './requests/requests.routes';
export { deletionConsumer, deletionsDueJob, orphanSweepJob } from './deletion';
export { deletionRoutes, orgDeletionRoutes } from './deletion/deletion.routes';
export { exportConsumer } from './export';
export { exportRoutes } from './export/export.routes';
export { privacyLeaseSweepJob } from './lease-sweep.job';
export { reimportConsumer } from './reimport';
export { reimportRoutes } from './reimport/reimport.routes';
