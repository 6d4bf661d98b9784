// The plan calendar read's round trips: one statement on the read handle (the HTTP driver in the worker), none on
// the pool, sent before the policy's mode is known; the mode's sources are kept after. Fakes for the database and
// analytics; the answers on real Postgres are plans.service.test.ts's and plans.api.test.ts's.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import type { StatementExecutor } from '../../db/executor';
import type { ActivitySource } from '../activities';
import { createPlansService } from './plans.service';

const athlete = { id: 'a1', units: 'km' as const, timeZone: 'UTC', birthDate: null, sex: null, version: 1 };
const at = '2026-03-03T07:00:00.000Z';
const workout = {
  id: 'w1',
  planId: 'p1',
  userId: 'a1',
  date: '2026-03-03',
  sport: 'run',
  type: 'easy',
  title: 'Easy run',
  description: '',
  durationSec: 1800,
  distanceM: null,
  targetLoad: 30,
  intensity: null,
  steps: [],
  phase: 'base',
  week: 1,
  why: 'Aerobic base.',
  skipped: false,
  linkMode: null,
  linkedActivityId: null,
  revision: 0,
  source: 'generator',
  createdAt: at,
  updatedAt: at,
  doneAt: null,
  doneNote: null,
  doneRpe: null,
};
const run = (id: string, source: ActivitySource) => ({
  id,
  sport: 'run',
  name: `Run ${id}`,
  startTime: at,
  movingTimeS: 1800,
  distanceM: 5000,
  load: 30,
  source,
});

function world(rows: { found: boolean; workouts: unknown[]; activities: unknown[] }) {
  const statements: string[] = [];
  let sent!: () => void;
  const statementSent = new Promise<void>((r) => {
    sent = r;
  });
  // Any use of the pool fails the read: the calendar must not open a connection for its one statement.
  const pool = new Proxy(
    {},
    {
      get(_, key) {
        throw new Error(`the pool was used (${String(key)})`);
      },
    },
  ) as Db;
  const readDb = {
    execute: async () => {
      statements.push('calendar');
      sent();
      return { rows: [rows] };
    },
  } as unknown as StatementExecutor;
  const plans = createPlansService({
    db: pool,
    readDb,
    clock: { now: () => new Date('2026-03-05T12:00:00Z') },
    analytics: {
      // The mode answers only once the statement has gone out: had the read awaited it first, it would hang.
      sourcesFor: async () => {
        await statementSent;
        return ['garmin_api'] as ActivitySource[];
      },
      fitness: async () => {
        throw new Error('not read');
      },
      weeks: async () => {
        throw new Error('not read');
      },
    },
    membership: {} as never,
  });
  return { plans, statements };
}

describe('plan calendar read', () => {
  it('is one statement beside the policy’s mode, on the read handle; only the mode’s sources match', async () => {
    const { plans, statements } = world({ found: true, workouts: [workout], activities: [run('s', 'strava'), run('g', 'garmin_api')] });
    const days = await plans.calendar(athlete, 'p1', '2026-03-02', '2026-03-08');
    expect(statements).toEqual(['calendar']);
    expect(days).toHaveLength(1);
    // The Strava API run was read (every source some mode allows) but this mode leaves it out: the Garmin one matched.
    expect(days[0]!.activity).toEqual({
      id: 'g',
      sport: 'run',
      name: 'Run g',
      startTime: new Date(at),
      movingTimeS: 1800,
      distanceM: 5000,
      load: 30,
    });
    expect(days[0]!.workout.createdAt).toEqual(new Date(at));
    expect(days[0]!.compliance.status).toBe('completed');
  });

  it('an empty range of the athlete’s plan is no workouts; a plan not theirs is not found, in the same statement', async () => {
    const own = world({ found: true, workouts: [], activities: [] });
    expect(await own.plans.calendar(athlete, 'p1', '2026-03-02', '2026-03-08')).toEqual([]);
    expect(own.statements).toEqual(['calendar']);
    const other = world({ found: false, workouts: [], activities: [] });
    await expect(other.plans.calendar(athlete, 'p2', '2026-03-02', '2026-03-08')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(other.statements).toEqual(['calendar']);
  });
});
