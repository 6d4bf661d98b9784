// Finds an activity's passes over a segment (ADR 099). A pass enters the start gate, leaves by the end gate, and
// the track between them stays within a Fréchet leash of the segment's path. Pure.
import { type LatLon, toLocal } from '../../../../lib/geo';
import type { Track } from '../../tracks/track.calc';
import { frechetBanded, frechetWithin } from './frechet.calc';
import { type MatchableSegment, resampleXY, SEGMENT_SPACING_M } from './path.calc';

/**
 * A gate is a disc this wide around the segment's first (last) point, met by the track's line, not only its
 * points: GPS noise is 3–10 m, worse under trees, and a 1 Hz ride at 12 m/s puts points 12 m apart, so 25 m catches
 * every honest pass while a road 30 m away misses it. The moment is the track's closest approach (interpolated).
 */
export const GATE_RADIUS_M = 25;
/**
 * The leash: both recordings carry 3–10 m of noise (up to ~20 m apart), resampling at 10 m adds up to 5 m; a
 * parallel road 30 m away, a shortcut across a bend or the other side of a loop exceeds it.
 */
export const FRECHET_TOLERANCE_M = 25;
/** A jump out and back of more than 20 m at over 25 m/s, in up to 3 points, is a GPS glitch and is left out. */
const SPIKE_M = 20;
const SPIKE_SPEED_MS = 25;
const SPIKE_RUN = 3;
/** The band tried first: ±(8 + 3 %) resampled points around the diagonal — GPS noise lengthens a stretch by a few %. */
const BAND_MIN = 8;
const BAND_SHARE = 0.03;
/** The grid's cell: twice the gate, so the 3×3 cells around a gate hold every piece of track that can meet it. */
const CELL_M = 2 * GATE_RADIUS_M;
/** A stretch between gates must measure 0.5–2× the segment (+200 m) to be compared at all: Fréchet decides. */
const MIN_LENGTH_RATIO = 0.5;
const MAX_LENGTH_RATIO = 2;
const MAX_LENGTH_SLACK_M = 200;

export interface Pass {
  /** Seconds since the activity start when it entered and left (the closest approach to each gate, rounded). */
  startS: number;
  endS: number;
  /** The track points just before the start and just after the end (indices into the track given). */
  startIdx: number;
  endIdx: number;
  /** The discrete Fréchet distance between the pass and the segment, m (0.1 m). */
  frechetM: number;
}

interface Prepared {
  x: Float64Array;
  y: Float64Array;
  t: Float64Array;
  /** Each kept point's index in the track given. */
  idx: Int32Array;
  /** Metres along the (glitch-free) track at each point. */
  cum: Float64Array;
  ref: LatLon;
  /** Cell key → the pieces (point i to i+1) that cross it; null for a single-segment match (scanned instead). */
  grid: Map<number, number[]> | null;
}

interface Visit {
  /** The piece nearest the gate, the fraction along it, the moment and metres along the track there. */
  piece: number;
  u: number;
  t: number;
  s: number;
}

const cellKey = (x: number, y: number) => (Math.floor(x / CELL_M) + 2 ** 21) * 2 ** 22 + (Math.floor(y / CELL_M) + 2 ** 21);

/** Marks out-and-back jumps of up to SPIKE_RUN points (a glitch), so neither a gate nor the leash sees them. */
function glitchFree(x: Float64Array, y: Float64Array, t: ArrayLike<number>): boolean[] {
  const n = x.length;
  const keep = new Array<boolean>(n).fill(true);
  const d = (a: number, b: number) => Math.hypot(x[a]! - x[b]!, y[a]! - y[b]!);
  const fast = (a: number, b: number) => d(a, b) > SPIKE_M && d(a, b) > SPIKE_SPEED_MS * Math.max(1, t[b]! - t[a]!);
  let prev = 0;
  let i = 1;
  while (i < n - 1) {
    let run = 0;
    for (let k = 1; k <= SPIKE_RUN && i + k < n; k++) {
      const next = i + k;
      if (fast(prev, i) && fast(next - 1, next) && d(prev, next) < 0.5 * Math.min(d(prev, i), d(next - 1, next))) {
        run = k;
        break;
      }
    }
    if (run > 0) {
      for (let k = 0; k < run; k++) keep[i + k] = false;
      i += run;
    } else {
      prev = i;
      i++;
    }
  }
  return keep;
}

