// What only the app, the queue and cron dispatchers and the wiring mount: this feature's routers, queue
// consumers and cron jobs. Other features and the web use index.ts, which loads no routes.
export { ingestConsumer } from './ingest.consumer';
export { webhooksConsumer } from './webhooks.consumer';
export { HELD_DELIVERY_KIND, heldDeliveryConsumer } from './webhook-intake';
export { doorCatchUpJob, doorWellnessPollJob, importsLeaseSweep, stuckJobSweep } from './ingest.jobs';
export { connectionsRoutes, ingestionRoutes, ingestionAdminRoutes } from './ingest.routes';
export { stravaWebhookRoutes } from './webhooks.routes';
export { importsRoutes } from './imports/imports.routes';
export { importsConsumer } from './imports/imports.consumer';
export { doorConnectionRoutes, doorWebhookRoutes } from './file-doors/file-doors.routes';
export { fileDoorEventsConsumer } from './file-doors/file-doors.consumer';
export { garminWellnessRoutes } from './garmin-health/garmin-health.routes';
export { tokensReencryptJob } from './token-keys';
