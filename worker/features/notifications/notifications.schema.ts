import { z } from '@hono/zod-openapi';
import { CATEGORIES, NOTIFICATION_TYPE_NAMES } from './notification-types';

/** A trigger: who, which catalog type, its idempotency key and data (validated against the catalog by the fan-out). */
export const NotifyEvent = z.object({
  kind: z.literal('event'),
  userId: z.uuid(),
  type: z.enum(NOTIFICATION_TYPE_NAMES),
  dedupeKey: z.string().min(1).max(200),
  data: z.record(z.string(), z.unknown()),
  /** When it happened (the producer's clock); the fan-out's clock when absent. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type NotifyEvent = z.infer<typeof NotifyEvent>;

/** Send one row of the email outbox that is due (from the fan-out or the due sweep). */
export const DeliverMessage = z.object({ kind: z.literal('deliver'), deliveryId: z.uuid() });
export type DeliverMessage = z.infer<typeof DeliverMessage>;

/** Body of a message on the notify queue. Dedupe keys and delivery claims make redelivery harmless. */
export const NotifyMessage = z.discriminatedUnion('kind', [NotifyEvent, DeliverMessage]);
export type NotifyMessage = z.infer<typeof NotifyMessage>;

export const Notification = z
  .object({
    id: z.uuid(),
    type: z.string().openapi({ description: 'The catalog type (notification-types.ts), e.g. analysis.ready' }),
    category: z.string().openapi({ description: 'Its preference category: plan, analysis, load, coach, account' }),
    title: z.string(),
    body: z.string(),
    link: z
      .string()
      .nullable()
      .openapi({ description: 'The in-app path of what it is about (activity, plan, insight, proposal, invoice)' }),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof Notification>;

/**
 * What the center shows as one row: the notifications of one type on one local day (the account's zone).
 * A group of one carries that notification's own title, body and link.
 */
export const NotificationGroup = z
  .object({
    key: z.string().openapi({ description: 'Stable within a page: local day and type' }),
    type: z.string(),
    category: z.string(),
    day: z.iso.date().openapi({ description: 'The local day (YYYY-MM-DD) in the account’s time zone' }),
    count: z.number().int(),
    unread: z.number().int(),
    ids: z.array(z.uuid()).openapi({ description: 'Newest first; mark them read together with POST /read' }),
    latestAt: z.string(),
    title: z.string().openapi({ description: 'The notification’s title, or the catalog’s group label (“3 analysis updates”)' }),
    body: z.string().nullable().openapi({ description: 'The notification’s body for a group of one; null for a group' }),
    link: z
      .string()
      .nullable()
      .openapi({ description: 'What the group is about: the shared link of its notifications, or their common section' }),
  })
  .openapi('NotificationGroup');
export type NotificationGroup = z.infer<typeof NotificationGroup>;

export const NotificationList = z
  .object({
    notifications: z.array(Notification),
    groups: z.array(NotificationGroup).openapi({ description: 'This page’s notifications grouped by local day, then type; newest first' }),
    unread: z.number().int().openapi({ description: 'All your unread notifications, whatever the filter' }),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as cursor for the older page; null on the last page' }),
    timeZone: z.string().openapi({ description: 'The zone the days are in (the account’s, from Settings)' }),
  })
  .openapi('NotificationList');
export type NotificationList = z.infer<typeof NotificationList>;

export const LIST_MAX = 100;

/** A filter by catalog type or by category (not both), optionally unread only. */
const FilterFields = {
  type: z.enum(NOTIFICATION_TYPE_NAMES).optional().openapi({ description: 'Only this catalog type' }),
  category: z.enum(CATEGORIES).optional().openapi({ description: 'Only this preference category' }),
};
const oneFilter = (q: { type?: string | undefined; category?: string | undefined }) => !(q.type && q.category);
const oneFilterMessage = { message: 'Filter by type or by category, not both', path: ['category'] };

export const NotificationQuery = z
  .object({
    ...FilterFields,
    unread: z.enum(['true', 'false', '1', '0']).optional().openapi({ description: 'true (or 1): unread only' }),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, { message: 'Not a page cursor' })
      .optional()
      .openapi({ description: 'nextCursor of the previous page' }),
    limit: z.coerce.number().int().min(1).max(LIST_MAX).default(50),
  })
  .refine(oneFilter, oneFilterMessage)
  .openapi('NotificationQuery');
export type NotificationQuery = z.output<typeof NotificationQuery>;
export const unreadOnly = (q: Pick<NotificationQuery, 'unread'>) => q.unread === 'true' || q.unread === '1';

/** Mark all read, within a filter when one is given (the list's current type or category). */
export const NotificationFilter = z.object(FilterFields).refine(oneFilter, oneFilterMessage).openapi('NotificationFilter');
export type NotificationFilter = z.infer<typeof NotificationFilter>;

export const MarkGroupRead = z
  .object({ ids: z.array(z.uuid()).min(1).max(LIST_MAX).openapi({ description: 'A group’s ids (NotificationGroup.ids)' }) })
  .strict()
  .openapi('MarkNotificationsRead');
export type MarkGroupRead = z.infer<typeof MarkGroupRead>;

export const MarkedRead = z
  .object({
    updated: z.number().int().openapi({ description: 'How many were unread and are now read' }),
    unread: z.number().int().openapi({ description: 'Your unread notifications left' }),
  })
  .openapi('MarkedRead');
export type MarkedRead = z.infer<typeof MarkedRead>;

export const UnreadCount = z.object({ unread: z.number().int() }).openapi('UnreadCount');
export type UnreadCount = z.infer<typeof UnreadCount>;

export const NotificationIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

// The preference shapes, for the settings page (pages reach a feature's shapes through its *.schema.ts).
export { EMAIL_MODES, LOCKED_EMAIL, UpdateNotificationPreferences } from './preferences/notification-preferences';
export type { DndWindow, EmailMode, NotificationPreferences } from './preferences/notification-preferences';
