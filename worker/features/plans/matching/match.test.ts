import { describe, expect, it } from 'vitest';
import { type ActivityForMatch, type ManualLink, matchActivities, type PlannedForMatch, scorePair } from './match.calc.ts';

const DENVER = 'America/Denver';
const BERLIN = 'Europe/Berlin';
const AUCKLAND = 'Pacific/Auckland';

const workout = (id: string, over: Partial<PlannedForMatch> = {}): PlannedForMatch => ({
  id,
  date: '2026-06-10',
  sport: 'run',
  durationSec: 3600,
  distanceM: null,
  targetLoad: 0,
  skipped: false,
  ...over,
});
const activity = (id: string, startIso: string, over: Partial<ActivityForMatch> = {}): ActivityForMatch => ({
  id,
  sport: 'run',
  startTime: new Date(startIso),
  movingTimeS: 3600,
  distanceM: 10_000,
  load: null,
  ...over,
});
const pairs = (workouts: PlannedForMatch[], activities: ActivityForMatch[], timeZone = DENVER, manual: ManualLink[] = []) =>
  matchActivities({ timeZone, workouts, activities, manual }).map((m) => `${m.workoutId}>${m.activityId}:${m.source}`);

describe('matching, one day', () => {
  it('solves two workouts and two activities as an assignment where greedy would leave one out', () => {
    const ws = [workout('w-long', { durationSec: 3600 }), workout('w-short', { durationSec: 2400 })];
    // 07:00 MDT, 50 min; 18:00 MDT (already the next UTC day), 85 min.
    const as = [
      activity('a-am', '2026-06-10T13:00:00Z', { movingTimeS: 3000 }),
      activity('a-pm', '2026-06-11T00:00:00Z', { movingTimeS: 5100 }),
    ];
    // Greedy takes the best single pair first (w-long + a-am) and strands w-short, which only a-am fits.
    const s = (w: number, a: number) => scorePair(ws[w]!, as[a]!, DENVER);
    expect(s(0, 0)!).toBeGreaterThan(Math.max(s(1, 0)!, s(0, 1)!));
    expect(s(1, 1)).toBeNull();
    expect(pairs(ws, as)).toEqual(['w-long>a-pm:auto', 'w-short>a-am:auto']);
  });

  it('puts a run at 23:30 local on its local day, though it is the next day in UTC', () => {
    const ws = [workout('w-10'), workout('w-11', { date: '2026-06-11' })];
    expect(pairs(ws, [activity('late', '2026-06-11T05:30:00Z')])).toEqual(['w-10>late:auto']);
  });

  it('gates duration at 40 % and 150 % of planned, both inclusive', () => {
    const at = (s: number) => pairs([workout('w')], [activity('a', '2026-06-10T14:00:00Z', { movingTimeS: s })]);
    expect(at(1440)).toEqual(['w>a:auto']);
    expect(at(1439)).toEqual([]);
    expect(at(5400)).toEqual(['w>a:auto']);
    expect(at(5401)).toEqual([]);
  });

  it('uses elapsed time when no moving time was recorded', () => {
    expect(pairs([workout('w')], [activity('a', '2026-06-10T14:00:00Z', { movingTimeS: 0, elapsedTimeS: 3500 })])).toEqual(['w>a:auto']);
  });

  it('prefers the activity closer to the planned distance and load when durations tie', () => {
    const w = workout('w', { distanceM: 12_000, targetLoad: 70 });
    const as = [
      activity('far', '2026-06-10T13:00:00Z', { distanceM: 8_000, load: 40 }),
      activity('near', '2026-06-10T23:00:00Z', { distanceM: 12_100, load: 68 }),
    ];
    expect(pairs([w], as)).toEqual(['w>near:auto']);
  });

  it('never matches rest days, other families, walks or hikes', () => {
    const ws = [workout('rest', { sport: 'rest', durationSec: 0 }), workout('swim', { sport: 'swim' })];
    const as = [activity('walk', '2026-06-10T14:00:00Z', { sport: 'walk' }), activity('ride', '2026-06-10T16:00:00Z', { sport: 'ride' })];
    expect(pairs(ws, as)).toEqual([]);
  });

  it('gives a brick the better leg, and lets a dedicated bike workout take the ride first', () => {
    const ride = activity('ride', '2026-06-10T14:00:00Z', { sport: 'ride', movingTimeS: 3600 });
    const run = activity('run', '2026-06-10T15:05:00Z', { movingTimeS: 2400 });
    const brick = workout('brick', { sport: 'brick', durationSec: 5400 });
    expect(pairs([brick], [ride, run])).toEqual(['brick>ride:auto']);
    expect(pairs([brick, workout('bike', { sport: 'bike' })], [ride, run])).toEqual(['bike>ride:auto', 'brick>run:auto']);
  });

  it('breaks ties the same way whatever the input order: the earlier workout takes the earlier activity', () => {
    const ws = [workout('w2'), workout('w1')];
    const as = [activity('pm', '2026-06-10T23:00:00Z'), activity('am', '2026-06-10T13:00:00Z')];
    expect(pairs(ws, as)).toEqual(['w1>am:auto', 'w2>pm:auto']);
    expect(pairs([...ws].reverse(), [...as].reverse())).toEqual(['w1>am:auto', 'w2>pm:auto']);
  });
});

