// Generated three-week stretches of planned workouts and done activities, in zones and on dates that
// include DST changes, read as the service reads them: whole, and cut into arbitrary smaller ranges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, zonedToUtc } from '../../../lib/dates';
import type { Sport as ActivitySport } from '../../activities';
import { familyOf } from '../matching/sport-family';
import type { Sport, WorkoutType } from '../plans.types';
import {
  type CalendarActivity,
  type CalendarDay,
  type CalendarWorkout,
  calendarWeeks,
  linksOutside,
  placeCalendar,
  readWindow,
} from './calendar.calc';

const ZONES = ['Europe/Berlin', 'America/Los_Angeles', 'Pacific/Auckland', 'UTC', 'Asia/Kolkata'];
// Mondays whose three weeks hold a change: Berlin's last Sunday of October and of March, Los Angeles'
// first Sunday of November and second of March, Auckland's first Sunday of April and last of September.
const FIRST_DAYS = ['2026-10-19', '2026-03-23', '2026-10-26', '2026-03-02', '2026-03-30', '2026-09-21', '2026-06-08'];
const SPAN = 21;
// Where an activity's own clock was: mostly the athlete's, sometimes far away (its local day differs).
const AWAY_ZONES = ['America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Etc/GMT+12'];
// Local clock times around midnight and the 02:00–03:00 of a change, and ordinary ones.
const CLOCKS = ['00:10', '00:50', '01:30', '02:30', '06:00', '12:15', '18:30', '23:10', '23:55'];

