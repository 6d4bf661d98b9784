import { describe, expect, it } from 'vitest';
import { planPacing } from '../pacing.calc';
import { predictionError, raceResult, type RecordedTrack } from './result.calc';

/** A flat 10 km recorded every second at the paces given per km (s/km), with a heart rate per km. */
function track(paces: number[], hr?: number[], altitude?: (d: number) => number): RecordedTrack {
  const t: number[] = [0];
  const d: number[] = [0];
  const h: number[] = [hr?.[0] ?? 0];
  paces.forEach((pace, k) => {
    for (let s = 1; s <= pace; s++) {
      t.push(t[t.length - 1]! + 1);
      d.push(k * 1000 + (1000 * s) / pace);
      h.push(hr?.[k] ?? 0);
    }
  });
  return { t, d, hr: hr ? h : null, altitude: altitude ? d.map(altitude) : null };
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const base = { raceDistanceM: 10000, unit: 'km' as const, fuel: { carbsG: null, fluidL: null }, today: '2026-11-01' };

describe('a race result against its plan', () => {
  it('reads each actual split and its delta from the planned one', () => {
    const paces = [290, 295, 300, 300, 300, 300, 305, 305, 310, 315];
    const predicted = { low: 2900, mid: 3000, high: 3100, madeAt: '2026-10-30T08:00:00Z' };
    const r = raceResult({ ...base, finishS: sum(paces), track: track(paces), predicted });
    const plan = planPacing({ distanceM: 10000, targetS: 3000, unit: 'km', today: base.today });
    if (!r.splits.ok || !plan.ok) throw new Error('expected splits');
    expect(r.splits.rows).toHaveLength(10);
    r.splits.rows.forEach((row, i) => {
      expect(row.actualS).toBeCloseTo(paces[i]!, 6);
      expect(row.plannedS).toBeCloseTo(plan.plan.splits[i]!.timeS, 6);
      expect(row.deltaS).toBeCloseTo(paces[i]! - plan.plan.splits[i]!.timeS, 6);
    });
    expect(r.splits.notes).toContain('No elevation was recorded: the course is taken as flat.');
  });

  it('calls an even-paced race even and a fading one a positive split, with the numbers', () => {
    const predicted = { low: 2900, mid: 3000, high: 3100, madeAt: '2026-10-30T08:00:00Z' };
    const even = raceResult({ ...base, finishS: 3000, track: track(Array(10).fill(300)), predicted });
    if (!even.halves.ok) throw new Error('expected halves');
    expect(even.halves.firstS).toBeCloseTo(1500, 6);
    expect(even.halves.splitPct).toBeCloseTo(0, 6);
    expect(even.halves.verdict).toContain('an even split');
    // The plan's 1 % negative split starts a little slower: an even 1500/1500 went out faster than planned.
    expect(even.halves.verdict).toBe('Went out 0.5 % faster than planned, second half 0.5 % slower than planned: an even split.');

    const fade = [285, 285, 285, 285, 285, 300, 305, 310, 315, 320];
    const r = raceResult({ ...base, finishS: sum(fade), track: track(fade), predicted });
    if (!r.halves.ok || !r.halves.planned) throw new Error('expected halves');
    expect(r.halves.firstS).toBeCloseTo(1425, 6);
    expect(r.halves.secondS).toBeCloseTo(1550, 6);
    expect(r.halves.splitPct).toBeCloseTo((1550 / 1425 - 1) * 100, 6);
    const f = ((1425 - r.halves.planned.firstS) / r.halves.planned.firstS) * 100;
    const s = ((1550 - r.halves.planned.secondS) / r.halves.planned.secondS) * 100;
    expect(r.halves.verdict).toBe(
      `Went out ${Math.abs(f).toFixed(1)} % faster than planned, second half ${s.toFixed(1)} % slower than planned: a positive split.`,
    );
  });

  it('reads heart-rate drift and Pa:HR decoupling, and says when there is no heart rate', () => {
    const paces = Array(10).fill(300);
    const r = raceResult({
      ...base,
      finishS: 3000,
      track: track(paces, [150, 150, 150, 150, 150, 165, 165, 165, 165, 165]),
      predicted: null,
    });
    if (!r.halves.ok || !r.halves.heart.ok) throw new Error('expected heart');
    expect(r.halves.heart.firstBpm).toBeCloseTo(150, 0);
    expect(r.halves.heart.secondBpm).toBeCloseTo(165, 0);
    // Same speed, 10 % more beats: speed per beat 1 − 150/165 ≈ 9.1 % lower.
    expect(r.halves.heart.decouplingPct).toBeCloseTo((1 - 150 / 165) * 100, 0);
    expect(r.halves.planned).toBeNull();
    expect(r.error).toEqual({ ok: false, reason: 'No prediction was made before the race day.' });
    const none = raceResult({ ...base, finishS: 3000, track: track(paces), predicted: null });
    expect(none.halves.ok && none.halves.heart).toEqual({ ok: false, reason: expect.stringContaining('No heart rate') });
  });

  it('grade-adjusts the halves: a climb in the second half is not a fade', () => {
    // Flat to 5 km, then a steady 2 % climb; paced at even effort the raw second half is slower.
    const climb = (d: number) => (d <= 5000 ? 100 : 100 + 0.02 * (d - 5000));
    const paces = [300, 300, 300, 300, 300, 316, 316, 316, 316, 316];
    const r = raceResult({ ...base, finishS: sum(paces), track: track(paces, undefined, climb), predicted: null });
    if (!r.halves.ok || !r.halves.gradeAdjusted) throw new Error('expected grade-adjusted halves');
    expect(r.halves.secondS).toBeGreaterThan(r.halves.firstS * 1.04);
    expect(Math.abs(r.halves.splitPct)).toBeLessThan(1.5);
  });

  it('refuses splits on a recording far from the race distance, and never invents them', () => {
    const short = track(Array(9).fill(300));
    const r = raceResult({ ...base, finishS: 2700, track: short, predicted: null });
    expect(r.splits).toEqual({ ok: false, reason: expect.stringContaining('more than 3 % apart') });
    expect(raceResult({ ...base, finishS: 2700, track: null, predicted: null }).halves.ok).toBe(false);
  });

  it('lays a GPS-long recording onto the race distance', () => {
    const t = [0, 3000];
    const r = raceResult({ ...base, finishS: 3000, track: { t, d: [0, 10150] }, predicted: null });
    if (!r.splits.ok) throw new Error('expected splits');
    expect(r.splits.rows[0]!.actualS).toBeCloseTo(300, 6);
    expect(r.splits.notes[0]).toContain('10150 m');
  });

  it('states the prediction error and whether the 80 % range held it, and fuel per hour as logged', () => {
    const p = { low: 5880, mid: 6120, high: 6360, madeAt: '2026-10-01T00:00:00Z' };
    const e = predictionError(6300, p);
    expect(e).toMatchObject({ ok: true, errorS: 180, inRange: true });
    expect(e.ok && e.errorPct).toBeCloseTo((180 / 6120) * 100, 9);
    expect(predictionError(6400, p)).toMatchObject({ inRange: false });
    const r = raceResult({ ...base, raceDistanceM: 21098, finishS: 5400, track: null, predicted: p, fuel: { carbsG: 90, fluidL: null } });
    expect(r.fuel.carbs).toEqual({ grams: 90, perHour: 60 });
    expect(r.fuel.fluid).toEqual({ missing: 'Fluid was not logged.' });
  });
});
