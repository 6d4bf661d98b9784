export { createNotificationsService } from './notifications.service';
export type { NotificationsService } from './notifications.service';
export { notifyConsumer } from './notify.consumer';
export { notificationsRoutes } from './notifications.routes';
export { NotifyMessage } from './notifications.schema';
