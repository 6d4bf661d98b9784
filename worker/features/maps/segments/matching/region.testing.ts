// A synthetic riding region for the matching bench: roads as smooth random paths (heading wandering a few degrees
// every 10 m, a junction turn every 1–3 km, kept inside the region), rides along them at 1 Hz with GPS noise, and
// segments cut from the roads. Seeded, so every run matches the same region.
import { fromLocal, type LatLon } from '../../../../lib/geo';
import type { Track } from '../../tracks/track.calc';
import { type XY, ORIGIN, seeded } from './matching.testing';
import { pathLength } from './path.calc';

export interface Region {
  rnd: () => number;
  halfM: number;
}

export const region = (seed: number, halfM = 25_000): Region => ({ rnd: seeded(seed), halfM });

const gauss = (rnd: () => number) => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

/** A road of `lengthM` from `from` (metres east/north of the region's centre), a point every 10 m. */
export function road(r: Region, lengthM: number, from?: XY, heading?: number): XY[] {
  let [x, y] = from ?? [(r.rnd() * 2 - 1) * r.halfM, (r.rnd() * 2 - 1) * r.halfM];
  let h = heading ?? r.rnd() * 2 * Math.PI;
  let nextTurn = 1000 + r.rnd() * 2000;
  const out: XY[] = [[x, y]];
  for (let m = 10; m <= lengthM; m += 10) {
    h += gauss(r.rnd) * 0.03;
    if (m >= nextTurn) {
      h += (r.rnd() < 0.5 ? -1 : 1) * (Math.PI / 2) * (0.6 + 0.4 * r.rnd());
      nextTurn = m + 1000 + r.rnd() * 2000;
    }
    // Near the edge, steer back towards the middle.
    if (Math.abs(x) > r.halfM || Math.abs(y) > r.halfM) h = Math.atan2(-y, -x) + gauss(r.rnd) * 0.3;
    x += 10 * Math.cos(h);
    y += 10 * Math.sin(h);
    out.push([x, y]);
  }
  return out;
}

/** A ride along `path` at `speed` m/s (±20 % as the road rises and falls), one point a second, `noiseM` of GPS noise. */
export function rideAlong(r: Region, path: XY[], speed: number, noiseM: number): Track {
  const out: Track = { lat: [], lon: [], t: [] };
  let t = 0;
  let at = 0;
  let i = 1;
  let segStart = 0;
  const len = (k: number) => Math.hypot(path[k]![0] - path[k - 1]![0], path[k]![1] - path[k - 1]![1]);
  let segLen = len(1);
  for (;;) {
    while (at > segStart + segLen && i < path.length - 1) {
      segStart += segLen;
      i++;
      segLen = len(i);
    }
    if (at > segStart + segLen) break;
    const u = segLen ? (at - segStart) / segLen : 0;
    const [x0, y0] = path[i - 1]!;
    const [x1, y1] = path[i]!;
    const p = fromLocal(ORIGIN, x0 + (x1 - x0) * u + gauss(r.rnd) * noiseM, y0 + (y1 - y0) * u + gauss(r.rnd) * noiseM);
    out.lat.push(p.lat);
    out.lon.push(p.lon);
    out.t.push(t++);
    at += speed * (0.8 + 0.4 * r.rnd());
  }
  return out;
}

/** The points of `path` from metre `fromM` for `lengthM` (10 m apart), as positions. */
export function stretch(path: XY[], fromM: number, lengthM: number): LatLon[] {
  const a = Math.max(0, Math.round(fromM / 10));
  const b = Math.min(path.length - 1, a + Math.round(lengthM / 10));
  return path.slice(a, b + 1).map(([x, y]) => fromLocal(ORIGIN, x, y));
}

/** A segment as matching reads it: its points and length. */
export const segmentOf = (points: LatLon[]) => ({ points, distanceM: pathLength(points) });
