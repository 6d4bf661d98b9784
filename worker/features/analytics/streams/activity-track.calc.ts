// A stored activity's streams decoded once into full-resolution series, and the 1-Hz grids the range
// figures, splits and zones read (the same grids the derived facts use: calc/stream-grid.calc.ts).

import { POSITION_SCALE } from '../../../db/schema/activity-columns';
import { deltaDecode } from '../../../lib/delta-code';
import type { ActivityStreams, Sport } from '../../activities';
import { gradedFromSamples } from '../calc/grade.calc';
import { STREAM_DISTANCE_MAX_DIFF } from '../calc/derive-facts.calc';
import { cumulative, divided, type LostSpans, lost, pauseGapS, series, zeroed } from '../calc/stream-grid.calc';

/** The channels a chart can show, in the order the page stacks them. */
export const CHANNELS = ['speed', 'gap', 'hr', 'power', 'cadence', 'altitude'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ActivityTrack {
  sport: Sport;
  n: number;
  /** Seconds since the start, per sample. */
  t: Float64Array;
  /** Metres covered at each sample (the device's or provider's own, else integrated speed). */
  distanceM: Float64Array;
  /** Whether `distanceM` came from speed rather than a distance channel. */
  distanceFromSpeed: boolean;
  /** Per-sample values in display units: m/s, bpm, W, rpm (spm for runs), m. Absent: not recorded. */
  values: Partial<Record<Channel, Float64Array>>;
  lat: Float64Array | null;
  lng: Float64Array | null;
  /** A sample interval longer than this is a pause (stream-grid.calc). */
  gapS: number;
  /** 1-Hz grids over seconds 0..last: NaN inside pauses and where a sensor was lost (speed, HR, power, cadence), altitude held. */
  grid: Partial<Record<Channel, Float64Array>>;
  /** Where the heart-rate or power sensor sent nothing (NaN in its grid, unlike a pause never counted as 0 W). */
  missing: { hr?: LostSpans; power?: LostSpans };
}

const f64 = (xs: number[], k = 1) => Float64Array.from(xs, (v) => v / k);

/** Foot sports' cadence is stored per foot, as devices and Strava record it; athletes read steps a minute. */
export const cadenceScale = (sport: Sport): number => (sport === 'run' || sport === 'walk' || sport === 'hike' ? 2 : 1);
// A channel is drawn when it carries some signal (an all-zero power meter is a missing one).
const signal = (xs: number[] | undefined): xs is number[] => !!xs && xs.length > 0 && xs.some((v) => v > 0);

/**
 * Decodes stored streams. `activityDistanceM` is the activity's own distance: without a distance
 * channel, integrated speed within 10 % of it is scaled to it (as the derived facts do), so splits add
 * up to the distance the athlete sees. Null when there are fewer than two samples.
 */
export function decodeTrack(s: ActivityStreams, sport: Sport, activityDistanceM: number): ActivityTrack | null {
  const n = s.t.length;
  if (n < 2) return null;
  const t = f64(s.t);
  const gapS = pauseGapS(s.t);
  const values: ActivityTrack['values'] = {};
  if (signal(s.speedCms)) values.speed = f64(s.speedCms, 100);
  if (signal(s.hr)) values.hr = f64(s.hr);
  if (signal(s.power)) values.power = f64(s.power);
  if (signal(s.cadence)) values.cadence = Float64Array.from(s.cadence, (v) => v * cadenceScale(sport));
  if (s.altitudeDm?.length) values.altitude = f64(s.altitudeDm, 10);

  let distanceM: Float64Array;
  let distanceFromSpeed = false;
  if (s.distanceDmDelta?.length === n) {
    // Never backwards, so a distance can be looked up by bisection.
    distanceM = f64(deltaDecode(s.distanceDmDelta), 10);
    for (let i = 1; i < n; i++) if (distanceM[i]! < distanceM[i - 1]!) distanceM[i] = distanceM[i - 1]!;
  } else if (s.speedCms?.length === n) {
    distanceFromSpeed = true;
    distanceM = cumulative(s.t, s.speedCms, gapS);
    const streamM = distanceM[n - 1]!;
    if (streamM > 0 && activityDistanceM > 0 && Math.abs(streamM - activityDistanceM) <= activityDistanceM * STREAM_DISTANCE_MAX_DIFF) {
      const k = activityDistanceM / streamM;
      distanceM = distanceM.map((m) => m * k);
    }
  } else distanceM = new Float64Array(n);

  const positioned = s.latE6Delta?.length === n && s.lngE6Delta?.length === n;
  const grid: ActivityTrack['grid'] = effortGrids(s, gapS);
  if (values.cadence) grid.cadence = series(s.t, values.cadence, 'gap', gapS);
  if (values.altitude) grid.altitude = divided(series(s.t, s.altitudeDm!, 'hold', gapS), 10);
  // Grade-adjusted pace for runs: Minetti's cost of running (calc/grade.calc.ts, ADR 007 and 032).
  if (sport === 'run' && grid.speed && s.altitudeDm?.length) {
    grid.gap = gradedFromSamples(s.t, zeroed(grid.speed), s.altitudeDm, gapS);
    values.gap = Float64Array.from(s.t, (sec) => grid.gap![Math.min(grid.gap!.length - 1, Math.max(0, Math.round(sec)))] ?? 0);
  }
  return {
    sport,
    n,
    t,
    distanceM,
    distanceFromSpeed,
    values,
    lat: positioned ? f64(deltaDecode(s.latE6Delta!), POSITION_SCALE) : null,
    lng: positioned ? f64(deltaDecode(s.lngE6Delta!), POSITION_SCALE) : null,
    gapS,
    grid,
    missing: s.missing ?? {},
  };
}

/**
 * Only the speed, heart-rate and power grids, as decodeTrack makes them: what a duration curve reads, without
 * decoding positions, altitude or grade (a 4-hour ride's curves are kept inside the activity write). A lost
 * sensor's seconds are NaN, as a pause's are (`missing` tells them apart).
 */
export function effortGrids(s: ActivityStreams, gapS: number = pauseGapS(s.t)): Pick<ActivityTrack['grid'], 'speed' | 'hr' | 'power'> {
  const grid: Pick<ActivityTrack['grid'], 'speed' | 'hr' | 'power'> = {};
  if (s.t.length < 2) return grid;
  if (signal(s.speedCms)) grid.speed = divided(series(s.t, s.speedCms, 'gap', gapS), 100);
  if (signal(s.hr)) grid.hr = lost(series(s.t, s.hr, 'gap', gapS), s.missing?.hr);
  if (signal(s.power)) grid.power = lost(series(s.t, s.power, 'gap', gapS), s.missing?.power);
  return grid;
}

/** The first sample index at or after `sec` (n when none). */
export function indexAt(t: Float64Array, sec: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < sec) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Metres covered at `sec`, interpolated between samples. */
export function distanceAt(track: ActivityTrack, sec: number): number {
  const { t, distanceM } = track;
  const i = indexAt(t, sec);
  if (i <= 0) return distanceM[0]!;
  if (i >= t.length) return distanceM[t.length - 1]!;
  const t0 = t[i - 1]!;
  const t1 = t[i]!;
  return t1 === t0 ? distanceM[i]! : distanceM[i - 1]! + ((distanceM[i]! - distanceM[i - 1]!) * (sec - t0)) / (t1 - t0);
}

/** The second at which `metres` were first reached, interpolated between samples (null: never). */
export function timeAtDistance(track: ActivityTrack, metres: number): number | null {
  const { t, distanceM } = track;
  let lo = 0;
  let hi = track.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (distanceM[mid]! < metres) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= track.n) return null;
  if (lo === 0) return t[0]!;
  const d0 = distanceM[lo - 1]!;
  const d1 = distanceM[lo]!;
  return d1 === d0 ? t[lo]! : t[lo - 1]! + ((t[lo]! - t[lo - 1]!) * (metres - d0)) / (d1 - d0);
}
