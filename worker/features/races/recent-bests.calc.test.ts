// Which bests count: recent, plausible, one per distance, with a reason for every one left out.
import { describe, expect, it } from 'vitest';
import { best, FIVE_K, HALF, MARATHON, TEN_K, TODAY } from './races.testing';
import { recentBests, worldRecordS } from './recent-bests.calc';

describe('recentBests', () => {
  it('keeps one effort per activity: the splits of a 10 km race are not bests of their own', () => {
    // The demo athlete's City 10K: its mile and 5 km splits (VDOT 35.6, 38.0) inside the 10 km (39.5).
    const race = [best(1609, 473.3, 7, 'city-10k'), best(FIVE_K, 1509.9, 7, 'city-10k'), best(TEN_K, 3034, 7, 'city-10k')];
    const { used, excluded } = recentBests(race, TODAY);
    expect(used.map((b) => b.distanceM)).toEqual([TEN_K]);
    expect(excluded.map((e) => e.reason)).toEqual([
      'part of the 10 km effort in the same activity, not run all-out at this distance',
      'part of the 10 km effort in the same activity, not run all-out at this distance',
    ]);
    // A 5 km race with a slow cool-down: the 5 km is the effort, the activity's 10 km is diluted by the jog.
    const fiveK = recentBests([best(FIVE_K, 1200, 7, 'parkrun'), best(TEN_K, 3000, 7, 'parkrun')], TODAY);
    expect(fiveK.used.map((b) => b.distanceM)).toEqual([FIVE_K]);
  });

  it('excludes a world-record-beating best with its reason, and keeps the rest', () => {
    const fake = best(TEN_K, 25 * 60, 5, 'car-ride');
    const { used, excluded } = recentBests([best(FIVE_K, 1200), fake], TODAY);
    expect(used.map((b) => b.activityId)).toEqual([`a-${FIVE_K}`]);
    expect(excluded).toEqual([{ best: fake, reason: expect.stringMatching(/faster than the world record/) }]);
  });

  it('interpolates the world records between distances and reads them exactly at each', () => {
    expect(worldRecordS(FIVE_K)).toBeCloseTo(755.36, 6);
    expect(worldRecordS(MARATHON)).toBeCloseTo(7235, 6);
    expect(worldRecordS(15000)).toBeGreaterThan(1571);
    expect(worldRecordS(15000)).toBeLessThan(3402);
    expect(worldRecordS(50000)).toBeGreaterThan(7235);
  });

  it('ages out bests older than 180 days, flags those older than 90, refuses future ones', () => {
    const { used, excluded, old } = recentBests([best(FIVE_K, 1200, 200), best(TEN_K, 2500, 120), best(HALF, 5600, -3)], TODAY);
    expect(used.map((b) => b.distanceM)).toEqual([TEN_K]);
    expect(old.map((b) => b.distanceM)).toEqual([TEN_K]);
    expect(excluded.map((e) => e.reason)).toEqual(['older than 180 days: aged out', 'dated after today']);
  });

  it('keeps the fastest best per distance (5000 m and 5020 m are one distance)', () => {
    const { used, excluded } = recentBests([best(FIVE_K, 1260, 3, 'slow'), best(5020, 1220, 40, 'fast')], TODAY);
    expect(used.map((b) => b.activityId)).toEqual(['fast']);
    expect(excluded[0]!.reason).toMatch(/faster recent best/);
  });

  it('does not crash on garbage: NaN, zero, negative, short, undated', () => {
    const bad = [
      best(FIVE_K, Number.NaN),
      best(0, 1200),
      best(FIVE_K, -5),
      best(800, 150),
      { ...best(FIVE_K, 1200), date: 'yesterday' },
      { ...best(FIVE_K, 1200), date: '2026-13-45' },
    ];
    const { used, excluded } = recentBests(bad, TODAY);
    expect(used).toEqual([]);
    expect(excluded).toHaveLength(6);
    expect(excluded[3]!.reason).toMatch(/shorter than 1500 m/);
    expect(excluded[4]!.reason).toBe('no valid date');
    expect(excluded[5]!.reason).toBe('no valid date');
  });
});