function prepare(track: Track, ref: LatLon, withGrid: boolean): Prepared {
  const n = track.lat.length;
  const ax = new Float64Array(n);
  const ay = new Float64Array(n);
  const { kx, ky } = scalesOf(ref);
  for (let i = 0; i < n; i++) {
    ax[i] = (track.lon[i]! - ref.lon) * kx;
    ay[i] = (track.lat[i]! - ref.lat) * ky;
  }
  const keep = glitchFree(ax, ay, track.t);
  const kept = keep.reduce((c, k) => c + (k ? 1 : 0), 0);
  const p: Prepared = {
    x: new Float64Array(kept),
    y: new Float64Array(kept),
    t: new Float64Array(kept),
    idx: new Int32Array(kept),
    cum: new Float64Array(kept),
    ref,
    grid: withGrid ? new Map() : null,
  };
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    p.x[k] = ax[i]!;
    p.y[k] = ay[i]!;
    p.t[k] = track.t[i]!;
    p.idx[k] = i;
    if (k > 0) p.cum[k] = p.cum[k - 1]! + Math.hypot(ax[i]! - p.x[k - 1]!, ay[i]! - p.y[k - 1]!);
    k++;
  }
  if (p.grid) {
    // Each piece in every cell along it, stepped at half a cell (pieces are ~3–15 m: one or two cells each).
    for (let i = 0; i + 1 < kept; i++) {
      const len = p.cum[i + 1]! - p.cum[i]!;
      const steps = Math.max(1, Math.ceil(len / (CELL_M / 2)));
      let last = Number.NaN;
      for (let s = 0; s <= steps; s++) {
        const key = cellKey(p.x[i]! + ((p.x[i + 1]! - p.x[i]!) * s) / steps, p.y[i]! + ((p.y[i + 1]! - p.y[i]!) * s) / steps);
        if (key === last) continue;
        last = key;
        const list = p.grid.get(key);
        if (!list) p.grid.set(key, [i]);
        else if (list.at(-1) !== i) list.push(i);
      }
    }
  }
  return p;
}

/** The pieces that may meet a gate at (gx, gy): from the 3×3 cells around it, or every piece without a grid. */
function piecesNear(p: Prepared, gx: number, gy: number): number[] | null {
  if (!p.grid) return null;
  const cx = Math.floor(gx / CELL_M);
  const cy = Math.floor(gy / CELL_M);
  const out: number[] = [];
  for (let dx = -1; dx <= 1; dx++)
    for (let dy = -1; dy <= 1; dy++) {
      const list = p.grid.get((cx + dx + 2 ** 21) * 2 ** 22 + (cy + dy + 2 ** 21));
      if (list) for (const i of list) out.push(i);
    }
  return out;
}

/** Each time the track comes within the gate's radius: its closest approach, in time order. */
function visitsOf(p: Prepared, gx: number, gy: number, candidates: number[] | null): Visit[] {
  const pieces = candidates
    ? [...new Set(candidates)].sort((a, b) => a - b)
    : Array.from({ length: Math.max(0, p.x.length - 1) }, (_, i) => i);
  const out: Visit[] = [];
  let best: (Visit & { d: number }) | null = null;
  let lastPiece = -2;
  for (const i of pieces) {
    const x0 = p.x[i]!;
    const y0 = p.y[i]!;
    const dx = p.x[i + 1]! - x0;
    const dy = p.y[i + 1]! - y0;
    const len2 = dx * dx + dy * dy;
    const u = len2 > 0 ? Math.min(1, Math.max(0, ((gx - x0) * dx + (gy - y0) * dy) / len2)) : 0;
    const d = Math.hypot(x0 + u * dx - gx, y0 + u * dy - gy);
    if (d > GATE_RADIUS_M) continue;
    if (best && i !== lastPiece + 1) {
      out.push(best);
      best = null;
    }
    if (!best || d < best.d) {
      const len = Math.sqrt(len2);
      best = { piece: i, u, t: p.t[i]! + u * (p.t[i + 1]! - p.t[i]!), s: p.cum[i]! + u * len, d };
    }
    lastPiece = i;
  }
  if (best) out.push(best);
  return out.map(({ piece, u, t, s }) => ({ piece, u, t, s }));
}

/** The track from visit a to visit b, resampled like the segment. */
function stretchOf(p: Prepared, a: Visit, b: Visit): { x: number[]; y: number[] } {
  const at = (v: Visit) => [
    p.x[v.piece]! + v.u * (p.x[v.piece + 1]! - p.x[v.piece]!),
    p.y[v.piece]! + v.u * (p.y[v.piece + 1]! - p.y[v.piece]!),
  ];
  const [ax, ay] = at(a);
  const [bx, by] = at(b);
  const x = [ax!];
  const y = [ay!];
  for (let i = a.piece + 1; i <= b.piece; i++) {
    x.push(p.x[i]!);
    y.push(p.y[i]!);
  }
  x.push(bx!);
  y.push(by!);
  return resampleXY(x, y, SEGMENT_SPACING_M);
}

