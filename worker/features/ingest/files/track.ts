// Turns a time-ordered series of track points (GPX, TCX, FIT records) into totals and compact
// streams, after the plausibility rules (activities/plausibility.ts, ADR 012) have cleaned them.
// Points are kept as number columns (NaN = absent) rather than objects, so a 20 MiB GPX file
// costs a few MB of memory.
//
// Rules, for sources that do not state them (GPX always, TCX/FIT when a field is missing):
// - distance: the device's cumulative distance when it records one, else haversine on a sphere of
//   radius 6,371,000 m between accepted positions of the same segment; a step faster than the
//   sport allows is a GPS glitch and adds nothing;
// - moving time: time spent covering ground at ≥ 0.5 m/s, measured between accepted positions,
//   whatever the sample spacing (smart recording logs every 1–30 s; a gap is not a pause). Without
//   any position or distance, sample intervals up to max(10 s, 4 × the median interval) count;
// - elevation gain: after spike removal, climbs count once the altitude has risen 2 m above the
//   last reference point (hysteresis), so GPS/barometer noise of ±1 m adds nothing.
import {
  type ActivityStreams,
  altitudeSpikes,
  type DataQualityNote,
  maxSpeedMps,
  plausibleHr,
  plausiblePower,
  QualityNotes,
  type Sport,
} from '../../activities/index.ts';

export const EARTH_RADIUS_M = 6_371_000;
export const MAX_MOVING_GAP_S = 10;
export const MIN_MOVING_SPEED_MPS = 0.5;
export const ELEVATION_HYSTERESIS_M = 2;
// A run of this many rejected positions that agree with each other means the reference was the bad one.
const REANCHOR_AFTER = 5;

export interface TrackPoint {
  timeMs: number;
  lat?: number;
  lon?: number;
  altitudeM?: number;
  hr?: number;
  cadence?: number;
  power?: number;
  /** Speed stated by the source (TCX/FIT); otherwise derived from positions. */
  speedMps?: number;
  /** Cumulative distance stated by the source; otherwise haversine. */
  distanceM?: number;
  /** First point of a new GPX segment. */
  segmentStart?: boolean;
}

export interface TrackSummary {
  points: number;
  startMs: number;
  endMs: number;
  elapsedS: number;
  movingS: number;
  distanceM: number;
  elevationGainM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  avgPower: number | null;
  avgCadence: number | null;
  streams: ActivityStreams | null;
  /** What the plausibility rules cleaned. */
  notes: DataQualityNote[];
  /** Time-weighted median and 95th percentile of moving speed (m/s), for sport inference. */
  medianSpeedMps: number | null;
  p95SpeedMps: number | null;
}

export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

const fin = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : Number.NaN);

export class TrackBuilder {
  private readonly t: number[] = [];
  private readonly lat: number[] = [];
  private readonly lon: number[] = [];
  private readonly dist: number[] = [];
  private readonly speed: number[] = [];
  private readonly hr: number[] = [];
  private readonly power: number[] = [];
  private readonly alt: number[] = [];
  private readonly cad: number[] = [];
  private readonly seg: boolean[] = [];
  private outOfOrder = 0;
  private pendingSegment = false;

  get points(): number {
    return this.t.length;
  }

  /** Points that were dropped because their time ran backwards. */
  get droppedOutOfOrder(): number {
    return this.outOfOrder;
  }

  /** Adds a point in time order; one earlier than the last kept point is dropped and counted. */
  add(p: TrackPoint): void {
    if (!Number.isFinite(p.timeMs)) return;
    const last = this.t[this.t.length - 1];
    if (last !== undefined && p.timeMs < last) {
      this.outOfOrder += 1;
      // The segment break still applies to the next point that is kept.
      if (p.segmentStart) this.pendingSegment = true;
      return;
    }
    this.t.push(p.timeMs);
    this.lat.push(fin(p.lat));
    this.lon.push(fin(p.lon));
    this.dist.push(fin(p.distanceM));
    this.speed.push(fin(p.speedMps));
    this.hr.push(fin(p.hr));
    this.power.push(fin(p.power));
    this.alt.push(fin(p.altitudeM));
    this.cad.push(fin(p.cadence));
    this.seg.push(!!p.segmentStart || this.pendingSegment);
    this.pendingSegment = false;
  }