const workoutArb = fc.record({
  day: fc.integer({ min: 0, max: SPAN - 1 }),
  sport: fc.oneof(
    { arbitrary: fc.constantFrom<Sport>('run', 'bike', 'swim', 'strength', 'brick', 'rest'), weight: 1 },
    { arbitrary: fc.constantFrom<Sport>('run', 'bike'), weight: 3 },
  ),
  type: fc.constantFrom<WorkoutType>('easy', 'long', 'intervals'),
  durationSec: fc.constantFrom(1800, 2700, 3600, 5400),
  distanceM: fc.option(fc.constantFrom(8000, 10_000, 21_000), { nil: null }),
  targetLoad: fc.constantFrom(0, 40, 60, 90),
  skipped: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  // No link, an unlink, or a link to activity k (mod count): links may cross days.
  link: fc.oneof(
    { arbitrary: fc.constant<'none' | 'unlink'>('none'), weight: 6 },
    { arbitrary: fc.constant('unlink' as const), weight: 1 },
    {
      arbitrary: fc.nat(40),
      weight: 1,
    },
  ),
});
const activityArb = fc.record({
  // A day from two before the stretch to two after it, at a local clock time or anywhere in that day.
  day: fc.integer({ min: -2, max: SPAN + 1 }),
  at: fc.oneof(
    fc.constantFrom(...CLOCKS).map((clock) => ({ clock })),
    fc.integer({ min: 0, max: 86_399 }).map((second) => ({ second })),
  ),
  away: fc.option(fc.constantFrom(...AWAY_ZONES), { nil: null, freq: 4 }),
  sport: fc.oneof(
    { arbitrary: fc.constantFrom<ActivitySport>('run', 'ride', 'swim', 'walk', 'hike', 'strength', 'other'), weight: 1 },
    { arbitrary: fc.constantFrom<ActivitySport>('run', 'ride'), weight: 3 },
  ),
  movingTimeS: fc.constantFrom(0, 1800, 2400, 3600, 5000),
  elapsedTimeS: fc.constantFrom(2400, 3600),
  distanceM: fc.constantFrom(0, 8000, 10_200, 21_000),
  load: fc.option(fc.constantFrom(35, 60, 95), { nil: null }),
});
const caseArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  first: fc.constantFrom(...FIRST_DAYS),
  workouts: fc.array(workoutArb, { maxLength: 24 }),
  activities: fc.array(activityArb, { maxLength: 30 }),
  // Now: somewhere from before the stretch to after it, in hours from its first local midnight.
  nowHours: fc.integer({ min: -24, max: (SPAN + 1) * 24 }),
  // Where smaller reads cut the stretch (days after which a new range starts).
  cuts: fc.uniqueArray(fc.integer({ min: 0, max: SPAN - 2 }), { maxLength: 5 }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** The local date, read independently of worker/lib/dates. */
const localDate = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

function build(c: Case) {
  const activities: CalendarActivity[] = c.activities.map((a, i) => {
    const date = addDays(c.first, a.day);
    const startTime =
      'clock' in a.at ? zonedToUtc(date, a.at.clock, c.zone) : new Date(zonedToUtc(date, '00:00', c.zone).getTime() + a.at.second * 1000);
    return {
      id: `a${String(i).padStart(2, '0')}`,
      sport: a.sport,
      startTime,
      // activities.local_start_date: the day on the clock where the activity was done.
      localDate: localDate(startTime, a.away ?? c.zone),
      movingTimeS: a.movingTimeS,
      elapsedTimeS: a.elapsedTimeS,
      distanceM: a.distanceM,
      load: a.load,
    };
  });
  const workouts: CalendarWorkout[] = c.workouts.map((w, i) => {
    const linked = typeof w.link === 'number' && activities.length ? activities[w.link % activities.length]!.id : null;
    return {
      id: `w${String(i).padStart(2, '0')}`,
      date: addDays(c.first, w.day),
      sport: w.sport,
      type: w.type,
      steps: [],
      durationSec: w.sport === 'rest' ? 0 : w.durationSec,
      distanceM: w.distanceM,
      targetLoad: w.targetLoad,
      skipped: w.skipped,
      linkMode: linked ? 'manual' : w.link === 'unlink' ? 'unlinked' : null,
      linkedActivityId: linked,
    };
  });
  const now = new Date(zonedToUtc(c.first, '00:00', c.zone).getTime() + c.nowHours * 3_600_000);
  return { workouts, activities, now };
}

/** One range read as the service reads it: the window's rows, every manual link, and the linked activities outside. */
function read(c: Case, world: ReturnType<typeof build>, from: string, to: string) {
  const win = readWindow(from, to, c.zone);
  const workouts = world.workouts.filter((w) => (w.date >= win.workoutsFrom && w.date <= win.workoutsTo) || w.linkMode === 'manual');
  const fetched = world.activities.filter((a) => a.startTime >= win.start && a.startTime < win.end);
  const away = new Set(linksOutside(workouts, fetched, from, to));
  const activities = [...fetched, ...world.activities.filter((a) => away.has(a.id))];
  return placeCalendar({ timeZone: c.zone, from, to, now: world.now, workouts, activities });
}

/** What a day shows, in comparable form. */
const shown = (d: CalendarDay<CalendarWorkout, CalendarActivity>) =>
  d.items.map((i) =>
    i.kind === 'activity'
      ? `extra ${i.activity.id}`
      : `${i.workout.id} ${i.compliance.status} ${i.compliance.band ?? '-'} ${i.activity?.id ?? '-'} ${i.match?.source ?? '-'}`,
  );

type Seen = { pairs: number; crossDay: number; extras: number; missed: number; skipped: number; awayDay: number };

function check(c: Case, seen: Seen) {
  const world = build(c);
  const last = addDays(c.first, SPAN - 1);
  const days = read(c, world, c.first, last);
  const today = localDate(world.now, c.zone);
  expect(days.map((d) => d.date)).toEqual(Array.from({ length: SPAN }, (_, i) => addDays(c.first, i)));

  // Every workout of the stretch once, on its date; no activity twice.
  const items = days.flatMap((d) => d.items.map((item) => ({ date: d.date, item })));
  const workoutItems = items.flatMap(({ date, item }) => (item.kind === 'workout' ? [{ date, ...item }] : []));
  expect(workoutItems.map((w) => w.workout.id).sort()).toEqual(world.workouts.map((w) => w.id).sort());
  for (const w of workoutItems) expect(w.workout.date).toBe(w.date);
  const drawn = items.flatMap(({ date, item }) => (item.activity ? [{ date, id: item.activity.id, pair: item.kind === 'workout' }] : []));
  expect(new Set(drawn.map((a) => a.id)).size).toBe(drawn.length);

  for (const w of workoutItems) {
    const { status, band } = w.compliance;
    if (w.workout.skipped) {
      expect(status).toBe('skipped');
      expect(w.activity).toBeNull();
      seen.skipped++;
      continue;
    }
    if (w.activity) {
      expect(status).toBe('completed');
      seen.pairs++;
      if (w.match?.source === 'manual') {
        expect(w.workout.linkedActivityId).toBe(w.activity.id);
        if (localDate(w.activity.startTime, c.zone) !== w.date) seen.crossDay++;
      } else {
        // Matched on the athlete's own local day, by sport family.
        expect(w.workout.linkMode).toBeNull();
        expect(localDate(w.activity.startTime, c.zone)).toBe(w.date);
        const family = familyOf(w.activity.sport);
        expect(w.workout.sport === family || (w.workout.sport === 'brick' && (family === 'bike' || family === 'run'))).toBe(true);
      }
      continue;
    }
    // Unmatched: pending until the athlete's local day is over, then missed (a rest day reads completed).
    const over = w.date < today;
    if (!over) expect(status).toBe('pending');
    else if (w.workout.sport === 'rest') expect(status).toBe('completed');
    else {
      expect(status).toBe('missed');
      expect(band).toBe('red');
      seen.missed++;
    }
  }

  // An activity that completed no workout is an extra on its own local day; one that did is never an extra.
  const pairedIds = new Set(workoutItems.flatMap((w) => (w.activity ? [w.activity.id] : [])));
  for (const a of world.activities) {
    const extra = drawn.find((d) => d.id === a.id && !d.pair);
    if (pairedIds.has(a.id)) expect(extra).toBeUndefined();
    else if (a.localDate >= c.first && a.localDate <= last) {
      expect(extra?.date).toBe(a.localDate);
      seen.extras++;
      if (a.localDate !== localDate(a.startTime, c.zone)) seen.awayDay++;
    }
  }

  // The same days whatever ranges they are read in.
  const starts = [0, ...c.cuts.map((k) => k + 1)].sort((x, y) => x - y);
  const pieces = starts.flatMap((s, i) => read(c, world, addDays(c.first, s), addDays(c.first, (starts[i + 1] ?? SPAN) - 1)));
  expect(pieces.map(shown)).toEqual(days.map(shown));

  // Each week's figures add up from its days.
  for (const week of calendarWeeks(days)) {
    const inWeek = items.filter(({ date }) => date >= week.startDate && date <= week.endDate);
    const acts = inWeek.flatMap(({ item }) => (item.activity ? [item.activity] : []));
    const planned = inWeek.flatMap(({ item }) =>
      item.kind === 'workout' && !item.workout.skipped && item.workout.sport !== 'rest' ? [item.workout] : [],
    );
    expect(week.done.count).toBe(acts.length);
    expect(week.done.durationSec).toBe(acts.reduce((s, a) => s + (a.movingTimeS > 0 ? a.movingTimeS : (a.elapsedTimeS ?? 0)), 0));
    expect(week.done.load).toBe(acts.reduce((s, a) => s + (a.load ?? 0), 0));
    expect(week.withoutLoad).toBe(acts.filter((a) => a.load === null).length);
    expect(week.unplanned).toBe(inWeek.filter(({ item }) => item.kind === 'activity').length);
    expect(week.planned.count).toBe(planned.length);
    expect(week.planned.durationSec).toBe(planned.reduce((s, w) => s + w.durationSec, 0));
    expect(week.workouts.planned).toBe(week.workouts.completed + week.workouts.missed + week.workouts.pending);
    expect(week.sports.reduce((s, x) => s + x.done.durationSec, 0)).toBe(week.done.durationSec);
    expect(week.sports.reduce((s, x) => s + x.planned.count, 0)).toBe(week.planned.count);
  }
}

describe('training calendar, generated weeks across zones and DST changes', () => {
  it('places every workout and activity once, on the right local day, whatever range it is read in', () => {
    const seen: Seen = { pairs: 0, crossDay: 0, extras: 0, missed: 0, skipped: 0, awayDay: 0 };
    // The widest gap between the two days: 00:10 in Auckland in summer (UTC+13) is 23:10 two days before at
    // UTC−12, so a one-day read of that earlier day must reach two days ahead for it.
    const farthest: Case = {
      zone: 'Pacific/Auckland',
      first: '2026-09-21',
      workouts: [],
      activities: [
        {
          day: 7,
          at: { clock: '00:10' },
          away: 'Etc/GMT+12',
          sport: 'run',
          movingTimeS: 3600,
          elapsedTimeS: 3600,
          distanceM: 10_200,
          load: 60,
        },
      ],
      nowHours: 0,
      cuts: [4, 5],
    };
    fc.assert(
      fc.property(caseArb, (c) => check(c, seen)),
      { numRuns: 300, examples: [[farthest]] },
    );
    // The generators reach every case the properties speak of.
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
  });
});
