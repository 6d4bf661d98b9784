import type { Executor } from '../../../db/executor';
import { afterRetryAfter } from '../../../lib/backoff';
import type { Clock } from '../../../lib/clock';
import { sha256Hex } from '../../../lib/crypto';
import type { Logger } from '../../../lib/logger';
import {
  type FileProviderClient,
  type FileProviderName,
  ProviderConsentError,
  ProviderFileGoneError,
  type ProviderFileRef,
  ProviderRateLimitedError,
  ProviderUnauthorizedError,
} from '../../../providers/file-provider/file-provider';
import type { ActivitiesService, ActivityInput } from '../../activities';
import { parseUpload } from '../files/import-file';
import * as ingestRepo from '../ingest.repo';
import type { JobRow } from '../ingest.repo';
import { DeferJob, type IngestionService, type JobResult, ParkJob } from '../ingestion.service';
import { JobFailure } from '../job-failure';
import type { DoorConnection } from './doors.repo';
import type { DoorConnections } from './file-doors.connection';
import type { DoorWellnessService } from './door-wellness';
import { type Door, doorOfKind } from './file-doors.registry';
import { FileRefPayload } from './file-doors.schema';
import { asDoorActivities } from './file-doors.map';
import { originalKey } from './file-doors.stash';
import { DoorReconnectNeeded, type DoorTokens, type DoorTokenUpkeep } from './file-doors.tokens';

/** A provider that says 429 without Retry-After is asked again after this. */
const DEFAULT_RETRY_S = 60;

/**
 * One announced (or listed) file: fetched, imported, counted. The dedupe key holds the file reference's hash, so
 * a replayed notification makes no second job, while a fresh one for the same activity (a provider's resend, with a
 * new callback URL) may run, and the upsert by activity id stores nothing twice.
 */
export async function fileJob(door: Door, userId: string, connectionId: string, ref: ProviderFileRef) {
  return {
    userId,
    kind: `${door.provider}.file`,
    payload: { connectionId, ref: { ...ref, startTime: ref.startTime?.toISOString() ?? null } },
    dedupeKey: `${door.provider}:file:${connectionId}:${ref.activityId}:${(await sha256Hex(ref.fileRef)).slice(0, 16)}`,
  };
}

interface Deps {
  db: Executor;
  clock: Clock;
  logger: Logger;
  clients: Partial<Record<FileProviderName, FileProviderClient>>;
  connections: DoorConnections;
  tokens: DoorTokenUpkeep;
  bucket: R2Bucket;
  activities: ActivitiesService;
  ingestion: IngestionService;
  /** The athlete's profile time zone: the calendar date of a file without a trustworthy local time. */
  timeZoneOf: (userId: string) => Promise<string>;
  /** Polled wellness (ADR 072); without it a `<provider>.wellness` job does nothing. */
  wellness?: Pick<DoorWellnessService, 'enabled' | 'store'>;
}

