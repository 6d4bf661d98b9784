import { z } from '@hono/zod-openapi';
import { NOTIFICATION_TYPE_NAMES } from './notification-types';

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
    type: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({ notifications: z.array(Notification), unread: z.number().int() }).openapi('NotificationList');

export const NotificationIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
