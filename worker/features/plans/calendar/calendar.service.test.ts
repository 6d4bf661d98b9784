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
    const db = {
      execute: async () => {
        statements.push('calendar');
        executed();
        return { rows: [{ calendar: { plan: null, workouts: [], activities: [activity('s', 'strava'), activity('g', 'garmin_api')] } }] };
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

describe('a calendar read riding on the session lookup (ADR 093)', () => {
  const setup = () => {
    const statements: string[] = [];
    const db = {
      execute: async () => {
        statements.push('calendar');
        return { rows: [{ calendar: { plan: null, workouts: [], activities: [activity('own', 'garmin_api')] } }] };
      },
    } as unknown as StatementExecutor;
    const calendar = createTrainingCalendar({
      db,
      clock: { now: () => new Date('2026-03-05T12:00:00Z') },
      analytics: {
        sourcesFor: async () => ['garmin_api', 'strava'] as ActivitySource[],
        cached: (_name, _a, _params, compute) => compute(),
        fitness: async () => ({ full: [], today: '2026-03-05', trainingDays: [] }) as never,
      },
    });
    const rode = (userId: string) => ({
      userId,
      rows: {
        plan: null,
        workouts: [],
        // The lookup's window is a day wider each end than the athlete's (their zone was not known yet).
        activities: [activity('rode', 'garmin_api'), { ...activity('outside', 'garmin_api'), startTime: '2026-02-20T07:00:00.000Z' }],
      },
    });
    const drawn = (read: Awaited<ReturnType<typeof calendar.read>>) =>
      read.days.flatMap((d) => d.items.flatMap((x) => (x.kind === 'activity' ? [x.activity.id] : [])));
    return { calendar, statements, rode, drawn };
  };

  it('makes no statement of its own, and keeps only what the athlete’s own window holds', async () => {
    const { calendar, statements, rode, drawn } = setup();
    calendar.rider('2026-03-02', '2026-03-08').take(rode(athlete.id));
    expect(drawn(await calendar.read(athlete, '2026-03-02', '2026-03-08'))).toEqual(['rode']);
    expect(statements).toEqual([]);
    // Taken once: a second read of the unit of work reads for itself.
    expect(drawn(await calendar.read(athlete, '2026-03-02', '2026-03-08'))).toEqual(['own']);
    expect(statements).toEqual(['calendar']);
  });

  it('reads for itself when the rows are someone else’s (an impersonation), of another range, for a coach, or none came', async () => {
    const cases: [string, (c: ReturnType<typeof setup>) => Promise<unknown>][] = [
      [
        'other user',
        (c) => (
          c.calendar.rider('2026-03-02', '2026-03-08').take(c.rode('someone-else')), c.calendar.read(athlete, '2026-03-02', '2026-03-08')
        ),
      ],
      [
        'other range',
        (c) => (
          c.calendar.rider('2026-03-02', '2026-03-08').take(c.rode(athlete.id)), c.calendar.read(athlete, '2026-03-09', '2026-03-15')
        ),
      ],
      [
        'coach',
        (c) => (
          c.calendar.rider('2026-03-02', '2026-03-08').take(c.rode(athlete.id)),
          c.calendar.read(athlete, '2026-03-02', '2026-03-08', 'coach')
        ),
      ],
      [
        'no session',
        (c) => (c.calendar.rider('2026-03-02', '2026-03-08').take(null), c.calendar.read(athlete, '2026-03-02', '2026-03-08')),
      ],
    ];
    for (const [name, run] of cases) {
      const c = setup();
      await run(c);
      expect(c.statements, name).toEqual(['calendar']);
    }
  });
});