  /** Totals and streams after cleaning; `sport` sets the speed limit (unknown: the loosest). */
  summary(maxStreamPoints: number, sport?: Sport): TrackSummary | null {
    const n = this.t.length;
    if (!n) return null;
    const notes = new QualityNotes();
    notes.count('out_of_order', this.outOfOrder);
    const tS = this.t.map((ms) => (ms - this.t[0]!) / 1000);

    const hr = this.hr.map((v) => (Number.isNaN(v) || plausibleHr(v) ? v : (notes.count('hr_out_of_range'), Number.NaN)));
    const power = this.power.map((v) => (Number.isNaN(v) || plausiblePower(v) ? v : (notes.count('power_out_of_range'), Number.NaN)));
    const spikes = altitudeSpikes(tS, this.alt);
    const alt = this.alt.map((v, i) => (spikes[i] ? (notes.count('altitude_spikes'), Number.NaN) : v));
    const maxV = maxSpeedMps(sport);
    const stated = this.speed.map((v) => (Number.isNaN(v) || (v >= 0 && v <= maxV) ? v : (notes.count('speed_glitch'), Number.NaN)));

    const motion = this.motion(tS, maxV, stated, notes);
    return {
      points: n,
      startMs: this.t[0]!,
      endMs: this.t[n - 1]!,
      elapsedS: Math.round(tS[n - 1]!),
      movingS: Math.round(motion.movingS),
      distanceM: round2(motion.distanceM),
      elevationGainM: gain(alt),
      avgHr: mean(hr),
      maxHr: max(hr),
      avgPower: mean(power),
      avgCadence: mean(this.cad),
      streams: streams(
        tS,
        { hr, speed: stated.map((v, i) => (Number.isNaN(v) ? motion.speed[i]! : v)), power, alt, cad: this.cad },
        maxStreamPoints,
      ),
      notes: notes.list(),
      medianSpeedMps: motion.median,
      p95SpeedMps: motion.p95,
    };
  }

