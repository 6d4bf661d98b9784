import { z } from '@hono/zod-openapi';
import { FreeText, isStorableText } from '../../../lib/text.schema';

/** A push service URL as the browser gives it; NUL and broken Unicode never reach Postgres. */
const Endpoint = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine(isStorableText, { message: 'Not a push endpoint' });

const b64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, { message: 'Not base64url' });

/** What the browser's PushSubscription.toJSON() gives, plus the app install's own id. */
export const PushSubscribe = z
  .object({
    installId: z.uuid().openapi({ description: 'The app install’s id (kept in the browser); one live subscription per install' }),
    endpoint: Endpoint.openapi({
      description: 'The push service URL from PushSubscription (a capability URL: stored, never shown or logged)',
    }),
    keys: z.object({
      p256dh: b64url(87, 90).openapi({ description: 'The browser’s P-256 public key (65 bytes, base64url)' }),
      auth: b64url(22, 24).openapi({ description: 'The 16-byte auth secret (base64url)' }),
    }),
    label: FreeText({ max: 80 }).optional().openapi({ description: 'A device label, e.g. “Chrome on Android”' }),
  })
  .openapi('PushSubscribe');
export type PushSubscribe = z.infer<typeof PushSubscribe>;

/** Sent on every app open: what the browser holds now for this install (null: nothing, or permission revoked). */
export const PushSync = z
  .object({
    installId: z.uuid(),
    endpoint: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable(),
  })
  .openapi('PushSync');
export type PushSync = z.infer<typeof PushSync>;

export const PushSyncResult = z
  .object({
    subscribed: z
      .boolean()
      .openapi({ description: 'Whether the browser’s subscription is the stored one; false with an endpoint: subscribe again' }),
    retired: z.int().openapi({ description: 'Stored subscriptions of this install the browser no longer holds, now retired' }),
  })
  .openapi('PushSyncResult');

/** One device as Settings and support see it: never the endpoint or keys. */
export const PushDevice = z
  .object({
    id: z.uuid(),
    installId: z.uuid(),
    label: z.string().nullable(),
    createdAt: z.string(),
    lastSuccessAt: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    lastErrorCode: z.string().nullable(),
    retiredAt: z.string().nullable(),
  })
  .openapi('PushDevice');
export type PushDevice = z.infer<typeof PushDevice>;

export const PushDevices = z.object({ devices: z.array(PushDevice) }).openapi('PushDevices');
export const VapidKey = z
  .object({ publicKey: z.string().openapi({ description: 'applicationServerKey for PushManager.subscribe (base64url)' }) })
  .openapi('VapidKey');
export const InstallIdParam = z.object({ installId: z.uuid().openapi({ param: { name: 'installId', in: 'path' } }) });
