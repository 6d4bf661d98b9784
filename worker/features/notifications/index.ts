export { createNotificationsService } from './notifications.service';
export type { NotificationsService } from './notifications.service';
export { createNotifier, createQueueNotifier } from './notifier';
export type { Notifier } from './notifier';
export { createWeeklySummary } from './weekly-summary/weekly-summary.service';
export { CATEGORIES, CATEGORY_LABELS, NOTIFICATION_TYPES } from './notification-types';
export type { Category, NotificationType, NotificationData } from './notification-types';
export { createNotificationEmail } from './email/notification-email';
export type { UnsubscribeView } from './unsubscribe/unsubscribe.service';
