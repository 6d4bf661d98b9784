// Hand-made tracks for the matcher's tests and bench: routes drawn in metres east/north of a point in London,
// ridden at a steady speed at 1 Hz, with seeded GPS noise.
import { fromLocal, type LatLon } from '../../../../lib/geo';
import type { Track } from '../../tracks/track.calc';
import { type SegmentPath, segmentPathOf } from './path.calc';

export const ORIGIN: LatLon = { lat: 51.5, lon: -0.12 };

export type XY = [x: number, y: number];

/** A deterministic generator (mulberry32), so noisy tests fail the same way every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The route through `corners` (metres) at `speed` m/s, one point a second, each moved by up to `noiseM`. */
export function ride(corners: XY[], opts: { speed?: number; noiseM?: number; seed?: number; startS?: number } = {}): Track {
  const speed = opts.speed ?? 8;
  const noise = opts.noiseM ?? 0;
  const rnd = seeded(opts.seed ?? 1);
  const out: Track = { lat: [], lon: [], t: [] };
  let t = opts.startS ?? 0;
  let carry = 0;
  const push = (x: number, y: number) => {
    // Uniform in a disc of radius `noise`: a fair stand-in for a receiver's wander around the truth.
    const r = noise * Math.sqrt(rnd());
    const a = 2 * Math.PI * rnd();
    const p = fromLocal(ORIGIN, x + r * Math.cos(a), y + r * Math.sin(a));
    out.lat.push(p.lat);
    out.lon.push(p.lon);
    out.t.push(t++);
  };
  for (let c = 1; c < corners.length; c++) {
    const [x0, y0] = corners[c - 1]!;
    const [x1, y1] = corners[c]!;
    const len = Math.hypot(x1 - x0, y1 - y0);
    let at = carry;
    for (; at < len; at += speed) push(x0 + ((x1 - x0) * at) / len, y0 + ((y1 - y0) * at) / len);
    carry = at - len;
  }
  const [lx, ly] = corners.at(-1)!;
  push(lx, ly);
  return out;
}

/** One track after another, the second's seconds following on. */
export function join(a: Track, b: Track): Track {
  const shift = a.t.at(-1)! + 1 - b.t[0]!;
  return { lat: [...a.lat, ...b.lat], lon: [...a.lon, ...b.lon], t: [...a.t, ...b.t.map((s) => s + shift)] };
}

/** The segment along `corners`, cut from a clean ride of it. */
export function segmentAlong(corners: XY[]): SegmentPath {
  const track = ride(corners, { speed: 5 });
  return segmentPathOf(track, 0, track.t.at(-1)!)!;
}

/** The second a noise-free ride at `speed` from corners[0] reaches metre `m` along the route. */
export const secondAt = (m: number, speed = 8) => m / speed;
