// A job that was already fetching when the athlete disconnected: the disconnect deletes the connection before the
// athlete's Strava activities, so a job that finds it gone after its write took data the deletion missed and
// removes it again. Plain Node: the jobs with small fakes, Strava's JSON from the sandbox's generator.
import { drizzle } from 'drizzle-orm/pg-proxy';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../../scripts/sandbox/strava/generator.ts';
import { activityDetail, activityStreams, activitySummary } from '../../../../scripts/sandbox/strava/wire.ts';
import type { Executor } from '../../../db/executor';
import type { StravaClient } from '../../../providers/strava/strava';
import type { ActivitiesService } from '../../activities';
import type { ConnectionRow } from '../connections.repo';
import type { JobRow } from '../ingest.repo';
import type { IngestionService } from '../ingestion.service';
import type { StravaConnections } from './strava.connection';
import { createStravaJobs, detailJob } from './strava.jobs';
import { STREAM_KEYS } from './strava.mapper';

const conn = { id: 'conn-1', userId: 'user-1', reconnectNeededAt: null } as ConnectionRow;
const activity = generateHistory(4242, { count: 1 })[0]!;
const rateLimit = { limit: null, usage: null, readLimit: null, readUsage: null };

/** The jobs with Strava answering, and a connection that is there when the job starts and gone once it has written. */
function world(connectionAfterWrite: ConnectionRow | null) {
  const calls: string[] = [];
  const saw = <T>(call: string, answer: T): T => {
    calls.push(call);
    return answer;
  };
  let lookups = 0;
  const connections = {
    findByUser: async () => (lookups++ === 0 ? conn : connectionAfterWrite),
    accessToken: async () => 'token',
  } as unknown as StravaConnections;
  const strava = {
    getActivity: async () => ({ data: activityDetail(activity), rateLimit }),
    getStreams: async () => ({ data: activityStreams(activity, STREAM_KEYS), rateLimit }),
    listActivities: async () => ({ data: [activitySummary(activity)], rateLimit }),
  } as unknown as StravaClient;
  const activities = {
    ingest: async () => saw('ingest', { id: 'a1', created: true, changed: true, detailComplete: true }),
    ingestMany: async () => saw('ingestMany', { created: 1, updated: 0, unchanged: 0, linked: 0, createdIds: ['a1'] }),
    removeSource: async (_userId: string, source: string) => saw(`removeSource:${source}`, 1),
    tombstones: { skips: async () => false },
  } as unknown as ActivitiesService;
  // The progress counter is the one statement a kept write goes on to run.
  const db = drizzle(async (sql) => saw(`sql:${sql.split(' ')[0]}`, { rows: [] }));
  const budget = { acquire: async () => ({ granted: true }), report: async () => ({ blockedUntil: 0 }) };
  const jobs = createStravaJobs({
    strava,
    connections,
    budget: budget as never,
    activities,
    ingestion: {} as IngestionService,
    db: db as unknown as Executor,
    clock: { now: () => new Date() },
  });
  return { jobs, calls };
}

const job = (kind: 'strava.detail' | 'strava.index'): JobRow =>
  ({
    id: 'job-1',
    userId: conn.userId,
    kind,
    payload:
      kind === 'strava.detail'
        ? detailJob(conn.userId, conn.id, String(activity.id)).payload
        : { connectionId: conn.id, run: 'r', page: 1 },
  }) as unknown as JobRow;

describe('a Strava job overtaken by a disconnect', () => {
  it('removes what it wrote once it finds the connection gone (detail and list page), announcing nothing', async () => {
    for (const kind of ['strava.detail', 'strava.index'] as const) {
      const { jobs, calls } = world(null);
      expect(await jobs.handle(job(kind))).toBeUndefined();
      expect(calls).toEqual([kind === 'strava.detail' ? 'ingest' : 'ingestMany', 'removeSource:strava']);
    }
  });

  it('keeps it when the athlete has connected again meanwhile (Strava authorized anew)', async () => {
    const { jobs, calls } = world({ ...conn, id: 'conn-2' });
    expect(await jobs.handle(job('strava.detail'))).toEqual({ created: ['a1'] });
    expect(calls).toEqual(['ingest', 'sql:update']);
  });
});
