// The attacker's side of the privacy-zone tests (ADR 082): road-like tracks from one home with GPS noise,
// the cut points an observer can collect, and a least-squares circle fit (Kasa's algebraic fit refined by
// Gauss–Newton on the geometric distances). Deterministic for a seed.
import { fromLocal, type LatLon, toLocal } from '../../lib/geo';
import type { Track, VisibleTrack } from './privacy-cut';
import { mulberry32 } from '../../lib/random';

/** Seeded uniform numbers in [0, 1): the same seed, the same data on every run. */
export const prng = mulberry32;

const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

/**
 * A path of `lengthM` metres from (0, 0) along a street grid (blocks of 70–160 m, the grid turned by
 * `gridAngle`): a short first leg to the street in a random direction, then straight on at most
 * crossings, left or right at about a third of them, never back.
 */
function streetWalk(r: () => number, lengthM: number, gridAngle: number, stepM: number): { x: number; y: number }[] {
  const pts = [{ x: 0, y: 0 }];
  let x = 0;
  let y = 0;
  let heading = gridAngle + Math.floor(r() * 4) * (Math.PI / 2);
  // The door to the street: 10–40 m in a direction of its own.
  const doorAngle = r() * 2 * Math.PI;
  const door = 10 + 30 * r();
  let walked = 0;
  for (let s = stepM; s <= door; s += stepM, walked += stepM) {
    x = s * Math.cos(doorAngle);
    y = s * Math.sin(doorAngle);
    pts.push({ x, y });
  }
  let toCrossing = 70 + 90 * r();
  while (walked < lengthM) {
    x += stepM * Math.cos(heading);
    y += stepM * Math.sin(heading);
    walked += stepM;
    pts.push({ x, y });
    toCrossing -= stepM;
    if (toCrossing <= 0) {
      if (r() < 0.35) heading += (r() < 0.5 ? 1 : -1) * (Math.PI / 2);
      toCrossing = 70 + 90 * r();
    }
  }
  return pts;
}

export interface HomeRun {
  track: Track;
  id: string;
}

/**
 * One run from `home` and back at ~3 m/s, one sample a second: out along one street walk, back along
 * another (reversed), joined by a straight stretch, with GPS noise (an AR(1) error of ~4 m, correlated
 * over ~20 s, plus 1 m of white noise).
 */
export function homeRun(home: LatLon, seed: number, id: string): HomeRun {
  const r = prng(seed);
  const speed = 2.6 + 0.8 * r();
  const gridAngle = r() * (Math.PI / 2);
  const leg = 1800 + 2000 * r();
  const out = streetWalk(r, leg, gridAngle, speed);
  const back = streetWalk(r, leg, gridAngle, speed).reverse();
  const a = out[out.length - 1]!;
  const b = back[0]!;
  const gap = Math.hypot(b.x - a.x, b.y - a.y);
  const middle: { x: number; y: number }[] = [];
  for (let s = speed; s < gap; s += speed) middle.push({ x: a.x + ((b.x - a.x) * s) / gap, y: a.y + ((b.y - a.y) * s) / gap });
  const truth = [...out, ...middle, ...back];

  const rho = Math.exp(-1 / 20);
  const innov = 4 * Math.sqrt(1 - rho * rho);
  let ex = 4 * gauss(r);
  let ey = 4 * gauss(r);
  const lat: number[] = [];
  const lon: number[] = [];
  const t: number[] = [];
  const distanceM: number[] = [];
  let dist = 0;
  truth.forEach((p, i) => {
    ex = rho * ex + innov * gauss(r);
    ey = rho * ey + innov * gauss(r);
    const q = fromLocal(home, p.x + ex + gauss(r), p.y + ey + gauss(r));
    if (i > 0) dist += Math.hypot(p.x - truth[i - 1]!.x, p.y - truth[i - 1]!.y);
    lat.push(q.lat);
    lon.push(q.lon);
    t.push(i);
    distanceM.push(dist);
  });
  return { track: { lat, lon, t, distanceM }, id };
}

/** The points an observer sees where the map was cut: each visible segment's ends. */
export function cutPoints(visible: VisibleTrack): LatLon[] {
  return visible.segments.flatMap((s) => [s.points[0]!, s.points[s.points.length - 1]!]);
}

function solve3(m: number[][], v: number[]): number[] | null {
  const a = m.map((row, i) => [...row, v[i]!]);
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-12) return null;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 4; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return [a[0]![3]! / a[0]![0]!, a[1]![3]! / a[1]![1]!, a[2]![3]! / a[2]![2]!];
}

/** Least-squares circle through points: Kasa's algebraic fit, then Gauss–Newton on the geometric residuals. */
export function fitCircle(points: readonly LatLon[]): { centre: LatLon; radiusM: number } {
  const ref = points[0]!;
  const xy = points.map((p) => toLocal(ref, p));
  // Kasa: x² + y² + D x + E y + F = 0 in least squares (normal equations).
  const ata = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const atb = [0, 0, 0];
  for (const { x, y } of xy) {
    const row = [x, y, 1];
    const rhs = -(x * x + y * y);
    for (let i = 0; i < 3; i++) {
      atb[i]! += row[i]! * rhs;
      for (let j = 0; j < 3; j++) ata[i]![j]! += row[i]! * row[j]!;
    }
  }
  const k = solve3(ata, atb) ?? [0, 0, 0];
  let a = -k[0]! / 2;
  let b = -k[1]! / 2;
  let rad = Math.sqrt(Math.max(0, a * a + b * b - k[2]!));
  for (let iter = 0; iter < 30; iter++) {
    const jtj = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const jtr = [0, 0, 0];
    for (const { x, y } of xy) {
      const d = Math.hypot(x - a, y - b) || 1e-9;
      const res = d - rad;
      const j = [-(x - a) / d, -(y - b) / d, -1];
      for (let i = 0; i < 3; i++) {
        jtr[i]! -= j[i]! * res;
        for (let m = 0; m < 3; m++) jtj[i]![m]! += j[i]! * j[m]!;
      }
    }
    const step = solve3(jtj, jtr);
    if (!step) break;
    a += step[0]!;
    b += step[1]!;
    rad += step[2]!;
    if (Math.hypot(step[0]!, step[1]!) < 1e-3) break;
  }
  return { centre: fromLocal(ref, a, b), radiusM: Math.abs(rad) };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
