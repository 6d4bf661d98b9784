import type { Clock } from '../../../lib/clock';
import {
  StravaNotFoundError,
  StravaRateLimitedError,
  StravaUnauthorizedError,
  type StravaClient,
  type StravaResult,
} from '../../../providers/strava/strava';
import type { ActivitiesService } from '../../activities';
import type { ProviderBudget } from '../provider-budget.do';
import type { Priority } from '../budget';
import type { Executor } from '../../../db/executor';
import * as ingestRepo from '../ingest.repo';
import type { JobRow } from '../ingest.repo';
import { DeferJob, type IngestionService, type JobResult, ParkJob } from '../ingestion.service';
import { fromStravaDetail, fromStravaSummary, STREAM_KEYS } from './strava.mapper';
import type { ConnectionRow } from '../connections.repo';
import { indexJob, STRAVA_SOURCE, type StravaConnections } from './strava.connection';
import { StravaReconnectNeeded } from './strava.tokens';

const PAGE_SIZE = 200;
/** Why a job is parked until the athlete reconnects Strava (the job's last error; the state shows the message). */
const RECONNECT = 'strava:reconnect';

export const detailJob = (
  userId: string,
  connectionId: string,
  activityId: string,
  dedupeKey = `strava:detail:${connectionId}:${activityId}`,
  priority: Priority = 'normal',
) => ({
  userId,
  kind: 'strava.detail',
  payload: { connectionId, activityId, priority },
  dedupeKey,
});

interface Deps {
  strava: StravaClient;
  connections: StravaConnections;
  budget: DurableObjectStub<ProviderBudget>;
  activities: ActivitiesService;
  ingestion: IngestionService;
  db: Executor;
  clock: Clock;
}

