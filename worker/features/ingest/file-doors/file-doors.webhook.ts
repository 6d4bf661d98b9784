import { sha256Hex } from '../../../lib/crypto';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import {
  type FileProviderClient,
  type FileProviderName,
  ProviderConsentError,
  ProviderFileGoneError,
  type ProviderNotice,
  ProviderNotificationMalformed,
  ProviderNotificationRejected,
  ProviderUnauthorizedError,
} from '../../../providers/file-provider/file-provider';
import * as ingestRepo from '../ingest.repo';
import type { Executor } from '../../../db/executor';
import type { IngestionService } from '../ingestion.service';
import { type GarminHealth, storesWellness } from '../garmin-health/garmin-health.service';
import type { DoorConnection } from './doors.repo';
import type { DoorConnections } from './file-doors.connection';
import { fileJob } from './file-doors.jobs';
import { DoorReconnectNeeded, type DoorTokens } from './file-doors.tokens';
import { doorOf } from './file-doors.registry';
import { type StoredDelivery, StoredDelivery as StoredDeliverySchema } from './file-doors.schema';

/** The queue message of a stored delivery (cadence-webhooks, by kind). */
export const DOOR_EVENT_KIND = 'file-door';
/** The parts of a stored door outcome ("files:3 unknown:1"); Ops Pulse labels each (ops-pulse-causes.ts). */
export const DOOR_OUTCOME_CODES = [
  'files',
  'unknown',
  'deregistered',
  'unconfirmed',
  'permissions',
  'stale',
  'wellness',
  'withheld',
  'nothing',
  'invalid',
] as const;

interface Deps {
  db: Executor;
  logger: Logger;
  clients: Partial<Record<FileProviderName, FileProviderClient>>;
  connections: DoorConnections;
  ingestion: IngestionService;
  /** Health summaries to wellness, with the athlete's consents (ADR 071). */
  health: GarminHealth;
  /** The athlete's token for a door (refreshed when due, once more after a refusal): how notices are confirmed (ADR 095). */
  withToken: <T>(userId: string, provider: FileProviderName, fn: (accessToken: string) => Promise<T>) => Promise<T>;
}

type Kept = Exclude<ProviderNotice, { kind: 'ignored' }>;

const stored = (provider: FileProviderName, notices: Kept[]): StoredDelivery => ({
  provider,
  notices: notices.map((n) =>
    n.kind === 'file' ? { kind: 'file', file: { ...n.file, startTime: n.file.startTime?.toISOString() ?? null } } : n,
  ),
});