/** Pairs each start visit with the first end visit after it whose stretch follows the path; passes never overlap. */
function passesOf(p: Prepared, sx: number[], sy: number[], distanceM: number, starts: Visit[], ends: Visit[]): Pass[] {
  const passes: Pass[] = [];
  let after = Number.NEGATIVE_INFINITY;
  for (const a of starts) {
    if (a.t < after) continue;
    for (const b of ends) {
      const len = b.s - a.s;
      if (b.t <= a.t || len < MIN_LENGTH_RATIO * distanceM) continue;
      // Later end visits are farther along still: this start has no pass.
      if (len > MAX_LENGTH_RATIO * distanceM + MAX_LENGTH_SLACK_M) break;
      const stretch = stretchOf(p, a, b);
      // Near the diagonal first (a genuine pass couples there, in a fraction of the time), the whole table if not.
      const band = BAND_MIN + Math.ceil(BAND_SHARE * Math.max(stretch.x.length, sx.length));
      let f = frechetBanded(stretch.x, stretch.y, sx, sy, FRECHET_TOLERANCE_M, band);
      if (!Number.isFinite(f)) f = frechetWithin(stretch.x, stretch.y, sx, sy, FRECHET_TOLERANCE_M);
      if (!Number.isFinite(f)) continue;
      const startS = Math.round(a.t);
      const endS = Math.round(b.t);
      if (endS <= startS) continue;
      passes.push({ startS, endS, startIdx: p.idx[a.piece]!, endIdx: p.idx[b.piece + 1]!, frechetM: Math.round(f * 10) / 10 });
      after = b.t;
      break;
    }
  }
  return passes;
}

/** The flat projection around `ref` as two scales (toLocal is linear in degrees), so no object a point. */
function scalesOf(ref: LatLon): { kx: number; ky: number } {
  return { kx: toLocal(ref, { lat: ref.lat, lon: ref.lon + 1 }).x, ky: toLocal(ref, { lat: ref.lat + 1, lon: ref.lon }).y };
}

function project(ref: LatLon, points: readonly LatLon[]): { x: number[]; y: number[] } {
  const { kx, ky } = scalesOf(ref);
  const x = new Array<number>(points.length);
  const y = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) {
    x[i] = (points[i]!.lon - ref.lon) * kx;
    y[i] = (points[i]!.lat - ref.lat) * ky;
  }
  return { x, y };
}

/** Every pass of `track` over one segment, in time order. */
export function matchSegment(track: Track, seg: MatchableSegment): Pass[] {
  if (seg.points.length < 2 || track.lat.length < 2) return [];
  const p = prepare(track, seg.points[0]!, false);
  const s = project(p.ref, seg.points);
  const starts = visitsOf(p, s.x[0]!, s.y[0]!, null);
  const ends = starts.length ? visitsOf(p, s.x.at(-1)!, s.y.at(-1)!, null) : [];
  return ends.length ? passesOf(p, s.x, s.y, seg.distanceM, starts, ends) : [];
}

/**
 * One track against many segments: the track's pieces go into a grid once, so a segment whose gates the track
 * never comes near is dropped after two O(1) look-ups, before anything else is computed for it.
 */
export function matchActivityAgainst<S extends MatchableSegment>(track: Track, segments: readonly S[]): { segment: S; passes: Pass[] }[] {
  if (track.lat.length < 2) return [];
  const p = prepare(track, { lat: track.lat[0]!, lon: track.lon[0]! }, true);
  const out: { segment: S; passes: Pass[] }[] = [];
  for (const segment of segments) {
    if (segment.points.length < 2) continue;
    const g0 = toLocal(p.ref, segment.points[0]!);
    const near0 = piecesNear(p, g0.x, g0.y);
    if (!near0?.length) continue;
    const g1 = toLocal(p.ref, segment.points.at(-1)!);
    const near1 = piecesNear(p, g1.x, g1.y);
    if (!near1?.length) continue;
    const starts = visitsOf(p, g0.x, g0.y, near0);
    const ends = starts.length ? visitsOf(p, g1.x, g1.y, near1) : [];
    if (!ends.length) continue;
    const s = project(p.ref, segment.points);
    const passes = passesOf(p, s.x, s.y, segment.distanceM, starts, ends);
    if (passes.length) out.push({ segment, passes });
  }
  return out;
}
