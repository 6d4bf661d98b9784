import { z } from 'zod';
import { sha256Hex } from '../../../lib/crypto';
import { FreeText } from '../../../lib/text.schema';
import type { Logger } from '../../../lib/logger';
import type { ActivitiesService } from '../../activities';
import type { IngestionService } from '../ingestion.service';
import type { StravaConnections } from './strava.connection';
import { detailJob } from './strava.jobs';

/** Strava's event POST (events are not signed: we only trust what we fetch back with the athlete's token). */
export const StravaEvent = z.object({
  object_type: z.enum(['activity', 'athlete']),
  object_id: z.number().int(),
  aspect_type: z.enum(['create', 'update', 'delete']),
  // Strava sends a few short string fields (title, type, private, authorized); stored as jsonb, which refuses NUL.
  updates: z
    .record(FreeText({ max: 100 }), z.union([FreeText({ max: 2000, multiline: true, trim: false }), z.number(), z.boolean(), z.null()]))
    .default({}),
  owner_id: z.number().int(),
  subscription_id: z.number().int().optional(),
  event_time: z.number().int(),
});
export type StravaEvent = z.infer<typeof StravaEvent>;

/**
 * Whether an event belongs to a push subscription other than ours (`expected` from STRAVA_SUBSCRIPTION_ID).
 * Not configured: every event is accepted, as before the setting existed, since we cannot tell.
 */
export const isForeignSubscription = (e: StravaEvent, expected: number | undefined) =>
  expected !== undefined && e.subscription_id !== expected;

/** The identity of a delivery: Strava's retries of the same event share it. */
export const eventDedupeKey = async (e: StravaEvent) =>
  `strava:${e.owner_id}:${e.object_type}:${e.object_id}:${e.aspect_type}:${e.event_time}:${await sha256Hex(JSON.stringify(e.updates))}`;

export type EventOutcome = 'unknown_owner' | 'deauthorized' | 'deleted' | 'refresh_queued' | 'ignored';

interface Deps {
  connections: StravaConnections;
  activities: ActivitiesService;
  ingestion: IngestionService;
  logger: Logger;
}

/** What each event means for us. Unknown owners and objects are acknowledged and logged, never retried. */
export async function handleStravaEvent(deps: Deps, eventId: string, e: StravaEvent): Promise<EventOutcome> {
  const conn = await deps.connections.findByAthlete(String(e.owner_id));
  if (!conn) return 'unknown_owner';
  if (e.object_type === 'athlete') {
    if (String(e.updates.authorized) !== 'false') return 'ignored';
    // The athlete revoked us at Strava: the token is already dead, so delete without calling back.
    await deps.connections.disconnect({ id: conn.userId, role: 'athlete' }, { revokedAtStrava: true });
    return 'deauthorized';
  }
  const activityId = String(e.object_id);
  if (e.aspect_type === 'delete') {
    await deps.activities.removeOne(conn.userId, 'strava', activityId);
    return 'deleted';
  }
  // Create, or an update of title/type/privacy: fetch the activity again; a now-private one 404s and is removed.
  await deps.ingestion.schedule([detailJob(conn.userId, conn.id, activityId, `strava:event:${eventId}`, 'high')]);
  return 'refresh_queued';
}
