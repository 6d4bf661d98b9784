// Distance, moving time and per-point speed of a track (rules: the header of track.ts).
import type { QualityNotes } from '../../activities/index.ts';

export const EARTH_RADIUS_M = 6_371_000;
export const MAX_MOVING_GAP_S = 10;
export const MIN_MOVING_SPEED_MPS = 0.5;
// A run of this many rejected positions that agree with each other means the reference was the bad one.
const REANCHOR_AFTER = 5;

/** The builder's position columns (NaN = absent); `seg` marks the first point of a segment. */
export interface MotionColumns {
  lat: number[];
  lon: number[];
  dist: number[];
  seg: boolean[];
}

export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Distance, moving time and per-point speed from accepted positions (or the device's distance), with the
 * distance covered by each point (`cumM`, empty without any position or distance) and which positions
 * were accepted (`positionOk`: a glitch rejected here stays off the drawn route too).
 */
export function trackMotion(cols: MotionColumns, tS: number[], maxV: number, stated: number[], notes: QualityNotes) {
  const n = tS.length;
  const cumM = new Array<number>(n).fill(0);
  const positionOk = new Uint8Array(n);
  const byDevice = cols.dist.some((d) => !Number.isNaN(d));
  const located = (i: number) => (byDevice ? !Number.isNaN(cols.dist[i]!) : !Number.isNaN(cols.lat[i]!) && !Number.isNaN(cols.lon[i]!));
  const speed = new Array<number>(n).fill(Number.NaN);
  const movingInterval = new Uint8Array(n); // interval (i−1, i]
  const spans: { v: number; dt: number }[] = [];
  let distanceM = 0;
  let ref = -1;
  let rejected = 0;
  let anyLocated = false;
  for (let i = 0; i < n; i++) {
    if (i > 0) cumM[i] = distanceM;
    if (cols.seg[i]) ref = -1;
    if (!located(i)) continue;
    anyLocated = true;
    if (ref < 0) {
      ref = i;
      speed[i] = 0;
      rejected = 0;
      positionOk[i] = 1;
      continue;
    }
    const d = byDevice ? cols.dist[i]! - cols.dist[ref]! : haversineM(cols.lat[ref]!, cols.lon[ref]!, cols.lat[i]!, cols.lon[i]!);
    const dt = tS[i]! - tS[ref]!;
    const v = d / Math.max(dt, 1);
    if (d < 0 || v > maxV) {
      if (v > maxV) notes.count('speed_glitch');
      // A device's cumulative distance jumps once and carries on from there; a GPS fix jumps out and back.
      if (byDevice || d < 0 || ++rejected >= REANCHOR_AFTER) {
        ref = i;
        rejected = 0;
        positionOk[i] = 1;
      }
      continue;
    }
    rejected = 0;
    distanceM += d;
    cumM[i] = distanceM;
    positionOk[i] = 1;
    const moving = dt > 0 && v >= MIN_MOVING_SPEED_MPS;
    for (let k = ref + 1; k <= i; k++) {
      speed[k] = v;
      movingInterval[k] = moving ? 1 : 0;
    }
    if (moving) spans.push({ v, dt });
    ref = i;
  }

  // With the device's distance the positions were never judged: every fix is drawn.
  if (byDevice) for (let i = 0; i < n; i++) positionOk[i] = Number.isNaN(cols.lat[i]!) || Number.isNaN(cols.lon[i]!) ? 0 : 1;

  let movingS = 0;
  if (anyLocated) {
    for (let i = 1; i < n; i++) if (movingInterval[i] && !cols.seg[i]) movingS += tS[i]! - tS[i - 1]!;
  } else {
    // No position at all (treadmill, gym): the device's speed if it states one, else sample spacing.
    const gap = pauseGap(tS);
    for (let i = 1; i < n; i++) {
      const dt = tS[i]! - tS[i - 1]!;
      const v = (stated[i - 1]! + stated[i]!) / 2;
      const moving = Number.isNaN(v) ? dt <= gap : v >= MIN_MOVING_SPEED_MPS;
      if (moving && !cols.seg[i]) {
        movingS += dt;
        if (!Number.isNaN(v)) spans.push({ v, dt });
      }
    }
  }
  return {
    distanceM,
    movingS,
    speed,
    cumM: anyLocated ? cumM : [],
    positionOk,
    median: weightedQuantile(spans, 0.5),
    p95: weightedQuantile(spans, 0.95),
  };
}

function pauseGap(tS: number[]): number {
  const dts = tS
    .slice(1)
    .map((t, i) => t - tS[i]!)
    .filter((dt) => dt > 0)
    .sort((a, b) => a - b);
  return dts.length ? Math.max(MAX_MOVING_GAP_S, 4 * dts[dts.length >> 1]!) : MAX_MOVING_GAP_S;
}

function weightedQuantile(spans: { v: number; dt: number }[], q: number): number | null {
  if (!spans.length) return null;
  const sorted = [...spans].sort((a, b) => a.v - b.v);
  const total = sorted.reduce((s, x) => s + x.dt, 0);
  let acc = 0;
  for (const x of sorted) {
    acc += x.dt;
    if (acc >= q * total) return x.v;
  }
  return sorted[sorted.length - 1]!.v;
}
