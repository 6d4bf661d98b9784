import { describe, expect, it } from 'vitest';
import type { StepNode } from '../plans.types.ts';
import { bandOf, compliance, complianceBasis, type PlannedForCompliance, weeklySummary } from './compliance.calc.ts';
import { type ActivityForMatch, matchActivities } from './match.calc.ts';

const DENVER = 'America/Denver';

const workout = (over: Partial<PlannedForCompliance> = {}): PlannedForCompliance => ({
  id: 'w',
  date: '2026-06-10',
  sport: 'run',
  type: 'easy',
  durationSec: 6000,
  distanceM: null,
  targetLoad: 0,
  steps: [],
  skipped: false,
  ...over,
});
const activity = (over: Partial<ActivityForMatch> = {}): ActivityForMatch => ({
  id: 'a',
  sport: 'run',
  startTime: new Date('2026-06-10T14:00:00Z'),
  movingTimeS: 6000,
  distanceM: 15_000,
  load: null,
  ...over,
});
const LATER = new Date('2026-07-01T00:00:00Z');

describe('compliance bands', () => {
  it('sit exactly at their edges', () => {
    const cases: [number, string][] = [
      [0.49, 'red'],
      [0.5, 'yellow'],
      [0.79, 'yellow'],
      [0.8, 'green'],
      [1, 'green'],
      [1.2, 'green'],
      [1.21, 'yellow'],
      [1.5, 'yellow'],
      [1.51, 'red'],
    ];
    for (const [ratio, band] of cases) expect(bandOf(ratio), String(ratio)).toBe(band);
  });

  it('colour a completed workout by actual / planned duration (6000 s planned)', () => {
    const at = (s: number) => compliance(workout(), activity({ movingTimeS: s }), LATER, DENVER);
    expect(at(3000)).toEqual({ status: 'completed', band: 'yellow', ratio: 0.5, by: 'duration' });
    expect(at(2999)).toMatchObject({ band: 'yellow', ratio: 0.5 }); // 49.98 % reads as 50 %
    expect(at(2960)).toMatchObject({ band: 'red', ratio: 0.49 });
    expect(at(4740)).toMatchObject({ band: 'yellow', ratio: 0.79 });
    expect(at(4800)).toMatchObject({ band: 'green', ratio: 0.8 });
    expect(at(7200)).toMatchObject({ band: 'green', ratio: 1.2 });
    expect(at(7260)).toMatchObject({ band: 'yellow', ratio: 1.21 });
    expect(at(9000)).toMatchObject({ band: 'yellow', ratio: 1.5 });
    expect(at(9060)).toMatchObject({ band: 'red', ratio: 1.51 });
  });
});

describe('compliance status', () => {
  const missedAt = (date: string, timeZone: string, endIso: string) => {
    const w = workout({ date });
    const justBefore = new Date(new Date(endIso).getTime() - 1);
    expect(compliance(w, null, justBefore, timeZone)).toEqual({ status: 'pending', band: null, ratio: null, by: 'duration' });
    expect(compliance(w, null, new Date(endIso), timeZone)).toEqual({ status: 'missed', band: 'red', ratio: 0, by: 'duration' });
  };

  it('is missed only once the local day has ended (a plain day in Denver ends 06:00 UTC)', () =>
    missedAt('2026-06-10', DENVER, '2026-06-11T06:00:00Z'));
  it('handles the 23-hour spring-forward day in Denver', () => missedAt('2026-03-08', DENVER, '2026-03-09T06:00:00Z'));
  it('handles the 25-hour fall-back day in Denver', () => missedAt('2026-11-01', DENVER, '2026-11-02T07:00:00Z'));
  it('handles both change days in Berlin', () => {
    missedAt('2026-03-29', 'Europe/Berlin', '2026-03-29T22:00:00Z');
    missedAt('2026-10-25', 'Europe/Berlin', '2026-10-25T23:00:00Z');
  });
  it('handles an athlete in Auckland, whose day ends the previous morning in UTC', () =>
    missedAt('2026-01-15', 'Pacific/Auckland', '2026-01-15T11:00:00Z'));

  it('reads skipped as skipped (no colour), whatever the clock or an activity say', () => {
    const w = workout({ skipped: true });
    expect(compliance(w, null, LATER, DENVER)).toEqual({ status: 'skipped', band: null, ratio: null, by: 'duration' });
    expect(compliance(w, activity(), LATER, DENVER).status).toBe('skipped');
  });

  it('never misses a rest day', () => {
    const rest = workout({ sport: 'rest', type: 'rest', durationSec: 0 });
    expect(compliance(rest, null, new Date('2026-06-10T12:00:00Z'), DENVER).status).toBe('pending');
    expect(compliance(rest, null, LATER, DENVER)).toEqual({ status: 'completed', band: null, ratio: null, by: 'duration' });
  });

  it('is completed without a colour when the basis cannot be read (load not computed yet)', () => {
    const loadOnly = workout({ sport: 'strength', type: 'strength', durationSec: 0, targetLoad: 40 });
    expect(compliance(loadOnly, activity({ sport: 'strength', load: null }), LATER, DENVER)).toEqual({
      status: 'completed',
      band: null,
      ratio: null,
      by: 'load',
    });
    expect(compliance(loadOnly, activity({ sport: 'strength', load: 30 }), LATER, DENVER)).toMatchObject({ band: 'yellow', ratio: 0.75 });
  });
});

