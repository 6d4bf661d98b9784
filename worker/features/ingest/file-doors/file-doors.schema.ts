import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { DOOR_NAMES } from './file-doors.registry';

/** A file reference as a job or a stored notification keeps it (the start time as ISO text). */
export const FileRefPayload = z.object({
  externalUserId: z.string().min(1).max(100),
  activityId: z.string().min(1).max(100),
  fileRef: z.string().min(1).max(2000),
  format: z.enum(['fit', 'tcx', 'gpx']),
  startTime: z.string().nullable(),
  name: z.string().max(300).nullish(),
  sportType: z.string().max(100).nullish(),
  deviceName: z.string().max(200).nullish(),
});

/** What a webhook delivery said, as verified by the adapter and stored once in webhook_events. */
export const StoredNotice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), file: FileRefPayload }),
  z.object({ kind: z.literal('deregistered'), externalUserId: z.string().min(1).max(100) }),
  // Read back from the provider when handled; a list the notice carried (deliveries stored before ADR 095) is dropped here.
  z.object({ kind: z.literal('permissions'), externalUserId: z.string().min(1).max(100) }),
  // A health ping: the summaries are pulled from its callback URL when handled (ADR 071, 095).
  z.object({
    kind: z.literal('health'),
    externalUserId: z.string().min(1).max(100),
    summaryType: z.string().min(1).max(40),
    callbackURL: z.string().min(1).max(2000),
  }),
]);
export const StoredDelivery = z.object({ provider: z.enum(DOOR_NAMES), notices: z.array(StoredNotice) });
export type StoredDelivery = z.infer<typeof StoredDelivery>;

export const ProviderParam = z.object({
  provider: z.enum(DOOR_NAMES).openapi({ param: { name: 'provider', in: 'path' }, description: 'A live door (Garmin Connect, …)' }),
});

export const DoorCallbackQuery = z.object({
  code: FreeText({ max: 500 }).optional(),
  state: FreeText({ max: 2000 }).optional(),
  error: FreeText({ max: 200 }).optional(),
});

export const DoorStatus = z
  .object({
    provider: z.enum(DOOR_NAMES),
    label: z.string(),
    /** The name as a page first shows it (Garmin Connect™). */
    title: z.string(),
    /** What history connecting brings. */
    onConnect: z.string(),
    /** The days of history asked for on connect. */
    backfillDays: z.number().int(),
    /** The activity source of what it brings, and what its policy row lets it feed. */
    source: z.string(),
    uses: z.object({ aiCoach: z.boolean(), shownToOthers: z.boolean() }),
    /** Whether its activities stay when the athlete disconnects (the policy row's retention). */
    keepsActivitiesOnDisconnect: z.boolean(),
    /** How activities from it are attributed on every page that shows them. */
    attribution: z.string(),
    connected: z.boolean(),
    externalUserId: z.string().nullable(),
    connectedAt: z.string().nullable(),
    /** The provider refused our tokens: nothing arrives until the athlete connects again. */
    reconnectNeeded: z.boolean(),
    /** Null when not connected; false when the athlete unticked activity sharing at the provider. */
    sharesActivities: z.boolean().nullable(),
    /**
     * Connected and nothing has arrived yet: `history` while the provider is still to send the history asked for
     * on connect (Garmin answers the request at once and delivers later), `first_sync` when the first file comes
     * with the athlete's next sync. Null otherwise (the import's own state says what is happening).
     */
    waiting: z.enum(['history', 'first_sync']).nullable(),
  })
  .openapi('DoorStatus');

export const DisconnectResult = z
  .object({
    removedActivities: z.number().int(),
    /** Whether the provider confirmed the end of the registration (false: it could not be reached; our tokens are gone anyway). */
    deregistered: z.boolean(),
  })
  .openapi('DoorDisconnect');

export const WebhookAck = z.object({
  ok: z.literal(true),
  duplicate: z.boolean(),
  notices: z.number().int(),
  held: z.literal(true).optional().openapi({ description: 'The database was away: the delivery waits on the queue until it is back' }),
});

export const DoorWellnessInput = z.object({
  enabled: z.boolean().openapi({ description: 'Bring wellness in from this door (off by default)' }),
});

export const DoorWellness = z
  .object({
    provider: z.enum(DOOR_NAMES),
    label: z.string(),
    connected: z.boolean(),
    enabled: z.boolean(),
    enabledAt: z.string().nullable(),
    /** When the last poll ran, and how many nights' records it received. */
    lastPollAt: z.string().nullable(),
    lastPollRecords: z.number().int().nullable(),
    /** The provider lists only this many days back: older nights cannot be fetched. */
    windowDays: z.number().int(),
  })
  .openapi('DoorWellness');
export type DoorWellness = z.infer<typeof DoorWellness>;
