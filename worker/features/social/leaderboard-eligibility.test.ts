import { describe, expect, it } from 'vitest';
import { policyFor } from '../activities';
import { boardActivity, CLEAN_SHAPES, recording } from './board-activities.testing';
import { type BoardActivity, type ExclusionCode, judgeActivities } from './leaderboard-eligibility';

const policy = policyFor('default');
const at = (day: number, hour = 7) => new Date(Date.UTC(2026, 10, 2 + day, hour));

/** 40 athletes × 20 activities of every clean kind, a day apart. */
function cleanWorld(): BoardActivity[] {
  const out: BoardActivity[] = [];
  for (let a = 0; a < 40; a++)
    for (let i = 0; i < 20; i++) out.push(boardActivity(`ath-${a}`, at(i, 6 + (a % 10)), CLEAN_SHAPES[(a + i) % CLEAN_SHAPES.length]!));
  return out;
}

describe('leaderboard eligibility', () => {
  it('excludes every planted cheat, with its reason, and at most 1 % of clean activities', () => {
    const clean = cleanWorld();
    const run = { sport: 'run' as const, speed: 3, durationS: 3000, every: 1 as const };
    const cheater = 'cheater';
    const twin = boardActivity(cheater, at(3), run, { seed: 77, source: 'fit_upload' });
    const planted: [BoardActivity, ExclusionCode][] = [
      [boardActivity(cheater, at(1), { sport: 'run', speed: 60 / 3.6, durationS: 1800, every: 1 }), 'impossible_speed'],
      [boardActivity(cheater, at(2), { sport: 'run', speed: 30 / 3.6, durationS: 1800, every: 1, wander: 0.05 }), 'impossible_speed'],
      // The same effort from two sources, not linked (e.g. the athlete split them): counted once.
      [
        {
          ...twin,
          id: 'twin-garmin',
          source: 'garmin_api',
          startTime: new Date(twin.startTime.getTime() + 40_000),
          distanceM: twin.distanceM * 1.004,
        },
        'duplicate',
      ],
      [boardActivity(cheater, at(4), run, { duplicateOf: 'some-other-row' }), 'linked_duplicate'],
      [{ ...boardActivity(cheater, at(5), run), source: 'manual', distanceM: 100_000, samples: null }, 'manual'],
      [boardActivity(cheater, at(6), { ...run, wander: 0, gpsNoiseM: 0 }), 'synthetic_timestamps'],
      [boardActivity(cheater, at(7), { ...run, every: 10 }), 'sparse_samples'],
      [boardActivity(cheater, at(8), run, { source: 'strava' }), 'provider_terms'],
      [{ ...boardActivity(cheater, at(9), run), source: 'gpx_upload', samples: null }, 'no_recording'],
      [boardActivity(cheater, at(10), run, { dataQuality: [{ code: 'totals_disagree' }] }), 'data_doubted'],
    ];
    const judged = judgeActivities([...clean, twin, ...planted.map(([a]) => a)], policy);
    const byId = new Map(judged.map((j) => [j.activity.id, j.exclusion]));
    for (const [a, code] of planted) {
      expect(byId.get(a.id)?.code, `${a.id} should be ${code}`).toBe(code);
      expect(byId.get(a.id)?.reason).toMatch(/\w/);
    }
    expect(byId.get(twin.id)).toBeNull(); // the device's own copy counts (source preference)
    const falseAlarms = clean.filter((a) => byId.get(a.id) !== null);
    expect(falseAlarms.length / clean.length).toBeLessThanOrEqual(0.01);
  });

  it('counts a 1-s and a smart-recorded effort, excludes the same effort sampled every 10 s', () => {
    const shape = { sport: 'run' as const, speed: 3.2, durationS: 2400 };
    const judge = (every: 1 | 'smart' | 10) =>
      judgeActivities([boardActivity('x', at(0), { ...shape, every })], policy)[0]!.exclusion?.code ?? null;
    expect(judge(1)).toBeNull();
    expect(judge('smart')).toBeNull();
    expect(judge(10)).toBe('sparse_samples');
  });

  it('leaves synthetic-time checks to GPS tracks: a treadmill may report its belt speed exactly', () => {
    const belt = { sport: 'run' as const, speed: 3, durationS: 1800, every: 1 as const, wander: 0, gpsNoiseM: 0 };
    const indoor = boardActivity('x', at(0), { ...belt, positions: false });
    const outdoor = boardActivity('x', at(1), belt);
    const [i, o] = judgeActivities([indoor, outdoor], policy);
    expect(i!.exclusion).toBeNull();
    expect(o!.exclusion?.code).toBe('synthetic_timestamps');
  });

  it('time that does not run forwards is synthetic', () => {
    const a = boardActivity('x', at(0), { sport: 'ride', speed: 8, durationS: 1200, every: 1 });
    const t = [...a.samples!.t];
    t[100] = t[99]!;
    expect(judgeActivities([{ ...a, samples: { ...a.samples!, t } }], policy)[0]!.exclusion?.code).toBe('synthetic_timestamps');
  });

  it("in strict mode too, Strava's API copies never count", () => {
    const a = boardActivity('x', at(0), { sport: 'run', speed: 3, durationS: 1800, every: 1 }, { source: 'strava' });
    expect(judgeActivities([a], policyFor('strict'))[0]!.exclusion?.code).toBe('provider_terms');
  });

  it('back-to-back efforts of one athlete are not duplicates', () => {
    const shape = { sport: 'run' as const, speed: 3, durationS: 1800, every: 1 as const };
    const first = boardActivity('x', at(0, 7), shape);
    const second = boardActivity('x', new Date(at(0, 7).getTime() + 1_800_000 + 60_000), shape);
    expect(judgeActivities([first, second], policy).map((j) => j.exclusion)).toEqual([null, null]);
    expect(recording(1, { ...shape, every: 'smart' }).t.length).toBeGreaterThan(200);
  });
});
