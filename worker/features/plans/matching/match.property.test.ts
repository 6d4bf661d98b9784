// Random days of workouts and activities, in zones and on dates that include DST changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, zonedToUtc } from '../../../lib/dates.ts';
import { SPORTS as ACTIVITY_SPORTS, type Sport as ActivitySport } from '../../activities';
import { SPORTS, type Sport } from '../plans.types.ts';
import { type ActivityForMatch, type ManualLink, type Match, matchActivities, type PlannedForMatch, scorePair } from './match.calc.ts';
import { familyOf } from './sport-family.ts';

const ZONES = ['America/Denver', 'Europe/Berlin', 'Pacific/Auckland', 'UTC', 'Asia/Kolkata'];
// Plain days and the weekends of Denver's and Berlin's changes, and Auckland's April one.
const FIRST_DAYS = ['2026-06-10', '2026-03-07', '2026-03-28', '2026-10-24', '2026-10-31', '2026-04-04'];

const workoutArb = fc.record({
  day: fc.integer({ min: 0, max: 1 }),
  // Every planned sport, weighted towards the ones activities can complete.
  sport: fc.oneof({ arbitrary: fc.constantFrom(...SPORTS), weight: 1 }, { arbitrary: fc.constantFrom<Sport>('run', 'bike'), weight: 3 }),
  // Round values make equal scores, so tie-breaks are exercised; odd ones keep the rest honest.
  durationSec: fc.oneof(fc.constantFrom(1800, 2700, 3600, 5400), fc.integer({ min: 900, max: 3 * 3600 })),
  distanceM: fc.option(fc.constantFrom(5000, 10_000, 20_000), { nil: null }),
  targetLoad: fc.constantFrom(0, 0, 40, 60, 90),
  skipped: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});
const activityArb = fc.record({
  // Seconds from 6 h before the first local midnight to 6 h after the second day.
  offsetS: fc.integer({ min: -6 * 3600, max: 2 * 86_400 + 6 * 3600 }),
  sport: fc.oneof(
    { arbitrary: fc.constantFrom(...ACTIVITY_SPORTS), weight: 1 },
    { arbitrary: fc.constantFrom<ActivitySport>('run', 'ride'), weight: 3 },
  ),
  movingTimeS: fc.oneof(
    { arbitrary: fc.constantFrom(0, 1800, 2700, 3600, 4500, 5400), weight: 2 },
    { arbitrary: fc.integer({ min: 600, max: 4 * 3600 }), weight: 1 },
  ),
  elapsedTimeS: fc.constantFrom(0, 2400, 3600, 7200),
  distanceM: fc.constantFrom(0, 5000, 10_000, 12_000, 20_000),
  load: fc.option(fc.constantFrom(0, 40, 60, 90, 150), { nil: null }),
  sportInferred: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});
const caseArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  first: fc.constantFrom(...FIRST_DAYS),
  workouts: fc.array(workoutArb, { minLength: 1, maxLength: 7 }),
  activities: fc.array(activityArb, { minLength: 1, maxLength: 8 }),
  // Per workout: no link, an unlink, a link to activity k (mod count), or to one not passed in.
  links: fc.array(
    fc.oneof(
      { arbitrary: fc.constant<'none' | 'unlink' | 'ghost'>('none'), weight: 6 },
      { arbitrary: fc.constantFrom<'none' | 'unlink' | 'ghost'>('unlink', 'ghost'), weight: 1 },
      { arbitrary: fc.nat(20), weight: 2 },
    ),
    { maxLength: 8 },
  ),
  seed: fc.integer(),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  const base = zonedToUtc(c.first, '00:00', c.zone).getTime();
  const workouts: PlannedForMatch[] = c.workouts.map((w, i) => ({
    id: `w${String(i).padStart(2, '0')}`,
    date: addDays(c.first, w.day),
    sport: w.sport,
    durationSec: w.durationSec,
    distanceM: w.distanceM,
    targetLoad: w.targetLoad,
    skipped: w.skipped,
  }));
  const activities: ActivityForMatch[] = c.activities.map((a, i) => ({
    id: `a${String(i).padStart(2, '0')}`,
    sport: a.sport,
    startTime: new Date(base + a.offsetS * 1000),
    movingTimeS: a.movingTimeS,
    elapsedTimeS: a.elapsedTimeS,
    distanceM: a.distanceM,
    load: a.load,
    sportInferred: a.sportInferred,
  }));
  const manual: ManualLink[] = [];
  c.links.forEach((l, i) => {
    const w = workouts[i];
    if (!w || l === 'none') return;
    if (l === 'unlink') manual.push({ workoutId: w.id, activityId: null });
    else if (l === 'ghost') manual.push({ workoutId: w.id, activityId: 'ghost' });
    else if (activities.length) manual.push({ workoutId: w.id, activityId: activities[l % activities.length]!.id });
  });
  return { timeZone: c.zone, workouts, activities, manual };
}

/** Seeded Fisher–Yates, so a failing case replays. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The local date, read independently of worker/lib/dates. */
const localDate = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

const duration = (a: ActivityForMatch) => (a.movingTimeS > 0 ? a.movingTimeS : (a.elapsedTimeS ?? 0));