export function createStravaJobs(deps: Deps) {
  /**
   * Every Strava call: a permit first, the token second (refreshed first when due: a refresh takes no permit,
   * Strava's token endpoint is not under its API rate limits), and what the response says goes back to the budget.
   */
  async function call<T>(
    conn: ConnectionRow,
    priority: Priority,
    count: number,
    fn: (token: string) => Promise<StravaResult<T>>[],
  ): Promise<T[]> {
    const userId = conn.userId;
    let token: string | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        const decision = await deps.budget.acquire({ athlete: userId, read: true, priority, count });
        if (!decision.granted) throw new DeferJob(decision.retryAt, `budget:${decision.reason}`);
        token ??= await deps.connections.accessToken(userId, conn);
        // Calls made together are settled together: a refused one never leaves the other's failure unheard.
        const settled = await Promise.allSettled(fn(token));
        const results: T[] = [];
        for (const r of settled) {
          if (r.status === 'rejected') continue;
          await deps.budget.report({ status: 200, rateLimit: r.value.rateLimit });
          results.push(r.value.data);
        }
        const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        if (failures.length === 0) return results;
        const limited = failures.find((e): e is StravaRateLimitedError => e instanceof StravaRateLimitedError);
        if (limited) {
          const { blockedUntil } = await deps.budget.report({ status: 429, rateLimit: limited.rateLimit });
          throw new DeferJob(blockedUntil, 'strava:429');
        }
        if (!failures.every((e) => e instanceof StravaUnauthorizedError))
          throw failures.find((e) => !(e instanceof StravaUnauthorizedError));
        // Refused before its stated expiry (revoked, or a scope taken back): one refresh, shared with the
        // athlete's other jobs, and one retry. Refused again, the connection waits for the athlete to reconnect.
        token = attempt === 1 ? await deps.connections.afterRejection(userId, token) : await deps.connections.rejectedAgain(userId, token);
      }
    } catch (err) {
      if (err instanceof StravaReconnectNeeded) throw new ParkJob(RECONNECT, err.message);
      throw err;
    }
  }

  /** Jobs of a connection that was since replaced or removed are finished without calling anyone. */
  async function liveConnection(job: JobRow): Promise<ConnectionRow | null> {
    const conn = await deps.connections.findByUser(job.userId);
    if (!conn || conn.id !== job.payload.connectionId) return null;
    // Strava refused our tokens: wait for the athlete to reconnect, without spending a permit on a 401.
    if (conn.reconnectNeededAt) throw new ParkJob(RECONNECT, new StravaReconnectNeeded().message);
    return conn;
  }

  /**
   * After a write: a disconnect that ran meanwhile deleted the connection before the athlete's Strava activities,
   * so a job finding it gone took its data after the deletion and removes it again. Nothing from Strava outlives
   * a disconnect. (A newer connection of the athlete keeps it: Strava is authorized again.)
   */
  async function keptAfterDisconnect(job: JobRow): Promise<boolean> {
    if (await deps.connections.findByUser(job.userId)) return true;
    await deps.activities.removeSource(job.userId, 'strava');
    return false;
  }

  // Each handler reports the activities it was first to store: they are announced when the athlete's batch ends.
  const handlers: Record<string, (job: JobRow) => Promise<JobResult>> = {
    /** One page of the activity list, newest first: summaries are stored at once, details queued. */
    async 'strava.index'(job) {
      const conn = await liveConnection(job);
      if (!conn) return undefined;
      const connectionId = String(job.payload.connectionId);
      const page = Number(job.payload.page ?? 1);
      const [list] = await call(conn, page === 1 ? 'high' : 'normal', 1, (t) => [
        deps.strava.listActivities(t, { page, perPage: PAGE_SIZE }),
      ]);
      // One transaction for the page (one pass of daily-total maintenance), then detail jobs for what lacks it.
      const inputs = (list ?? []).map((summary) => fromStravaSummary(summary));
      const { createdIds } = await deps.activities.ingestMany(job.userId, inputs);
      if (!(await keptAfterDisconnect(job))) return undefined;
      const missing = new Set(
        await deps.activities.withoutDetail(
          job.userId,
          'strava',
          inputs.map((i) => i.externalId),
        ),
      );
      const pending = inputs.filter((i) => missing.has(i.externalId)).map((i) => detailJob(job.userId, connectionId, i.externalId));
      const more = (list?.length ?? 0) === PAGE_SIZE;
      await ingestRepo.addEstimate(deps.db, job.userId, STRAVA_SOURCE, pending.length);
      const next = more ? [indexJob(job.userId, connectionId, String(job.payload.run ?? ''), page + 1)] : [];
      await deps.ingestion.schedule([...pending, ...next]);
      return { created: createdIds };
    },

    /** Laps, best efforts and streams of one activity (two calls, permitted together). */
    async 'strava.detail'(job) {
      const conn = await liveConnection(job);
      if (!conn) return undefined;
      const id = String(job.payload.activityId);
      let created: string[] = [];
      const priority: Priority = job.payload.priority === 'high' ? 'high' : 'normal';
      // The athlete deleted it (ADR 068): not worth two Strava calls.
      if (await deps.activities.tombstones.skips(job.userId, { source: 'strava', externalId: id })) {
        await ingestRepo.bumpDone(deps.db, job.userId, STRAVA_SOURCE);
        return { created };
      }
      try {
        const [detail, streams] = await call(conn, priority, 2, (t) => [
          deps.strava.getActivity(t, id),
          deps.strava.getStreams(t, id, STREAM_KEYS),
        ]);
        const stored = await deps.activities.ingest(job.userId, fromStravaDetail(detail, streams));
        if (!(await keptAfterDisconnect(job))) return undefined;
        // New here when a webhook announced it (a backfill's list page stored it already).
        if (stored.created) created = [stored.id];
      } catch (err) {
        // Deleted or made private since it was listed: it is no longer ours to keep.
        if (!(err instanceof StravaNotFoundError)) throw err;
        await deps.activities.removeOne(job.userId, 'strava', id);
      }
      await ingestRepo.bumpDone(deps.db, job.userId, STRAVA_SOURCE);
      return { created };
    },
  };

  return {
    handle(job: JobRow): Promise<JobResult> {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`unknown ingest job kind ${job.kind}`);
      return handler(job);
    },
  };
}
