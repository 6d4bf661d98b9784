// A webhook's detail job for an activity the athlete deleted (ADR 068): the tombstone is read first, so no Strava
// call is spent and nothing is stored; the import's progress still moves. Plain Node: the jobs with small fakes.
import { drizzle } from 'drizzle-orm/pg-proxy';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../db/executor';
import type { StravaClient } from '../../../providers/strava/strava';
import type { ActivitiesService } from '../../activities';
import type { ConnectionRow } from '../connections.repo';
import type { JobRow } from '../ingest.repo';
import type { IngestionService } from '../ingestion.service';
import type { StravaConnections } from './strava.connection';
import { createStravaJobs, detailJob } from './strava.jobs';

const conn = { id: 'conn-1', userId: 'user-1', reconnectNeededAt: null } as ConnectionRow;

describe('a Strava detail job for a deleted activity', () => {
  it('spends no Strava call and stores nothing', async () => {
    const calls: string[] = [];
    const saw = (call: string) => {
      calls.push(call);
      throw new Error(`unexpected ${call}`);
    };
    const connections = { findByUser: async () => conn, accessToken: async () => 'token' } as unknown as StravaConnections;
    const strava = { getActivity: async () => saw('getActivity'), getStreams: async () => saw('getStreams') } as unknown as StravaClient;
    const asked: unknown[] = [];
    const activities = {
      ingest: async () => saw('ingest'),
      tombstones: {
        skips: async (userId: string, key: unknown) => {
          asked.push([userId, key]);
          return true;
        },
      },
    } as unknown as ActivitiesService;
    const statements: string[] = [];
    const db = drizzle(async (sql) => {
      statements.push(sql.split(' ')[0]!);
      return { rows: [] };
    });
    const budget = { acquire: async () => saw('budget'), report: async () => ({ blockedUntil: 0 }) };
    const jobs = createStravaJobs({
      strava,
      connections,
      budget: budget as never,
      activities,
      ingestion: {} as IngestionService,
      db: db as unknown as Executor,
      clock: { now: () => new Date() },
    });
    const job = {
      id: 'job-1',
      userId: conn.userId,
      kind: 'strava.detail',
      payload: detailJob(conn.userId, conn.id, '9001').payload,
    } as unknown as JobRow;
    expect(await jobs.handle(job)).toEqual({ created: [] });
    expect(calls).toEqual([]);
    expect(asked).toEqual([['user-1', { source: 'strava', externalId: '9001' }]]);
    // The progress counter moves on.
    expect(statements).toEqual(['update']);
  });
});
