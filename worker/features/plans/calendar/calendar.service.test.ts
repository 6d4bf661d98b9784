// The calendar read's round trips: the policy's mode (a database read on a request's first use) does not hold
// up the calendar's statement — the statement asks for every source some mode allows, and the read keeps
// only this mode's. Fakes for the database and analytics; the HTTP behaviour in both modes is the data-policy matrix's.
import { describe, expect, it } from 'vitest';
import type { StatementExecutor } from '../../../db/executor';
import type { ActivitySource } from '../../activities';
import { createTrainingCalendar } from './calendar.service';

const athlete = { id: 'a1', units: 'km' as const, timeZone: 'UTC', birthDate: null, sex: null, version: 1 };
const activity = (id: string, source: ActivitySource) => ({
  id,
  name: `Run ${id}`,
  sport: 'run',
  startTime: '2026-03-03T17:00:00.000Z',
  localDate: '2026-03-03',
  movingTimeS: 1800,
  elapsedTimeS: 1900,
  distanceM: 5000,
  sportInferred: false,
  load: 30,
  source,
  device: null,
});

describe('training calendar read', () => {
  it('sends its statement before the policy’s mode is known, then keeps only the sources the mode allows', async () => {
    const statements: string[] = [];
    let executed!: () => void;
    const statementSent = new Promise<void>((r) => {
      executed = r;
    });
    // The plan subquery is only built into the statement: a chain that stands for it is enough.
    const chain: Record<string, () => unknown> = {};
    for (const k of ['from', 'where', 'orderBy', 'limit']) chain[k] = () => chain;
    const db = {
      select: () => chain,
      execute: async () => {
        statements.push('calendar');
        executed();
        return { rows: [{ plan: null, workouts: [], activities: [activity('s', 'strava'), activity('g', 'garmin_api')] }] };
      },
    } as unknown as StatementExecutor;
    const calendar = createTrainingCalendar({
      db,
      clock: { now: () => new Date('2026-03-05T12:00:00Z') },
      analytics: {
        // The mode's read answers only once the calendar's statement has gone out: awaited first, the read would hang.
        sourcesFor: async () => {
          await statementSent;
          return ['garmin_api'] as ActivitySource[];
        },
        cached: (_name, _a, _params, compute) => compute(),
        fitness: async () => ({ full: [], today: '2026-03-05', trainingDays: [] }) as never,
      },
    });
    // Had the read waited for the mode before its statement, it would never answer (the test's timeout).
    const read = await calendar.read(athlete, '2026-03-02', '2026-03-08');
    expect(statements).toEqual(['calendar']);
    const drawn = read.days.flatMap((d) => d.items.flatMap((x) => (x.kind === 'activity' ? [x.activity.id] : [])));
    expect(drawn).toEqual(['g']);
  });
});
