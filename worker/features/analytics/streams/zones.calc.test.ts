import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import type { ThresholdRow } from '../calc/thresholds.calc';
import { ZONES } from '../../plans/generator/plan-rules';
import { decodeTrack } from './activity-track.calc';
import { thresholdInEffect, type ThresholdUsed, type ZoneTable, ZONE_MODELS, zonesOf } from './zones.calc';

// A seeded PRNG: the same recording on every run.
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 1-Hz ride of `n` seconds wandering across every zone, with a 5-minute auto-pause in the middle. */
function ride(n: number): ActivityStreams {
  const r = prng(7);
  const t: number[] = [];
  for (let i = 0; i < n; i++) t.push(i < n / 2 ? i : i + 300);
  return {
    t,
    hr: t.map(() => Math.round(100 + 95 * r())),
    power: t.map(() => Math.round(400 * r() ** 1.5)),
    speedCms: t.map(() => Math.round(300 + 900 * r())),
  };
}

const used = (kind: ThresholdUsed['kind'], value: number): ThresholdUsed => ({
  kind,
  value,
  source: 'manual',
  effectiveFrom: '2026-01-01',
});
const ok = (tables: ZoneTable[], kind: ZoneTable['kind']) => {
  const z = tables.find((x) => x.kind === kind);
  if (z?.state !== 'ok') throw new Error(`no ${kind} zones`);
  return z;
};

describe('time in zones', () => {
  it('counts each recorded second in the zone holding it, as a plain sum over the samples does', () => {
    const s = ride(3600);
    const track = decodeTrack(s, 'ride', 0)!;
    const thresholds: Record<string, ThresholdUsed> = { ftp: used('ftp', 250), lthr: used('lthr', 165) };
    const tables = zonesOf(track, (k) => thresholds[k] ?? null);

    // Independent: every sample is one second (1 Hz), the pause has none; bands written out by hand.
    const powerRef = [0, 0, 0, 0, 0, 0, 0];
    for (const w of s.power!) {
      const f = w / 250;
      powerRef[f < 0.55 ? 0 : f < 0.75 ? 1 : f < 0.9 ? 2 : f < 1.05 ? 3 : f < 1.2 ? 4 : f < 1.5 ? 5 : 6]! += 1;
    }
    const hrRef = [0, 0, 0, 0, 0];
    for (const b of s.hr!) {
      const f = b / 165;
      hrRef[f < 0.81 ? 0 : f < 0.9 ? 1 : f < 0.94 ? 2 : f < 1 ? 3 : 4]! += 1;
    }
    expect(ok(tables, 'power').zones.map((z) => z.seconds)).toEqual(powerRef);
    expect(ok(tables, 'hr').zones.map((z) => z.seconds)).toEqual(hrRef);
    expect(ok(tables, 'power').totalS).toBe(3600);
    // Rides have no pace zones.
    expect(tables.map((z) => z.kind)).toEqual(['hr', 'power']);
  });

  it('pace zones count moving seconds only, against threshold speed', () => {
    const speeds = [0, 0, 2.0, 2.5, 3.0, 3.2, 3.5, 3.9, 4.2, 0.3];
    const s: ActivityStreams = { t: speeds.map((_, i) => i), speedCms: speeds.map((v) => Math.round(v * 100)) };
    const tables = zonesOf(decodeTrack(s, 'run', 0)!, (k) => (k === 'threshold_pace' ? used('threshold_pace', 4) : null));
    // 4 m/s threshold: 2.0, 2.5 → Z1 (<3.0); 3.0, 3.2 → Z2 (<3.4); 3.5 → Z3 (<3.72); 3.9 → Z4 (<4.04); 4.2 → Z5. Standing is not a zone.
    expect(ok(tables, 'pace').zones.map((z) => z.seconds)).toEqual([2, 2, 1, 1, 1]);
    expect(ok(tables, 'pace').zones[1]).toMatchObject({ low: 3, high: 3.4 });
  });

  it('says which threshold is missing instead of inventing zones, and falls back to max HR', () => {
    const track = decodeTrack(ride(600), 'ride', 0)!;
    expect(zonesOf(track, () => null)).toEqual([
      { kind: 'hr', state: 'no_threshold', needs: ['lthr', 'max_hr'] },
      { kind: 'power', state: 'no_threshold', needs: ['ftp'] },
    ]);
    const byMax = ok(
      zonesOf(track, (k) => (k === 'max_hr' ? used('max_hr', 190) : null)),
      'hr',
    );
    expect(byMax.threshold.kind).toBe('max_hr');
    expect(byMax.zones.map((z) => z.high)).toEqual([114, 133, 152, 171, null]);
  });

  it('uses the value in effect on the activity’s day: the latest manual one dated before it, else the estimate', () => {
    const rows: ThresholdRow[] = [
      { kind: 'ftp', value: 240, effectiveFrom: '2026-01-01', source: 'manual' },
      { kind: 'ftp', value: 260, effectiveFrom: '2026-06-01', source: 'manual' },
      { kind: 'ftp', value: 275, effectiveFrom: '2026-11-01', source: 'estimated' },
      { kind: 'lthr', value: 170, effectiveFrom: '2026-11-01', source: 'estimated' },
    ];
    expect(thresholdInEffect(rows, 'ftp', '2026-05-31', false)).toMatchObject({
      value: 240,
      source: 'manual',
      effectiveFrom: '2026-01-01',
    });
    expect(thresholdInEffect(rows, 'ftp', '2026-06-01', false)).toMatchObject({ value: 260 });
    expect(thresholdInEffect(rows, 'ftp', '2025-12-31', false)).toMatchObject({ value: 275, source: 'estimated' });
    expect(thresholdInEffect(rows, 'lthr', '2026-11-20', false)).toMatchObject({ value: 170, source: 'estimated' });
    // A coach's view takes the athlete's own values only.
    expect(thresholdInEffect(rows, 'lthr', '2026-11-20', true)).toBeNull();
  });

  it('shares its pace and power bounds with the plan generator’s zones, so Z2 means one thing', () => {
    expect(ZONE_MODELS.RUN_PACE.bounds).toEqual([2, 3, 4, 5].map((z) => ZONES.run[z as 2 | 3 | 4 | 5][0]));
    expect(ZONE_MODELS.SWIM_PACE.bounds).toEqual([2, 3, 4, 5].map((z) => ZONES.swim[z as 2 | 3 | 4 | 5][0]));
    expect(ZONE_MODELS.POWER.bounds.slice(0, 4)).toEqual([1, 2, 3, 4].map((z) => ZONES.bike[z as 1 | 2 | 3 | 4][1]));
  });
});
