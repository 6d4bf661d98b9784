import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import { type ThresholdRow, thresholdTimeline } from '../calc/thresholds.calc';
import { factsFor, loadFor } from '../training-load.calc';
import type { MetricSourceRow } from '../training-load.repo';
import { ZONES } from '../../plans/generator/plan-rules';
import { decodeTrack } from './activity-track.calc';
import { type ThresholdUsed, type ZoneTable, ZONE_MODELS, zoneThreshold, zonesOf } from './zones.calc';
import { mulberry32 } from '../../../lib/random';

/** A 1-Hz ride of `n` seconds wandering across every zone, with a 5-minute auto-pause in the middle. */
function ride(n: number): ActivityStreams {
  const r = mulberry32(7);
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
  inEffect: value,
  source: 'manual',
  effectiveFrom: '2026-01-01',
  raisedBy: null,
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
      // 200: above the recording's own maximum (195 at most), which would raise it (the next test).
      zonesOf(track, (k) => (k === 'max_hr' ? used('max_hr', 200) : null)),
      'hr',
    );
    expect(byMax.threshold.kind).toBe('max_hr');
    expect(byMax.threshold.raisedBy).toBeNull();
    // One model per sport (issue 55): Friel's ride zones of the threshold HR max HR implies (89 % of 200 = 178),
    // not separate 60/70/80/90 % bands of max HR.
    expect(byMax.zones.map((z) => z.high)).toEqual([144.18, 160.2, 167.32, 178, null]);
  });

  it('uses the value in effect on the activity’s day: the latest manual one dated before it, else an estimate dated before it', () => {
    const rows: ThresholdRow[] = [
      { kind: 'ftp', value: 240, effectiveFrom: '2026-01-01', source: 'manual' },
      { kind: 'ftp', value: 260, effectiveFrom: '2026-06-01', source: 'manual' },
      { kind: 'ftp', value: 275, effectiveFrom: '2026-11-01', source: 'estimated' },
      { kind: 'lthr', value: 170, effectiveFrom: '2026-11-01', source: 'estimated' },
    ];
    const on = (day: string, kind: ThresholdUsed['kind'], r = rows) =>
      zoneThreshold(thresholdTimeline(r).inEffect(day), undefined, kind, day);
    expect(on('2026-05-31', 'ftp')).toEqual({
      kind: 'ftp',
      value: 240,
      inEffect: 240,
      source: 'manual',
      effectiveFrom: '2026-01-01',
      raisedBy: null,
    });
    expect(on('2026-06-01', 'ftp')).toMatchObject({ value: 260 });
    // The athlete's own value wins over a later estimate; before every value there is none (no estimate from the future).
    expect(on('2026-11-20', 'ftp')).toMatchObject({ value: 260, source: 'manual' });
    expect(on('2025-12-31', 'ftp')).toBeNull();
    expect(on('2026-10-31', 'lthr')).toBeNull();
    expect(on('2026-11-20', 'lthr')).toMatchObject({ value: 170, source: 'estimated', effectiveFrom: '2026-11-01' });
    // A coach's view takes the athlete's own values only.
    expect(
      on(
        '2026-11-20',
        'lthr',
        rows.filter((r) => r.source === 'manual'),
      ),
    ).toBeNull();
  });

  it('draws zones from the threshold the load used: a 2013 ride with a 312 W 20-min best is not 78 % zone 7 of a 2026 FTP of 143 W', () => {
    // 78 min: 22 % easy at 150 W, the rest at 300 W with its best 20 minutes at 312 W (issue 37).
    const n = 4680;
    const t = Array.from({ length: n }, (_, i) => i);
    const power = t.map((s) => (s < 1030 ? 150 : s >= 1800 && s < 3000 ? 312 : 300));
    const streams: ActivityStreams = { t, power };
    const row: MetricSourceRow = {
      id: 'ride-2013',
      sport: 'ride',
      localDate: '2013-06-01',
      movingTimeS: n,
      distanceM: n * 9,
      avgHr: null,
      maxHr: null,
      avgPower: power.reduce((x, y) => x + y, 0) / n,
      normalizedPower: null,
      bestEfforts: [],
      sportInferred: false,
      implausibleEffort: false,
    };
    const timeline = thresholdTimeline([{ kind: 'ftp', value: 143, effectiveFrom: '2026-01-10', source: 'estimated' }]);
    const facts = factsFor(row, streams, timeline);
    const load = loadFor(row, facts, timeline);
    const track = decodeTrack(streams, 'ride', row.distanceM)!;
    const inEffect = timeline.inEffect(row.localDate);
    // What the card showed before ADR 065: the 2026 estimate of 143 W taken for 2013.
    const old143 = thresholdTimeline([{ kind: 'ftp', value: 143, effectiveFrom: '2013-01-01', source: 'estimated' }]).inEffect(
      row.localDate,
    );

    // Independent count: seconds at or above 150 % of each FTP, over the raw samples.
    const z7 = (ftp: number) => power.filter((w) => w >= 1.5 * ftp).length / n;
    const share = (tables: ZoneTable[]) => {
      const p = ok(tables, 'power');
      return p.zones[6]!.seconds / p.totalS;
    };
    // 143 W alone (what the card showed): 78 % of the ride in zone 7.
    expect(share(zonesOf(track, (k) => zoneThreshold(old143, undefined, k, row.localDate)))).toBeCloseTo(z7(143), 3);
    expect(z7(143)).toBeCloseTo(0.78, 2);

    // Now no FTP is in effect in 2013 (the estimate is dated 2026): the load's threshold is the ride's own 0.95 × 312 W,
    // and zones use exactly it, saying it comes from the activity.
    expect(inEffect.ftp).toBeUndefined();
    const tables = zonesOf(track, (k) => zoneThreshold(inEffect, load.basis, k, row.localDate));
    const p = ok(tables, 'power');
    expect(load.basis).toMatchObject({ kind: 'ftp', inEffect: null, raisedBy: 'best_20min' });
    expect(p.threshold).toEqual({
      kind: 'ftp',
      value: load.basis!.used,
      inEffect: null,
      source: 'activity',
      effectiveFrom: '2013-06-01',
      raisedBy: 'best_20min',
    });
    expect(p.threshold.value).toBeCloseTo(0.95 * 312, 6);
    expect(share(tables)).toBe(0);
    // 300 W is threshold (Z4: 266.8–311.2 W), 312 W VO2max (Z5), 150 W recovery (Z1).
    expect(p.zones.map((z) => z.seconds)).toEqual([1030, 0, 0, n - 1030 - 1200, 1200, 0, 0]);
  });

  it('shares its pace and power bounds with the plan generator’s zones, so Z2 means one thing', () => {
    expect(ZONE_MODELS.RUN_PACE.bounds).toEqual([2, 3, 4, 5].map((z) => ZONES.run[z as 2 | 3 | 4 | 5][0]));
    expect(ZONE_MODELS.SWIM_PACE.bounds).toEqual([2, 3, 4, 5].map((z) => ZONES.swim[z as 2 | 3 | 4 | 5][0]));
    expect(ZONE_MODELS.POWER.bounds.slice(0, 4)).toEqual([1, 2, 3, 4].map((z) => ZONES.bike[z as 1 | 2 | 3 | 4][1]));
  });

  it('never draws max-HR zones below the recording’s own maximum (issue 37: 172 bpm in effect, 176 bpm on the page)', () => {
    const s = ride(600);
    s.hr![10] = 250; // a strap's glitch is not a maximum
    const top = Math.max(...s.hr!.filter((v) => v <= 230));
    const track = decodeTrack(s, 'ride', 0)!;
    const hr = ok(
      zonesOf(track, (k) => (k === 'max_hr' ? used('max_hr', 172) : null)),
      'hr',
    );
    expect(hr.threshold).toMatchObject({ kind: 'max_hr', value: top, inEffect: 172, raisedBy: 'own_max_hr' });
    expect(hr.zones.map((z) => z.high)).toEqual(
      ZONE_MODELS.HR_MAX_RIDE.bounds.map((f) => Math.round(f * top * 1000) / 1000).concat([null as never]),
    );
    // The top zone holds only the seconds at or above the threshold HR of that maximum (89 %), never the whole hard part.
    const ref = s.hr!.filter((v) => v >= 0.89 * top && v <= 230).length + 1;
    expect(hr.zones[4]!.seconds).toBe(ref);
    // LTHR zones are not bounded by a maximum.
    expect(
      ok(
        zonesOf(track, (k) => (k === 'lthr' ? used('lthr', 150) : null)),
        'hr',
      ).threshold.raisedBy,
    ).toBeNull();
  });
});