describe('matching across DST changes and zones', () => {
  it('America/Denver, spring forward (2026-03-08, 23 h): 00:30 MDT on the 9th is the 9th, not 23:30 MST on the 8th', () => {
    const ws = [workout('w-08', { date: '2026-03-08' }), workout('w-09', { date: '2026-03-09' })];
    expect(pairs(ws, [activity('a', '2026-03-09T06:30:00Z')])).toEqual(['w-09>a:auto']);
    expect(pairs(ws, [activity('a', '2026-03-09T05:30:00Z')])).toEqual(['w-08>a:auto']);
    // 00:30 MST, before the jump, is already the 8th.
    expect(pairs(ws, [activity('a', '2026-03-08T07:30:00Z')])).toEqual(['w-08>a:auto']);
  });

  it('America/Denver, fall back (2026-11-01, 25 h): 23:30 MST is still the 1st', () => {
    const ws = [workout('w-01', { date: '2026-11-01' }), workout('w-02', { date: '2026-11-02' })];
    expect(pairs(ws, [activity('a', '2026-11-02T06:30:00Z')])).toEqual(['w-01>a:auto']);
    expect(pairs(ws, [activity('a', '2026-11-02T07:00:00Z')])).toEqual(['w-02>a:auto']);
  });

  it('Europe/Berlin, both changes (2026-03-29 and 2026-10-25)', () => {
    const spring = [workout('w-29', { date: '2026-03-29' }), workout('w-30', { date: '2026-03-30' })];
    // 00:30 CET on the 29th is the 28th in UTC; 00:30 CEST on the 30th is 22:30 UTC on the 29th.
    expect(pairs(spring, [activity('a', '2026-03-28T23:30:00Z')], BERLIN)).toEqual(['w-29>a:auto']);
    expect(pairs(spring, [activity('a', '2026-03-29T22:30:00Z')], BERLIN)).toEqual(['w-30>a:auto']);
    const fall = [workout('w-25', { date: '2026-10-25' }), workout('w-26', { date: '2026-10-26' })];
    expect(pairs(fall, [activity('a', '2026-10-25T22:30:00Z')], BERLIN)).toEqual(['w-25>a:auto']);
    expect(pairs(fall, [activity('a', '2026-10-25T23:00:00Z')], BERLIN)).toEqual(['w-26>a:auto']);
  });

  it('Pacific/Auckland: a 07:00 NZDT run is the previous day in UTC and still matches its local day', () => {
    const ws = [workout('w-14', { date: '2026-01-14' }), workout('w-15', { date: '2026-01-15' })];
    expect(pairs(ws, [activity('a', '2026-01-14T18:00:00Z')], AUCKLAND)).toEqual(['w-15>a:auto']);
    // The same instant for an athlete in Denver is the 14th.
    expect(pairs(ws, [activity('a', '2026-01-14T18:00:00Z')], DENVER)).toEqual(['w-14>a:auto']);
  });
});

describe('manual links and skipped workouts', () => {
  const ws = [workout('w1'), workout('w2', { durationSec: 3000 })];
  const as = [activity('a1', '2026-06-10T13:00:00Z'), activity('ride', '2026-06-08T13:00:00Z', { sport: 'ride', movingTimeS: 9000 })];

  it('keeps a manual link whatever the rules say, and never gives the linked activity to another workout', () => {
    const manual = [{ workoutId: 'w1', activityId: 'ride' }];
    expect(pairs(ws, as, DENVER, manual)).toEqual(['w1>ride:manual', 'w2>a1:auto']);
    // Linked to the run: w2 cannot have it, though it fits w2.
    expect(pairs(ws, as, DENVER, [{ workoutId: 'w1', activityId: 'a1' }])).toEqual(['w1>a1:manual']);
  });

  it('keeps a manual unlink: the workout stays unmatched even with a perfect activity', () => {
    expect(pairs([workout('w1')], [as[0]!], DENVER, [{ workoutId: 'w1', activityId: null }])).toEqual([]);
    expect(pairs(ws, as, DENVER, [{ workoutId: 'w1', activityId: null }])).toEqual(['w2>a1:auto']);
  });

  it('lets the earlier workout keep an activity two links name; a link to an unknown activity matches nothing', () => {
    const manual = [
      { workoutId: 'w2', activityId: 'a1' },
      { workoutId: 'w1', activityId: 'a1' },
    ];
    expect(pairs(ws, as, DENVER, manual)).toEqual(['w1>a1:manual']);
    expect(pairs(ws, as, DENVER, [{ workoutId: 'w1', activityId: 'gone' }])).toEqual(['w2>a1:auto']);
  });

  it('never matches a skipped workout, even a linked one; its activity stays free', () => {
    const skipped = workout('w1', { skipped: true });
    expect(pairs([skipped], [as[0]!])).toEqual([]);
    expect(pairs([skipped, ws[1]!], as, DENVER, [{ workoutId: 'w1', activityId: 'a1' }])).toEqual(['w2>a1:auto']);
    expect(scorePair(skipped, as[0]!, DENVER)).toBeNull();
  });
});