  /** Distance, moving time and per-point speed from accepted positions (or the device's distance). */
  private motion(tS: number[], maxV: number, stated: number[], notes: QualityNotes) {
    const n = tS.length;
    const byDevice = this.dist.some((d) => !Number.isNaN(d));
    const located = (i: number) => (byDevice ? !Number.isNaN(this.dist[i]!) : !Number.isNaN(this.lat[i]!) && !Number.isNaN(this.lon[i]!));
    const speed = new Array<number>(n).fill(Number.NaN);
    const movingInterval = new Uint8Array(n); // interval (i−1, i]
    const spans: { v: number; dt: number }[] = [];
    let distanceM = 0;
    let ref = -1;
    let rejected = 0;
    let anyLocated = false;
    for (let i = 0; i < n; i++) {
      if (this.seg[i]) ref = -1;
      if (!located(i)) continue;
      anyLocated = true;
      if (ref < 0) {
        ref = i;
        speed[i] = 0;
        rejected = 0;
        continue;
      }
      const d = byDevice ? this.dist[i]! - this.dist[ref]! : haversineM(this.lat[ref]!, this.lon[ref]!, this.lat[i]!, this.lon[i]!);
      const dt = tS[i]! - tS[ref]!;
      const v = d / Math.max(dt, 1);
      if (d < 0 || v > maxV) {
        if (v > maxV) notes.count('speed_glitch');
        // A device's cumulative distance jumps once and carries on from there; a GPS fix jumps out and back.
        if (byDevice || d < 0 || ++rejected >= REANCHOR_AFTER) (ref = i), (rejected = 0);
        continue;
      }
      rejected = 0;
      distanceM += d;
      const moving = dt > 0 && v >= MIN_MOVING_SPEED_MPS;
      for (let k = ref + 1; k <= i; k++) {
        speed[k] = v;
        movingInterval[k] = moving ? 1 : 0;
      }
      if (moving) spans.push({ v, dt });
      ref = i;
    }

    let movingS = 0;
    if (anyLocated) {
      for (let i = 1; i < n; i++) if (movingInterval[i] && !this.seg[i]) movingS += tS[i]! - tS[i - 1]!;
    } else {
      // No position at all (treadmill, gym): the device's speed if it states one, else sample spacing.
      const gap = pauseGap(tS);
      for (let i = 1; i < n; i++) {
        const dt = tS[i]! - tS[i - 1]!;
        const v = (stated[i - 1]! + stated[i]!) / 2;
        const moving = Number.isNaN(v) ? dt <= gap : v >= MIN_MOVING_SPEED_MPS;
        if (moving && !this.seg[i]) {
          movingS += dt;
          if (!Number.isNaN(v)) spans.push({ v, dt });
        }
      }
    }
    return { distanceM, movingS, speed, median: weightedQuantile(spans, 0.5), p95: weightedQuantile(spans, 0.95) };
  }
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

function gain(alt: number[]): number | null {
  let ref = Number.NaN;
  let total = 0;
  for (const a of alt) {
    if (Number.isNaN(a)) continue;
    if (Number.isNaN(ref)) ref = a;
    else if (a - ref >= ELEVATION_HYSTERESIS_M) (total += a - ref), (ref = a);
    else if (ref - a >= ELEVATION_HYSTERESIS_M) ref = a;
  }
  return Number.isNaN(ref) ? null : round2(total);
}

function mean(values: number[]): number | null {
  let sum = 0;
  let count = 0;
  for (const v of values) if (!Number.isNaN(v)) (sum += v), (count += 1);
  return count ? Math.round(sum / count) : null;
}

function max(values: number[]): number | null {
  let best = Number.NEGATIVE_INFINITY;
  for (const v of values) if (!Number.isNaN(v) && v > best) best = v;
  return best === Number.NEGATIVE_INFINITY ? null : best;
}

type Channel = 'hr' | 'speed' | 'power' | 'alt' | 'cad';
const CHANNELS: Channel[] = ['hr', 'speed', 'power', 'alt', 'cad'];
const SCALE: Record<Channel, number> = { hr: 1, speed: 100, power: 1, alt: 10, cad: 1 };
const KEY: Record<Channel, 'hr' | 'speedCms' | 'power' | 'altitudeDm' | 'cadence'> = {
  hr: 'hr',
  speed: 'speedCms',
  power: 'power',
  alt: 'altitudeDm',
  cad: 'cadence',
};

/**
 * One sample per whole second of offset (the last point of a second wins); sparser sources keep
 * their own offsets rather than being interpolated. A channel's gaps carry the previous value
 * forward (the first value backward), and a channel with no value at all is left out.
 */
function streams(tS: number[], cols: Record<Channel, number[]>, maxPoints: number): ActivityStreams | null {
  const keep: number[] = [];
  for (let i = 0; i < tS.length; i++) {
    const sec = Math.round(tS[i]!);
    if (keep.length && Math.round(tS[keep[keep.length - 1]!]!) === sec) keep[keep.length - 1] = i;
    else keep.push(i);
  }
  const stride = Math.max(1, Math.ceil(keep.length / Math.max(1, maxPoints)));
  const picked = stride === 1 ? keep : keep.filter((_, k) => k % stride === 0);
  const out: ActivityStreams = { t: picked.map((i) => Math.round(tS[i]!)) };
  for (const ch of CHANNELS) {
    const values = picked.map((i) => cols[ch][i] ?? Number.NaN);
    const first = values.find((v) => !Number.isNaN(v));
    if (first === undefined) continue;
    let last = first;
    out[KEY[ch]] = values.map((v) => {
      if (!Number.isNaN(v)) last = v;
      return Math.round(last * SCALE[ch]);
    });
  }
  return out;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
