export { createNotificationsService } from './notifications.service';
export type { NotificationsService, NotifyInput } from './notifications.service';
export { notifyConsumer } from './notify.consumer';
export { notificationsRoutes } from './notifications.routes';
export { NotifyMessage } from './notifications.schema';
export { notificationsDueJob, notificationsRetentionJob } from './notifications.jobs';
export { CATEGORIES, CATEGORY_LABELS, NOTIFICATION_TYPES } from './notification-types';
export type { Category, NotificationType, NotificationData, Receipt } from './notification-types';