export function createDoorJobs(deps: Deps) {
  const reconnect = (p: FileProviderName) => `${p}:reconnect`;

  /**
   * Every provider call: the athlete's token (refreshed when due), the provider's Retry-After on a 429 (no
   * provider of ours publishes a call budget to take permits from), one refresh and retry on a refused token.
   */
  async function call<T>(c: DoorConnection, door: Door, client: FileProviderClient, fn: (t: DoorTokens) => Promise<T>): Promise<T> {
    try {
      let tokens = await deps.tokens.current(c, client, door.label);
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn(tokens);
        } catch (err) {
          if (err instanceof ProviderRateLimitedError) {
            const retryAt = deps.clock.now().getTime() + Math.round(afterRetryAfter(err.retryAfterS ?? DEFAULT_RETRY_S) * 1000);
            throw new DeferJob(retryAt, `${door.provider}:429`);
          }
          if (!(err instanceof ProviderUnauthorizedError)) throw err;
          tokens =
            attempt === 1
              ? await deps.tokens.afterRejection(c, client, door.label, tokens.accessToken)
              : await deps.tokens.rejectedAgain(c, door.label);
        }
      }
    } catch (err) {
      if (err instanceof DoorReconnectNeeded) throw new ParkJob(reconnect(door.provider), err.message);
      throw err;
    }
  }

  /** The job's door, client and connection; null when the connection was since replaced or removed (the job ends quietly). */
  async function live(job: JobRow): Promise<{ door: Door; client: FileProviderClient; conn: DoorConnection } | null> {
    const door = doorOfKind(job.kind);
    const client = door && deps.clients[door.provider];
    if (!door || !client) return null;
    const conn = await deps.connections.findByUser(job.userId, door.provider);
    if (!conn || conn.id !== job.payload.connectionId) return null;
    if (conn.reconnectNeededAt) throw new ParkJob(reconnect(door.provider), new DoorReconnectNeeded(door.label).message);
    return { door, client, conn };
  }

  const consentOff = (door: Door) =>
    new ParkJob(
      `${door.provider}:consent`,
      `Activity sharing with Cadence is off in ${door.label}. Turn it back on there, or connect again.`,
    );

  /**
   * The files the provider lists for the connection (its recent history), or how it will send them instead; null
   * when sharing is off at the provider and `consent` says to skip (a listing for later) rather than park the job.
   */
  async function listed(ctx: { door: Door; client: FileProviderClient; conn: DoorConnection }, consent: 'park' | 'skip') {
    const { door, client, conn } = ctx;
    const since = new Date(deps.clock.now().getTime() - door.backfillDays * 86_400_000);
    try {
      return await call(conn, door, client, (t) => client.backfill(t, since));
    } catch (err) {
      if (!(err instanceof ProviderConsentError)) throw err;
      if (consent === 'park') throw consentOff(door);
      return null;
    }
  }

  const handlers: Record<string, (job: JobRow) => Promise<JobResult>> = {
    /** The recent history the provider allows: listed files become file jobs; Garmin answers with pings instead. */
    async backfill(job) {
      const ctx = await live(job);
      if (!ctx) return undefined;
      const { door, conn } = ctx;
      const files = await listed(ctx, 'park');
      // A listed history records its size, even none: the estimate stays null only while pings are still to come.
      if (files && files !== 'notifications') {
        await ingestRepo.addEstimate(deps.db, job.userId, door.provider, files.length);
        if (files.length) await deps.ingestion.schedule(await Promise.all(files.map((ref) => fileJob(door, job.userId, conn.id, ref))));
      }
      return undefined;
    },

    /**
     * The catch-up listing (ADR 091): what the provider lists that no notification brought becomes file jobs (a file
     * already announced has the same key). Sharing turned off at the provider: nothing to catch up, and the next
     * notification parks as usual.
     */
    async catchup(job) {
      const ctx = await live(job);
      if (!ctx) return undefined;
      const { door, conn } = ctx;
      const files = await listed(ctx, 'skip');
      if (!files || files === 'notifications' || !files.length) return undefined;
      const missed = await deps.ingestion.schedule(await Promise.all(files.map((ref) => fileJob(door, job.userId, conn.id, ref))));
      if (missed > 0) {
        await ingestRepo.addEstimate(deps.db, job.userId, door.provider, missed);
        // A non-zero count means notifications were missed: worth seeing in the logs (no personal data).
        deps.logger.info('door catch-up found files', { provider: door.provider, files: missed });
      }
      return undefined;
    },

    /** The health history Garmin allows, asked when the athlete turns wellness on; the summaries come by push (ADR 071). */
    async wellness_backfill(job) {
      const ctx = await live(job);
      if (!ctx) return undefined;
      const { door, client, conn } = ctx;
      // Turned off (or never on) since the job was queued: nothing to ask for.
      if (!client.backfillHealth || !door.healthBackfillDays || !conn.wellnessConsentAt) return undefined;
      const since = new Date(deps.clock.now().getTime() - door.healthBackfillDays * 86_400_000);
      try {
        await call(conn, door, client, (t) => client.backfillHealth!(t, since));
      } catch (err) {
        // Health unticked at Garmin: nothing will come, and the Data sources card says why.
        if (err instanceof ProviderConsentError) return undefined;
        throw err;
      }
      return undefined;
    },

    /** One file: fetched once into R2 (kept as the athlete's original), parsed by the upload parsers, stored as the door's source, counted. */
    async file(job) {
      const ctx = await live(job);
      if (!ctx) return undefined;
      const { door, client, conn } = ctx;
      const payload = FileRefPayload.parse(job.payload.ref);
      const ref: ProviderFileRef = { ...payload, startTime: payload.startTime ? new Date(payload.startTime) : null };
      const key = originalKey(job.userId, door.provider, ref.activityId, ref.format);
      if (!(await deps.bucket.head(key))) {
        let bytes: Uint8Array;
        try {
          bytes = await call(conn, door, client, (t) => client.fetchFile(t, ref));
        } catch (err) {
          // Gone (downloaded before, expired) or no longer shared: nothing to import, and retrying cannot change it.
          if (!(err instanceof ProviderFileGoneError) && !(err instanceof ProviderConsentError)) throw err;
          deps.logger.warn('provider file not available', { job: job.kind, userId: job.userId, errorName: err.name });
          await ingestRepo.bumpDone(deps.db, job.userId, door.provider);
          return undefined;
        }
        await deps.bucket.put(key, bytes);
      }
      const parse = parseUpload({
        name: `${ref.activityId}.${ref.format}`,
        open: async () => {
          const obj = await deps.bucket.get(key);
          if (!obj) throw new Error('stashed provider file missing');
          return obj.body;
        },
        fallbackTimeZone: await deps.timeZoneOf(job.userId),
      });
      const parsed: ActivityInput[] = [];
      for await (const a of parse.activities) parsed.push(a);
      const { createdIds } = parsed.length
        ? await deps.activities.ingestMany(job.userId, asDoorActivities(door, ref, parsed))
        : { createdIds: [] as string[] };
      if (parse.skipped.length)
        deps.logger.warn('provider file skipped', { job: job.kind, userId: job.userId, reason: parse.skipped[0]?.reason ?? 'unknown' });
      // The file stays: it is the athlete's original (the export reads it; account deletion erases it).
      await ingestRepo.bumpDone(deps.db, job.userId, door.provider);
      // A file the parsers refuse is a failure with its cause (the same bytes fail the same way), not a quiet "done".
      if (!parsed.length && parse.skipped.some((s) => s.reason !== 'no_activity'))
        throw new JobFailure('file_unreadable', `A file from ${door.label} could not be read, so its activity was not imported.`);
      return { created: createdIds };
    },
  };

  /**
   * The nights the provider still lists, stored by their ids (a re-poll replaces them with themselves). With the
   * consent off since the job was queued, nothing is fetched and nothing stored.
   */
  handlers.wellness = async (job) => {
    const ctx = await live(job);
    const wellness = deps.wellness;
    if (!ctx || !wellness || !ctx.client.wellness) return undefined;
    const { door, client, conn } = ctx;
    if (!(await wellness.enabled(job.userId, door.provider))) return undefined;
    const records = await call(conn, door, client, (t) => client.wellness!(t));
    await wellness.store(job.userId, door.provider, records);
    return undefined;
  };

  return {
    handle(job: JobRow): Promise<JobResult> {
      const step = job.kind.split('.')[1] ?? '';
      const handler = Object.hasOwn(handlers, step) ? handlers[step] : undefined;
      if (!handler || !doorOfKind(job.kind)) throw new Error(`unknown ingest job kind ${job.kind}`);
      return handler(job);
    },
  };
}

export type DoorJobs = ReturnType<typeof createDoorJobs>;
