// One day's or one named activity, the best effort over a running distance, and the policy's note said
// first: answered exactly on the deterministic path and through the model's tools, in the athlete's zone.
import { describe, expect, it } from 'vitest';
import { todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { checkClaims } from './claims';
import { answerDeterministically } from './deterministic';
import { type FixtureActivity, groundingWorld, km2, mmss, paceOf } from './grounding-testing';
import { createCoachTools, runCoachTool } from './tools';

const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

/** An activity starting at a local wall-clock time in a zone, its local date as the zone reads it. */
function at(zone: string, utc: string, f: Omit<FixtureActivity, 'date' | 'startTime'>): FixtureActivity {
  return { ...f, startTime: utc, date: todayIn(zone, new Date(utc)) };
}

const LA = 'America/Los_Angeles';
const BERLIN = 'Europe/Berlin';
// Monday 23 Nov 2026, noon in Los Angeles and 21:00 in Berlin: "Saturday" is the 21st, "yesterday" the 22nd.
const MONDAY = new Date('2026-11-23T20:00:00Z');

function week(zone: string): FixtureActivity[] {
  const z = (utc: string, f: Omit<FixtureActivity, 'date' | 'startTime'>) => at(zone, utc, f);
  const edge = zone === LA ? '2026-11-08T07:30:00Z' : '2026-11-06T23:30:00Z'; // 23:30 on 7 Nov in LA, 00:30 on 7 Nov in Berlin
  return [
    z(edge, {
      key: 'edge',
      source: 'fit_upload',
      sport: 'run',
      distanceM: 10_020,
      movingS: 2712,
      avgHr: 152,
      elevationM: 50,
      name: 'Late Tempo',
    }),
    z('2026-11-07T16:00:00Z', {
      key: 'sv',
      source: 'strava',
      sport: 'ride',
      distanceM: 33_333,
      movingS: 4444,
      avgHr: 133,
      elevationM: 333,
      name: 'Strava Secret Ride',
    }),
    z('2026-11-10T17:00:00Z', {
      key: 'track',
      source: 'gpx_upload',
      sport: 'run',
      distanceM: 9_100,
      movingS: 2650,
      avgHr: 160,
      elevationM: 12,
      name: 'Track session – 6 × 800 m',
    }),
    z('2026-11-21T16:00:00Z', {
      key: 'long',
      source: 'fit_upload',
      sport: 'run',
      distanceM: 24_000,
      movingS: 8100,
      avgHr: 141,
      elevationM: 180,
      name: 'Long Run',
    }),
    z('2026-11-21T20:00:00Z', {
      key: 'shake',
      source: 'manual',
      sport: 'run',
      distanceM: 4_000,
      movingS: 1500,
      avgHr: 128,
      elevationM: 5,
      name: 'Easy Shakeout',
    }),
    z('2026-11-22T17:00:00Z', {
      key: 'ride',
      source: 'tcx_upload',
      sport: 'ride',
      distanceM: 61_000,
      movingS: 7800,
      avgHr: 131,
      elevationM: 640,
      name: 'Sunday Hills',
    }),
  ];
}

describe('single-day and named-activity lookups', () => {
  for (const zone of [LA, BERLIN])
    it(`answers the day and the named activity exactly, with exactly its receipts (${zone})`, async () => {
      const h = Harness.init();
      const acts = week(zone);
      const g = await groundingWorld(h, { timeZone: zone, activities: acts, now: MONDAY });
      const ctx = g.ctx();
      const by = (key: string) => acts.find((a) => a.key === key)!;
      const id = (key: string) => g.ids.get(key)!;
      expect(ctx.today).toBe('2026-11-23');
      expect(by('edge').date).toBe('2026-11-07');

      const edge = by('edge');
      const cases: [string, string[], string[]][] = [
        ['What did I do on 2026-11-07?', ['Sat 7 Nov', '“Late Tempo”', `${km2(edge.distanceM)} km in ${mmss(edge.movingS)}`], ['edge']],
        ['What did I do on November 7?', ['“Late Tempo”'], ['edge']],
        ['What was my pace on my run on 7 Nov?', [`Your pace on “Late Tempo” on Sat 7 Nov was ${paceOf(edge)} /km`], ['edge']],
        ['Pace on my run on Nov 7th', [`${paceOf(edge)} /km`], ['edge']],
        [
          'What was the average heart rate on my long run on 2026-11-21?',
          ['average heart rate on “Long Run” on Sat 21 Nov was 141 bpm'],
          ['long'],
        ],
        ['How was my long run on Saturday?', ['“Long Run” (run)', `${km2(24_000)} km`], ['long']],
        ["How did yesterday's ride go?", ['Yesterday (Sun 22 Nov)', '“Sunday Hills” (ride)'], ['ride']],
        ['How did the Track session – 6 × 800 m go?', ['“Track session – 6 × 800 m” (run) on Tue 10 Nov', `${km2(9100)} km`], ['track']],
        ['What did I do on Saturday?', ['2 activities', '“Long Run”', '“Easy Shakeout”'], ['long', 'shake']],
      ];
      for (const [q, expected, keys] of cases) {
        const ans = await answerDeterministically(g.deps, ctx, q);
        expect(ans, q).not.toBeNull();
        for (const e of expected) expect(ans!.text, q).toContain(e);
        expect(ans!.text, q).not.toMatch(ISO);
        expect(ans!.text, q).not.toContain('Strava Secret');
        expect(ans!.results.flatMap((r) => r.receipts.map((x) => x.activityId)).sort(), q).toEqual(keys.map(id).sort());
        expect(checkClaims(ans!.text, ans!.results, q).check.unmatched, q).toEqual([]);
      }

      // The policy left a Strava ride out of 7 Nov: said first, once.
      const seventh = await answerDeterministically(g.deps, ctx, 'What did I do on 2026-11-07?');
      expect(seventh!.text).toMatch(/^Of the activities I may use \(1 Strava activity that day is left out/);
      expect(seventh!.text.match(/Strava/g)).toHaveLength(2);

      // An empty day is said to be empty.
      const empty = await answerDeterministically(g.deps, ctx, 'What did I do on 2026-11-05?');
      expect(empty!.text).toBe('There were no activities on Thu 5 Nov.');
      expect(empty!.results[0]!.receipts).toEqual([]);
      // The zone's edge: the 23:30 (LA) or 00:30 (Berlin) run is on the 7th, not a neighbour.
      for (const q of ['What did I do on 2026-11-06?', 'What did I do on 2026-11-08?'])
        expect((await answerDeterministically(g.deps, ctx, q))!.text, q).toMatch(/^There were no activities/);

      // The same lookups as the model's tool: exactly the day's (or the name's) activities.
      const tools = createCoachTools(g.deps);
      const day = await runCoachTool(tools, ctx, 'get_activity', { date: '2026-11-07' });
      if (!day.ok) throw new Error(day.error);
      expect(day.result.receipts.map((x) => x.activityId)).toEqual([id('edge')]);
      expect(day.result.withheld).toEqual([{ source: 'strava', count: 1 }]);
      expect(day.result.facts.find((f) => f.label === '2026-11-07 Late Tempo: pace')?.value).toBe(paceOf(edge));
      const named = await runCoachTool(tools, ctx, 'get_activity', { name: 'track session' });
      if (!named.ok) throw new Error(named.error);
      expect(named.result.receipts.map((x) => x.activityId)).toEqual([id('track')]);
      const none = await runCoachTool(tools, ctx, 'get_activity', { date: '2026-11-05' });
      if (!none.ok) throw new Error(none.error);
      expect(none.result.empty).toBe('No activities on 2026-11-05.');
      expect((await runCoachTool(tools, ctx, 'get_activity', {})).ok).toBe(false);
    });
});

describe('bests over a named distance', () => {
  it('"fastest 5 km" is the best 5 km effort of a run, never a ride; a riding distance is rides only', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h, {
      activities: [
        // The 5 km inside a 10 km run is faster than the whole 5 km parkrun.
        {
          key: 'tempo',
          source: 'fit_upload',
          sport: 'run',
          date: '2026-11-12',
          distanceM: 10_000,
          movingS: 2700,
          avgHr: 160,
          elevationM: 30,
          name: 'Tempo Ten',
          bestEfforts: [{ name: '5k', distanceM: 5000, elapsedS: 1290 }],
        },
        {
          key: 'park',
          source: 'manual',
          sport: 'run',
          date: '2026-11-14',
          distanceM: 5000,
          movingS: 1320,
          avgHr: 170,
          elevationM: 10,
          name: 'Parkrun',
        },
        {
          key: 'tt',
          source: 'fit_upload',
          sport: 'ride',
          date: '2026-11-08',
          distanceM: 40_100,
          movingS: 3600,
          avgHr: 160,
          elevationM: 80,
          name: 'Club TT',
        },
        {
          key: 'crit',
          source: 'fit_upload',
          sport: 'ride',
          date: '2026-11-09',
          distanceM: 30_000,
          movingS: 2400,
          avgHr: 165,
          elevationM: 20,
          name: 'Fast Crit',
        },
        {
          key: 'rs',
          source: 'strava',
          sport: 'run',
          date: '2026-11-10',
          distanceM: 5000,
          movingS: 1111,
          avgHr: 175,
          elevationM: 5,
          name: 'Strava Secret Run',
        },
      ],
    });
    const ctx = g.ctx();
    const id = (k: string) => g.ids.get(k)!;
    const five = await answerDeterministically(g.deps, ctx, 'What is my fastest 5 km?');
    expect(five!.text).toMatch(/^Of the activities I may use \(1 Strava run in this window is left out/);
    expect(five!.text).toContain(
      'your fastest 5 km in the last 12 months (22 Nov 2025 – 21 Nov 2026) was 21:30 (4:18 /km), within “Tempo Ten” on 12 Nov.',
    );
    expect(five!.results[0]!.receipts.map((r) => r.activityId)).toEqual([id('tempo')]);
    expect(checkClaims(five!.text, five!.results, 'What is my fastest 5 km?').check.unmatched).toEqual([]);
    for (const q of ['fastest 5k this month?', 'My best 5 km time?', 'What was my quickest 5 km in November?']) {
      const a = await answerDeterministically(g.deps, ctx, q);
      expect(a!.text, q).toContain('“Tempo Ten”');
      expect(a!.text, q).not.toMatch(/Club TT|Fast Crit/);
    }
    const tt = await answerDeterministically(g.deps, ctx, 'What is my fastest 40 km TT?');
    expect(tt!.text).toContain('Your fastest ride of at least 40 km in the last 12 months');
    expect(tt!.text).toContain('“Club TT”');
    expect(tt!.results[0]!.receipts.map((r) => r.activityId)).toEqual([id('tt')]);
    const hundred = await answerDeterministically(g.deps, ctx, 'What was my fastest 100 km?');
    expect(hundred!.text).toBe('There were no rides of at least 100 km in the last 12 months (22 Nov 2025 – 21 Nov 2026).');
    const ride = await answerDeterministically(g.deps, ctx, 'What was my fastest ride?');
    expect(ride!.text).toContain('“Fast Crit”');
    // The model's tool: the same bests over a window.
    const out = await runCoachTool(createCoachTools(g.deps), ctx, 'get_personal_bests', { from: '2026-11-01' });
    if (!out.ok) throw new Error(out.error);
    expect(out.result.facts.find((f) => f.label === '5 km best 2026-11-01 to 2026-11-21: time')?.value).toBe('21:30');
  });
});
