// The dated estimate series (ADR 065) against synthetic curves of known CP and W′: each Monday's point recovers the
// parameters of the efforts before it and only those, falls back to the best-effort rules when the model cannot be
// fitted, and is written as a row only when its value changes.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { DerivedFacts } from '../analytics.types';
import { CURVE_DURATIONS } from '../curves/mean-max.calc';
import { estimateMondays, type SeriesCurve, type SeriesInput, thresholdSeries } from './threshold-series.calc';
import { type EstimateCandidate, thresholdTimeline } from './thresholds.calc';

/** A ride whose 2–20-min bests lie on CP + W′/t, and its facts (the 20-min best, a peak heart rate). */
function ride(id: string, day: string, cp: number, w: number, hr = 180): { curve: SeriesCurve; cand: EstimateCandidate } {
  const values = CURVE_DURATIONS.map((t) => (t >= 120 && t <= 1200 ? cp + w / t : null));
  const facts = { powerBests: { 1200: cp + w / 1200 }, peakHr: hr } as unknown as DerivedFacts;
  return {
    curve: { activityId: id, localDate: day, values },
    cand: { activityId: id, localDate: day, sport: 'ride', distanceM: 40_000, movingTimeS: 3600, maxHr: hr, facts },
  };
}

function input(rides: ReturnType<typeof ride>[], today: string): SeriesInput {
  return {
    firstDay: rides.map((r) => r.curve.localDate).sort()[0] ?? null,
    today,
    power: rides.map((r) => r.curve),
    speed: [],
    candidates: rides.map((r) => r.cand),
  };
}

// Every fourth day from 2026-01-01: CP 250 W, W′ 20 kJ until March; from 2026-03-06 (r16), CP 270 W, W′ 18 kJ.
const season = Array.from({ length: 60 }, (_, i) => {
  const day = addDays('2026-01-01', i * 4);
  return day < '2026-03-05' ? ride(`r${i}`, day, 250, 20_000) : ride(`r${i}`, day, 270, 18_000);
});

describe('thresholds as a dated series from the models', () => {
  it('dates points on Mondays from the week after the first activity through the Monday after today', () => {
    expect(estimateMondays('2026-01-01', '2026-01-20')).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
    expect(estimateMondays(null, '2026-01-20')).toEqual([]);
  });

  it('recovers CP and W′ each Monday from the 90 days before it, with the effort nearest 20 min as the receipt', () => {
    const s = thresholdSeries(input(season, '2026-08-10'));
    const at = (d: string) => s.ride.find((p) => p.date === d)!;
    // 2026-01-05 rests on the rides of 1 January only.
    expect(at('2026-01-05')).toMatchObject({ basis: 'model', efforts: 17, activityId: 'r0' });
    expect(at('2026-01-05').critical).toBeCloseTo(250, 6);
    expect(at('2026-01-05').reserve).toBeCloseTo(20_000, 3);
    // The Monday after the first 270 W ride (Friday 2026-03-06) is the first to see it.
    expect(at('2026-03-02').critical).toBeCloseTo(250, 6);
    expect(at('2026-03-09').critical).toBeCloseTo(270, 6);
    expect(at('2026-03-09').reserve).toBeCloseTo(18_000, 3);
    expect(at('2026-03-09').activityId).toBe('r16');
    // eFTP = CP, stored as a row only when it changes, each with its receipt and what it rests on.
    const ftp = s.estimates.filter((e) => e.kind === 'ftp');
    expect(ftp.map((e) => [e.effectiveFrom, e.value])).toEqual([
      ['2026-01-05', 250],
      ['2026-03-09', 270],
    ]);
    // r16 beats every earlier best: one session's nested windows, whose scatter is no margin of error (issue 55).
    expect(ftp[1]!.note).toBe(
      'CP from 17 best efforts of 2–20 min (1 ride) in the 90 days before 2026-03-09, one session: no margin of error',
    );
    expect(at('2026-03-09')).toMatchObject({ criticalSE: null, reserveSE: null });
    expect(ftp[1]!.activityId).toBe('r16');
    expect(s.estimates.filter((e) => e.kind === 'max_hr').map((e) => e.value)).toEqual([180]);
  });

  it('never uses an effort from the future: every point equals the one computed without anything on or after its date', () => {
    const full = thresholdSeries(input(season, '2026-08-10'));
    for (const p of full.ride) {
      const before = thresholdSeries(
        input(
          season.filter((r) => r.curve.localDate < p.date),
          '2026-08-10',
        ),
      );
      expect(before.ride.find((q) => q.date === p.date)).toEqual(p);
    }
  });

  it('falls back to 95 % of the best 20 minutes of the 365 days before when the model cannot be fitted', () => {
    // Only 20-minute efforts: no curve inside the window but one duration, so no fit.
    const only20 = [ride('a', '2026-02-03', 250, 20_000), ride('b', '2026-04-07', 240, 20_000)].map((r) => ({
      ...r,
      curve: { ...r.curve, values: CURVE_DURATIONS.map((t, i) => (t === 1200 ? r.curve.values[i]! : null)) },
    }));
    const s = thresholdSeries(input(only20, '2026-05-01'));
    const p = s.ride.find((q) => q.date === '2026-02-09')!;
    expect(p).toMatchObject({ basis: 'best_20min', critical: null, efforts: 0, activityId: 'a' });
    expect(p.threshold).toBe(Math.round(0.95 * (250 + 20_000 / 1200)));
    // The lower ride in April does not lower it: the year's best stands.
    expect(s.estimates.filter((e) => e.kind === 'ftp')).toEqual([
      {
        kind: 'ftp',
        value: 253,
        effectiveFrom: '2026-02-09',
        effectiveUntil: null,
        activityId: 'a',
        note: '95 % of best 20-min power (267 W) in the 365 days before 2026-02-09',
      },
    ]);
  });

  it('lets an estimate lapse the first Monday its windows hold none of its efforts (issue 55)', () => {
    // One ride on Tuesday 3 Feb 2026: the 365 days before Monday 1 Feb 2027 still hold it, those before 8 Feb do not.
    const s = thresholdSeries(input([ride('a', '2026-02-03', 250, 20_000)], '2027-06-01'));
    for (const kind of ['ftp', 'max_hr'] as const) {
      const rows = s.estimates.filter((e) => e.kind === kind);
      expect(rows.at(-1)?.effectiveUntil, kind).toBe('2027-02-08');
      const timeline = thresholdTimeline(rows.map((e) => ({ ...e, source: 'estimated' as const })));
      expect(timeline.at('2027-02-07')[kind], kind).toBeDefined();
      expect(timeline.at('2027-02-08')[kind], kind).toBeUndefined();
    }
    // The model's 90 days empty first: the best-effort rule takes over with its own value, not a lapse.
    expect(s.estimates.filter((e) => e.kind === 'ftp').map((e) => e.effectiveUntil)).toEqual([null, '2027-02-08']);
  });

  it('leaves a fit out when it is not tight: ±5 % of CP or CP above the best 20 minutes it came from', () => {
    // Bests that rise with duration cannot be a CP curve: the model answers nothing and the 20-min rule serves.
    const odd = ride('x', '2026-02-03', 250, 20_000);
    odd.curve.values = CURVE_DURATIONS.map((t) => (t >= 120 && t <= 1200 ? 200 + t / 20 : null));
    const p = thresholdSeries(input([odd], '2026-02-20')).ride[0]!;
    expect(p.basis).toBe('best_20min');
  });
});
