// The follower's estimates of a home from shared runs (ADR 082, issue 55): each run's visible first and last
// points, kept when within 1.5 km of their coordinate-wise median (a far end is a run that ended elsewhere),
// then the centroid, the coordinate-wise median, a circle fit, and the "2 × centre of mass − circle centre"
// combination that undoes a disc shifted in one direction (its exits average to home plus half the shift).
import { fromLocal, type LatLon, metresBetween, toLocal } from '../../lib/geo';
import { fitCircle, median, prng } from './privacy-attack.testing';
import type { Track, VisibleTrack } from './privacy-cut';

/** The first and last visible points of a cut run (none when nothing is shown). */
export function visibleEnds(v: VisibleTrack): LatLon[] {
  if (v.segments.length === 0) return [];
  const last = v.segments[v.segments.length - 1]!;
  return [v.segments[0]!.points[0]!, last.points[last.points.length - 1]!];
}

export interface Estimates {
  centroid: LatLon;
  median: LatLon;
  circle: LatLon;
  twoCentroidMinusCircle: LatLon;
  twoMedianMinusCircle: LatLon;
}

export const ESTIMATORS = ['centroid', 'median', 'circle', 'twoCentroidMinusCircle', 'twoMedianMinusCircle'] as const;

/** Every estimate the follower makes from `ends` (at least 3 kept points), or null when too few are left. */
export function estimateHome(ends: readonly LatLon[]): Estimates | null {
  if (ends.length < 3) return null;
  const ref = ends[0]!;
  const xy = ends.map((p) => toLocal(ref, p));
  const mid = { x: median(xy.map((p) => p.x)), y: median(xy.map((p) => p.y)) };
  const kept = xy.filter((p) => Math.hypot(p.x - mid.x, p.y - mid.y) <= 1500);
  if (kept.length < 3) return null;
  const c = { x: kept.reduce((s, p) => s + p.x, 0) / kept.length, y: kept.reduce((s, p) => s + p.y, 0) / kept.length };
  const m = { x: median(kept.map((p) => p.x)), y: median(kept.map((p) => p.y)) };
  const f = toLocal(ref, fitCircle(kept.map((p) => fromLocal(ref, p.x, p.y))).centre);
  return {
    centroid: fromLocal(ref, c.x, c.y),
    median: fromLocal(ref, m.x, m.y),
    circle: fromLocal(ref, f.x, f.y),
    twoCentroidMinusCircle: fromLocal(ref, 2 * c.x - f.x, 2 * c.y - f.y),
    twoMedianMinusCircle: fromLocal(ref, 2 * m.x - f.x, 2 * m.y - f.y),
  };
}

/** How far each estimate lands from `home`, in metres. */
export function missesOf(e: Estimates, home: LatLon): Record<(typeof ESTIMATORS)[number], number> {
  return Object.fromEntries(ESTIMATORS.map((k) => [k, metresBetween(e[k], home)])) as Record<(typeof ESTIMATORS)[number], number>;
}

/**
 * A run that leaves `home` on `bearingRad` (0 = east) and comes back on a bearing up to 40° away, along
 * gently bending roads (the attacker's best case: every exit lies close to the ray it left on), ~3 m/s,
 * one sample a second, 5 m of GPS noise.
 */
export function radialRun(home: LatLon, bearingRad: number, seed: number): Track {
  const r = prng(seed);
  const leg = 2000 + 2000 * r();
  const back = bearingRad + ((r() * 2 - 1) * 40 * Math.PI) / 180;
  const path: { x: number; y: number }[] = [];
  const walk = (heading: number) => {
    const pts = [{ x: 0, y: 0 }];
    let h = heading;
    for (let d = 3; d <= leg; d += 3) {
      h += ((r() * 2 - 1) * 0.5 * Math.PI) / 180 + (heading - h) * 0.01;
      const p = pts[pts.length - 1]!;
      pts.push({ x: p.x + 3 * Math.cos(h), y: p.y + 3 * Math.sin(h) });
    }
    return pts;
  };
  const out = walk(bearingRad);
  const home2 = walk(back).reverse();
  path.push(...out, ...home2);
  const lat: number[] = [];
  const lon: number[] = [];
  const t: number[] = [];
  const distanceM: number[] = [];
  let dist = 0;
  path.forEach((p, i) => {
    const q = fromLocal(home, p.x + 5 * (r() - 0.5), p.y + 5 * (r() - 0.5));
    if (i > 0) dist += Math.hypot(p.x - path[i - 1]!.x, p.y - path[i - 1]!.y);
    lat.push(q.lat);
    lon.push(q.lon);
    t.push(i);
    distanceM.push(dist);
  });
  return { lat, lon, t, distanceM };
}
