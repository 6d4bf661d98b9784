// What only the app, the queue and cron dispatchers and the wiring mount: this feature's routers, queue
// consumers and cron jobs. Other features and the web use index.ts, which loads no routes.
export { notifyConsumer } from './notify.consumer';
export { notificationsRoutes } from './inbox/notifications.routes';
export { pushRoutes } from './push/push.routes';
export { notificationsDueJob, notificationsRemindersJob, notificationsWeeklyJob } from './notifications.jobs';
export { unsubscribeRoutes } from './unsubscribe/unsubscribe.routes';
