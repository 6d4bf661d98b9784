// Applying a CutPlan to a track (ADR 082): what another person's map, polyline, streams and preview may
// show, and the rounded totals beside them. Pure. The athlete's own views and statistics use the whole
// activity; only what others see goes through here.
import { encodePolyline, type LatLon, metresBetween } from '../../lib/geo';
import type { CutPlan, HiddenDisc } from './privacy-zones';

/** A recorded track: parallel arrays, seconds since the start and cumulative metres. */
export interface Track {
  lat: readonly number[];
  lon: readonly number[];
  t: readonly number[];
  distanceM: readonly number[];
}

/** A visible stretch between hidden ones. */
export interface VisibleSegment {
  points: LatLon[];
  /** Re-based: the first visible point is 0 s / 0 m and hidden stretches take no time or distance. */
  t: number[];
  distanceM: number[];
  /** This segment alone (a gap is never drawn as a line across what is hidden). */
  polyline: string;
}

export interface VisibleTrack {
  segments: VisibleSegment[];
}

const inside = (p: LatLon, d: HiddenDisc) => metresBetween(d, p) <= d.radiusM;
const pointAt = (track: Track, i: number): LatLon => ({ lat: track.lat[i]!, lon: track.lon[i]! });

/** The first index (from the start, or from the end) that lies `endsM` along the track from that end. */
function pastEnds(track: Track, endsM: number, fromEnd: boolean): number {
  const n = track.lat.length;
  const edge = track.distanceM[fromEnd ? n - 1 : 0]!;
  for (let k = 0; k < n; k++) {
    const i = fromEnd ? n - 1 - k : k;
    if (Math.abs(track.distanceM[i]! - edge) >= endsM) return i;
  }
  return -1;
}

/** What others may see of `track` under `plan`: empty when nothing is left. */
export function cutTrack(track: Track, plan: CutPlan): VisibleTrack {
  const n = track.lat.length;
  if (plan.wholeMap || n < 2) return { segments: [] };
  const from = pastEnds(track, plan.endsM, false);
  const to = pastEnds(track, plan.endsM, true);
  if (from < 0 || to < 0 || to <= from) return { segments: [] };

  // The ends' discs protect their places for the whole activity, as address zones do: a loop that passes
  // its start again mid-way is cut there too.
  const discs = [...plan.zones, ...(plan.start ? [plan.start] : []), ...(plan.end ? [plan.end] : [])];
  const runs: number[][] = [];
  let run: number[] = [];
  for (let i = from; i <= to; i++) {
    if (discs.some((d) => inside(pointAt(track, i), d))) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(i);
  }
  if (run.length) runs.push(run);

  const segments: VisibleSegment[] = [];
  let tBase = 0;
  let dBase = 0;
  for (const idx of runs.filter((r) => r.length >= 2)) {
    const t0 = track.t[idx[0]!]!;
    const d0 = track.distanceM[idx[0]!]!;
    const points = idx.map((i) => pointAt(track, i));
    const t = idx.map((i) => tBase + track.t[i]! - t0);
    const distanceM = idx.map((i) => dBase + track.distanceM[i]! - d0);
    tBase = t[t.length - 1]!;
    dBase = distanceM[distanceM.length - 1]!;
    segments.push({ points, t, distanceM, polyline: encodePolyline(points) });
  }
  return { segments };
}

/** An activity's totals as others see them. */
export interface SharedTotals {
  distanceM: number;
  movingTimeS: number;
  elapsedTimeS: number;
}

/**
 * Totals on others' views: distance to 0.1 km and times to the minute. Whole-activity totals beside a
 * cut map tell the viewer how much was hidden; rounded, the hidden length is known only to ±50 m and
 * its time to ±30 s, less than the per-activity spread of the cut (≥ 0.4 × the radius), and 0.1 km and
 * whole minutes are what an athlete reads on a feed anyway.
 */
export function sharedTotals(t: SharedTotals): SharedTotals {
  return {
    distanceM: Math.round(t.distanceM / 100) * 100,
    movingTimeS: Math.round(t.movingTimeS / 60) * 60,
    elapsedTimeS: Math.round(t.elapsedTimeS / 60) * 60,
  };
}