/** The best total score of a day by brute force over every one-to-one pairing. */
function bruteForce(ws: PlannedForMatch[], as: ActivityForMatch[], timeZone: string): number {
  const go = (i: number, used: Set<string>): number => {
    if (i === ws.length) return 0;
    let best = go(i + 1, used);
    for (const a of as) {
      if (used.has(a.id)) continue;
      const s = scorePair(ws[i]!, a, timeZone);
      if (s === null) continue;
      best = Math.max(best, s + go(i + 1, new Set([...used, a.id])));
    }
    return best;
  };
  return go(0, new Set());
}

type Seen = { auto: number; manual: number; contested: number };

/** Every property of one case; counts what it saw so the generators can be shown not to be vacuous. */
function check(c: Case, seen: Seen) {
  const input = build(c);
  const matches = matchActivities(input);
  for (const m of matches) seen[m.source]++;
  const workout = new Map(input.workouts.map((w) => [w.id, w]));
  const activity = new Map(input.activities.map((a) => [a.id, a]));
  const pins = new Map(input.manual.map((m) => [m.workoutId, m.activityId]));

  expect(new Set(matches.map((m) => m.activityId)).size).toBe(matches.length);
  expect(new Set(matches.map((m) => m.workoutId)).size).toBe(matches.length);

  for (const m of matches) {
    const w = workout.get(m.workoutId)!;
    const a = activity.get(m.activityId)!;
    expect(w.skipped).toBe(false);
    if (m.source === 'manual') {
      expect(pins.get(w.id)).toBe(a.id);
      continue;
    }
    expect(pins.has(w.id)).toBe(false);
    expect(localDate(a.startTime, input.timeZone)).toBe(w.date);
    const family = familyOf(a.sport);
    expect(w.sport === family || (w.sport === 'brick' && (family === 'bike' || family === 'run'))).toBe(true);
    const ratio = duration(a) / w.durationSec;
    expect(ratio).toBeGreaterThanOrEqual(0.4);
    expect(ratio).toBeLessThanOrEqual(1.5);
  }

  // Every usable pin is honoured: a live workout pinned to a passed-in activity (one workout per activity).
  const manualCount = matches.filter((m) => m.source === 'manual').length;
  const usable = new Set(input.workouts.filter((w) => !w.skipped && activity.has(pins.get(w.id) ?? '')).map((w) => pins.get(w.id)));
  expect(manualCount).toBe(usable.size);

  // Optimal per day among what the pins leave free.
  const claimed = new Set(matches.filter((m) => m.source === 'manual').map((m) => m.activityId));
  const free = input.activities.filter((a) => !claimed.has(a.id));
  for (const day of new Set(input.workouts.map((w) => w.date))) {
    const ws = input.workouts.filter((w) => w.date === day && !pins.has(w.id) && !w.skipped);
    const auto = matches.filter((m) => m.source === 'auto' && workout.get(m.workoutId)!.date === day);
    const got = auto.reduce((s, m) => s + scorePair(workout.get(m.workoutId)!, activity.get(m.activityId)!, input.timeZone)!, 0);
    expect(got).toBeCloseTo(bruteForce(ws, free, input.timeZone), 4);
    if (auto.length > 1) seen.contested++;
  }

  const shuffled = matchActivities({
    timeZone: input.timeZone,
    workouts: shuffle(input.workouts, c.seed),
    activities: shuffle(input.activities, c.seed + 1),
    manual: shuffle(input.manual, c.seed + 2),
  });
  expect(shuffled).toEqual<Match[]>(matches);
}

/** One crowded day: runs, rides and bricks only, activities between 05:00 and 22:00 local, no links. */
const crowdedArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  first: fc.constantFrom(...FIRST_DAYS),
  workouts: fc.array(
    workoutArb.chain((w) => fc.constantFrom<Sport>('run', 'run', 'bike', 'brick').map((sport) => ({ ...w, day: 0, sport }))),
    { minLength: 2, maxLength: 6 },
  ),
  activities: fc.array(
    activityArb.chain((a) =>
      fc
        .record({ offsetS: fc.integer({ min: 5 * 3600, max: 22 * 3600 }), sport: fc.constantFrom<ActivitySport>('run', 'run', 'ride') })
        .map((o) => ({ ...a, ...o })),
    ),
    { minLength: 2, maxLength: 7 },
  ),
  links: fc.constant<Case['links']>([]),
  seed: fc.integer(),
});

describe('matching, random days', () => {
  it('never matches an activity twice, keeps every rule and every link, is optimal and ignores input order', () => {
    const seen: Seen = { auto: 0, manual: 0, contested: 0 };
    fc.assert(
      fc.property(caseArb, (c) => check(c, seen)),
      { numRuns: 400 },
    );
    expect(seen.auto).toBeGreaterThan(100);
    expect(seen.manual).toBeGreaterThan(50);
  });

  it('solves crowded days (several workouts and activities of one family) optimally, ties included', () => {
    const seen: Seen = { auto: 0, manual: 0, contested: 0 };
    fc.assert(
      fc.property(crowdedArb, (c) => check(c, seen)),
      { numRuns: 300 },
    );
    expect(seen.contested).toBeGreaterThan(100);
  });
});