export function createDoorWebhooks(deps: Deps) {
  return {
    /**
     * The route's part, fast: the adapter verifies (unverifiable: 401, nothing stored), the delivery is stored once
     * (a provider's retry of the same body is a duplicate) and queued, or held on the queue while the database is away
     * (webhook-intake.ts). Whose connection each notice concerns is
     * the consumer's business.
     */
    async receive(provider: string, rawBody: string, headers: Headers): Promise<{ duplicate: boolean; notices: number; held?: true }> {
      const door = doorOf(provider);
      const client = door && deps.clients[door.provider];
      if (!door || !client) throw new AppError(ErrorCode.NOT_FOUND, 'This data source is not offered here.');
      let notices: ProviderNotice[];
      try {
        notices = await client.verifyNotification({ rawBody, headers });
      } catch (err) {
        if (err instanceof ProviderNotificationMalformed) {
          deps.logger.warn('provider notification unreadable', {
            counter: `${door.provider}.webhook.malformed`,
            count: 1,
            reason: err.message,
          });
          throw new AppError(ErrorCode.BAD_REQUEST, `This ${door.label} notification is signed but its body could not be read.`);
        }
        if (!(err instanceof ProviderNotificationRejected)) throw err;
        // Counted, never stored: a misconfigured or forged sender shows up here.
        deps.logger.warn('provider notification refused', { counter: `${door.provider}.webhook.refused`, count: 1, reason: err.message });
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'This notification could not be verified.');
      }
      // Summary types we do not read (Garmin sends what the app's key is configured for): acknowledged, counted.
      const kept = notices.filter((n): n is Kept => n.kind !== 'ignored');
      const ignored = notices.reduce((sum, n) => sum + (n.kind === 'ignored' ? n.entries : 0), 0);
      if (ignored > 0) deps.logger.info('provider summaries ignored', { counter: `${door.provider}.webhook.ignored`, count: ignored });
      if (kept.length === 0) return { duplicate: false, notices: 0 };
      const taken = await deps.ingestion.intakeDelivery({
        provider: door.provider,
        dedupeKey: `${door.provider}:${await sha256Hex(rawBody)}`,
        payload: stored(door.provider, kept),
        kind: DOOR_EVENT_KIND,
      });
      return { duplicate: taken.duplicate, notices: kept.length, ...(taken.held ? { held: true } : {}) };
    },

    /** The consumer's part: a job per file of a live connection, deregistrations, permission changes. Returns the outcome. */
    async handle(payload: unknown): Promise<string> {
      const parsed = StoredDeliverySchema.safeParse(payload);
      if (!parsed.success) return 'invalid';
      const { provider, notices } = parsed.data;
      const door = doorOf(provider);
      if (!door) return 'invalid';
      const counts: Record<Exclude<(typeof DOOR_OUTCOME_CODES)[number], 'nothing' | 'invalid'>, number> = {
        files: 0,
        unknown: 0,
        deregistered: 0,
        unconfirmed: 0,
        permissions: 0,
        stale: 0,
        wellness: 0,
        withheld: 0,
      };
      const perUser = new Map<string, Awaited<ReturnType<typeof fileJob>>[]>();
      const health = new Map<string, { conn: DoorConnection; pings: { summaryType: string; callbackURL: string }[] }>();
      const client = deps.clients[provider];
      /**
       * Asks the provider with the athlete's token (ADR 095). A refused token, a URL the provider did not issue or no
       * longer serves: not confirmed (null). A 429 or 5xx throws, and the queue tries the delivery again.
       */
      const confirm = async <T>(conn: DoorConnection, fn: (tokens: DoorTokens) => Promise<T>): Promise<T | null> => {
        try {
          return await deps.withToken(conn.userId, provider, (accessToken) => fn({ accessToken, externalUserId: conn.externalUserId }));
        } catch (err) {
          if (
            err instanceof ProviderFileGoneError ||
            err instanceof ProviderUnauthorizedError ||
            err instanceof ProviderConsentError ||
            err instanceof DoorReconnectNeeded
          )
            return null;
          throw err;
        }
      };
      for (const n of notices) {
        if (n.kind === 'deregistered') {
          const outcome = await deps.connections.deregisteredAtSource(provider, n.externalUserId);
          counts[outcome === 'ended' ? 'deregistered' : outcome]++;
          continue;
        }
        const external = n.kind === 'file' ? n.file.externalUserId : n.externalUserId;
        // A push of health summaries names one athlete many times: looked up once.
        const conn = health.get(external)?.conn ?? (await deps.connections.findByExternal(provider, external));
        // An athlete who left (or never came): acknowledged, nothing fetched.
        if (!conn) {
          counts.unknown++;
          continue;
        }
        if (n.kind === 'health') {
          const group = health.get(external) ?? { conn, pings: [] };
          group.pings.push({ summaryType: n.summaryType, callbackURL: n.callbackURL });
          health.set(external, group);
          continue;
        }
        if (n.kind === 'permissions') {
          // What Garmin lists now, never the notice's list: anyone can send the notice (ADR 095).
          const now = client?.permissions ? await confirm(conn, (t) => client.permissions!(t)) : null;
          if (!now) {
            counts.unconfirmed++;
            continue;
          }
          const scopes = now.join(' ');
          if (scopes === conn.scopes) {
            counts.stale++;
            continue;
          }
          await deps.connections.updateScopes(conn.id, scopes, null);
          if (!door.requiredScope || now.includes(door.requiredScope)) await deps.ingestion.releaseParked(conn.userId, `${provider}.`);
          counts.permissions++;
          continue;
        }
        const ref = { ...n.file, startTime: n.file.startTime ? new Date(n.file.startTime) : null };
        perUser.set(conn.userId, [...(perUser.get(conn.userId) ?? []), await fileJob(door, conn.userId, conn.id, ref)]);
        counts.files++;
      }
      for (const { conn, pings } of health.values()) {
        // Without both consents nothing is pulled: Garmin is not asked for what would not be stored.
        if (!storesWellness(conn)) {
          counts.withheld += pings.length;
          continue;
        }
        for (const p of pings) {
          const pulled = client?.fetchHealth ? await confirm(conn, (t) => client.fetchHealth!(t, p.summaryType, p.callbackURL)) : null;
          if (!pulled) {
            counts.unconfirmed++;
            continue;
          }
          const r = await deps.health.record(
            conn,
            pulled.map((summary) => ({ summaryType: p.summaryType, summary })),
          );
          counts.wellness += r.stored;
          counts.withheld += r.withheld;
        }
      }
      for (const [userId, jobs] of perUser) {
        // The state turns running when a job starts and done when the last one ends; a replay makes no job.
        const created = await deps.ingestion.schedule(jobs);
        if (created > 0) await ingestRepo.addEstimate(deps.db, userId, provider, created);
      }
      return (
        Object.entries(counts)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${k}:${v}`)
          .join(' ') || 'nothing'
      );
    },
  };
}

export type DoorWebhooks = ReturnType<typeof createDoorWebhooks>;