describe('done by the athlete (ADR 080)', () => {
  it('is completed without a colour while no activity matched, before or after its day', () => {
    const done = workout({ done: true });
    const completed = { status: 'completed', band: null, ratio: null, by: 'duration' };
    expect(compliance(done, null, new Date('2026-06-10T12:00:00Z'), DENVER)).toEqual(completed);
    expect(compliance(done, null, LATER, DENVER)).toEqual(completed);
  });

  it('gives way to a matched activity (its colour) and to a skip', () => {
    expect(compliance(workout({ done: true }), activity({ movingTimeS: 3000 }), LATER, DENVER)).toMatchObject({
      band: 'yellow',
      ratio: 0.5,
    });
    expect(compliance(workout({ done: true, skipped: true }), null, LATER, DENVER).status).toBe('skipped');
  });

  it("counts as completed in the week's summary, with nothing added to the actual totals", () => {
    const workouts = [{ ...workout({ id: 'w1', date: '2026-06-09', durationSec: 3600, done: true }), week: 1 }];
    const [week] = weeklySummary({
      timeZone: DENVER,
      weeks: [{ week: 1, startDate: '2026-06-08' }],
      workouts,
      activities: [],
      matches: [],
    });
    expect(week).toMatchObject({ workouts: { planned: 1, completed: 1, skipped: 0 }, actual: { durationSec: 0, distanceM: 0, load: 0 } });
  });
});

describe('compliance basis', () => {
  const timedIntervals: StepNode[] = [
    { kind: 'warmup', durationSec: 900, distanceM: null, target: null },
    { kind: 'repeat', count: 4, steps: [{ kind: 'work', durationSec: 300, distanceM: null, target: null }] },
  ];
  const distanceReps: StepNode[] = [
    {
      kind: 'repeat',
      count: 5,
      steps: [
        { kind: 'work', durationSec: null, distanceM: 1000, target: null },
        { kind: 'recovery', durationSec: 90, distanceM: null, target: null },
      ],
    },
  ];

  it('is distance for a long or race-pace run, ride or swim with a planned distance and no timed work step', () => {
    expect(complianceBasis(workout({ type: 'long', distanceM: 18_000 }))).toBe('distance');
    expect(complianceBasis(workout({ type: 'race_pace', distanceM: 10_000, steps: distanceReps }))).toBe('distance');
    expect(complianceBasis(workout({ type: 'race_pace', distanceM: 10_000, steps: timedIntervals }))).toBe('duration');
    expect(complianceBasis(workout({ type: 'easy', distanceM: 8_000 }))).toBe('duration');
    expect(complianceBasis(workout({ sport: 'strength', type: 'long', distanceM: 1 }))).toBe('duration');
  });

  it('falls back to duration when the activity recorded no distance', () => {
    const long = workout({ type: 'long', distanceM: 18_000 });
    expect(complianceBasis(long, activity({ distanceM: 0 }))).toBe('duration');
    expect(compliance(long, activity({ distanceM: 17_000 }), LATER, DENVER)).toMatchObject({ by: 'distance', ratio: 0.94, band: 'green' });
  });

  it('is distance, else load, when that is all that is planned', () => {
    expect(complianceBasis(workout({ durationSec: 0, distanceM: 2000, sport: 'swim', type: 'technique' }))).toBe('distance');
    expect(complianceBasis(workout({ durationSec: 0, targetLoad: 50 }))).toBe('load');
  });
});

