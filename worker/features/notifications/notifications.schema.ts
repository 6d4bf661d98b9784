import { z } from '@hono/zod-openapi';

/** Body of a message on the notify queue. The dedupe key makes redelivery harmless. */
export const NotifyMessage = z.object({
  kind: z.literal('in_app'),
  userId: z.uuid(),
  dedupeKey: z.string().min(1).max(200),
  type: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  body: z.string().max(2000).default(''),
  link: z.string().startsWith('/').max(500).optional(),
});
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