describe('weekly summary', () => {
  it('sums planned and matched actual per plan week, and lists unplanned activities by their local week', () => {
    const weeks = [
      { week: 1, startDate: '2026-06-08' },
      { week: 2, startDate: '2026-06-15' },
    ];
    const workouts = [
      { ...workout({ id: 'w1', date: '2026-06-09', durationSec: 3600, distanceM: 10_000, targetLoad: 50 }), week: 1 },
      { ...workout({ id: 'w2', date: '2026-06-11', type: 'long', durationSec: 5400, distanceM: 15_000, targetLoad: 80 }), week: 1 },
      { ...workout({ id: 'w3', date: '2026-06-12', sport: 'bike', durationSec: 3600, targetLoad: 60, skipped: true }), week: 1 },
      { ...workout({ id: 'w4', date: '2026-06-13', sport: 'rest', type: 'rest', durationSec: 0 }), week: 1 },
      { ...workout({ id: 'w5', date: '2026-06-16', sport: 'swim', durationSec: 1800, distanceM: 2000 }), week: 2 },
      { ...workout({ id: 'w6', date: '2026-06-18', durationSec: 2400 }), week: 2 },
    ];
    const activities = [
      activity({ id: 'a1', startTime: new Date('2026-06-09T13:00:00Z'), movingTimeS: 3300, distanceM: 9500, load: 45 }),
      activity({ id: 'a2', startTime: new Date('2026-06-11T13:00:00Z'), movingTimeS: 6000, distanceM: 16_000, load: null }),
      activity({ id: 'walk', sport: 'walk', startTime: new Date('2026-06-12T01:00:00Z'), movingTimeS: 1200, distanceM: 1500, load: 5 }),
      // 23:30 MDT on Sunday the 14th: week 1 locally, though the 15th in UTC.
      activity({ id: 'ride', sport: 'ride', startTime: new Date('2026-06-15T05:30:00Z'), movingTimeS: 3600, distanceM: 30_000, load: 55 }),
      activity({ id: 'a5', sport: 'swim', startTime: new Date('2026-06-16T13:00:00Z'), movingTimeS: 1700, distanceM: 1900, load: 20 }),
    ];
    const matches = matchActivities({ timeZone: DENVER, workouts, activities, manual: [] });
    expect(matches.map((m) => `${m.workoutId}>${m.activityId}`)).toEqual(['w1>a1', 'w2>a2', 'w5>a5']);

    const [one, two] = weeklySummary({ timeZone: DENVER, weeks, workouts, activities, matches });
    expect(one).toMatchObject({
      week: 1,
      startDate: '2026-06-08',
      endDate: '2026-06-14',
      planned: { durationSec: 9000, distanceM: 25_000, load: 130 },
      actual: { durationSec: 9300, distanceM: 25_500, load: 45 },
      workouts: { planned: 2, completed: 2, skipped: 1 },
      withoutLoad: 1,
      unplanned: { totals: { durationSec: 4800, distanceM: 31_500, load: 60 } },
    });
    expect(one!.unplanned.activities.map((a) => a.id)).toEqual(['walk', 'ride']);
    expect(two).toMatchObject({
      week: 2,
      planned: { durationSec: 4200, distanceM: 2000, load: 0 },
      actual: { durationSec: 1700, distanceM: 1900, load: 0 },
      workouts: { planned: 2, completed: 1, skipped: 0 },
      withoutLoad: 0,
      unplanned: { activities: [], totals: { durationSec: 0, distanceM: 0, load: 0 } },
    });
  });
});
