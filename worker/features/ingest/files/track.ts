// Turns a time-ordered series of track points (GPX, TCX, FIT records) into totals and compact
// streams. Points are kept as number columns (NaN = absent) rather than objects, so a 20 MiB GPX
// file costs a few MB of memory.
//
// Rules, for sources that do not state them (GPX always, TCX/FIT when a field is missing):
// - distance: haversine on a sphere of radius 6,371,000 m between consecutive points of the same
//   segment; a new GPX <trkseg> starts without adding the jump from the previous one;
// - moving time: the sum of the intervals between consecutive points that last at most 10 s and
//   cover at least 0.5 m/s; longer gaps (auto-pause, lost signal) and slower intervals are pauses;
// - elevation gain: climbs are counted only once the altitude has risen 2 m above the last
//   reference point (hysteresis), so GPS/barometer noise of ±1 m adds nothing.
import type { ActivityStreams } from '../../activities/activity.types.ts';

export const EARTH_RADIUS_M = 6_371_000;
export const MAX_MOVING_GAP_S = 10;
export const MIN_MOVING_SPEED_MPS = 0.5;
export const ELEVATION_HYSTERESIS_M = 2;

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
}

export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

const CHANNELS = ['hr', 'speed', 'power', 'alt', 'cad'] as const;
type Channel = (typeof CHANNELS)[number];

export class TrackBuilder {
  private readonly t: number[] = [];
  private readonly cols: Record<Channel, number[]> = { hr: [], speed: [], power: [], alt: [], cad: [] };
  private count = 0;
  private startMs = Number.NaN;
  private lastMs = Number.NaN;
  private lastLat = Number.NaN;
  private lastLon = Number.NaN;
  private lastSourceDist = Number.NaN;
  private distanceM = 0;
  private movingS = 0;
  private gainM = 0;
  private eleRef = Number.NaN;
  private sums = { hr: 0, hrN: 0, maxHr: 0, power: 0, powerN: 0, cad: 0, cadN: 0 };

  get points(): number {
    return this.count;
  }

  /** Adds a point; points must come in time order (earlier ones repeated or out of order are dropped). */
  add(p: TrackPoint): void {
    if (!Number.isFinite(p.timeMs) || p.timeMs < this.lastMs) return;
    if (this.count === 0) this.startMs = p.timeMs;
    const dt = this.count ? (p.timeMs - this.lastMs) / 1000 : 0;
    let step = 0;
    if (p.distanceM !== undefined && Number.isFinite(p.distanceM)) {
      step = Number.isNaN(this.lastSourceDist) ? 0 : Math.max(0, p.distanceM - this.lastSourceDist);
      this.lastSourceDist = p.distanceM;
    } else if (p.lat !== undefined && p.lon !== undefined) {
      if (!p.segmentStart && !Number.isNaN(this.lastLat)) step = haversineM(this.lastLat, this.lastLon, p.lat, p.lon);
    }
    if (p.lat !== undefined && p.lon !== undefined) {
      this.lastLat = p.lat;
      this.lastLon = p.lon;
    }
    this.distanceM += step;
    if (dt > 0 && dt <= MAX_MOVING_GAP_S && step / dt >= MIN_MOVING_SPEED_MPS) this.movingS += dt;
    this.climb(p.altitudeM);
    this.lastMs = p.timeMs;
    this.count += 1;

    const located = p.distanceM !== undefined || (p.lat !== undefined && p.lon !== undefined);
    const derived = located ? (dt > 0 && !p.segmentStart ? step / dt : 0) : Number.NaN;
    const speed = p.speedMps ?? derived;
    this.t.push((p.timeMs - this.startMs) / 1000);
    this.cols.hr.push(p.hr ?? Number.NaN);
    this.cols.speed.push(speed);
    this.cols.power.push(p.power ?? Number.NaN);
    this.cols.alt.push(p.altitudeM ?? Number.NaN);
    this.cols.cad.push(p.cadence ?? Number.NaN);
    const s = this.sums;
    if (p.hr !== undefined) (s.hr += p.hr), (s.hrN += 1), (s.maxHr = Math.max(s.maxHr, p.hr));
    if (p.power !== undefined) (s.power += p.power), (s.powerN += 1);
    if (p.cadence !== undefined) (s.cad += p.cadence), (s.cadN += 1);
  }

  private climb(altitude: number | undefined): void {
    if (altitude === undefined || !Number.isFinite(altitude)) return;
    if (Number.isNaN(this.eleRef)) this.eleRef = altitude;
    else if (altitude - this.eleRef >= ELEVATION_HYSTERESIS_M) (this.gainM += altitude - this.eleRef), (this.eleRef = altitude);
    else if (this.eleRef - altitude >= ELEVATION_HYSTERESIS_M) this.eleRef = altitude;
  }

  summary(maxStreamPoints: number): TrackSummary | null {
    if (!this.count) return null;
    const s = this.sums;
    const mean = (sum: number, n: number) => (n ? Math.round(sum / n) : null);
    return {
      points: this.count,
      startMs: this.startMs,
      endMs: this.lastMs,
      elapsedS: Math.round((this.lastMs - this.startMs) / 1000),
      movingS: Math.round(this.movingS),
      distanceM: round2(this.distanceM),
      elevationGainM: Number.isNaN(this.eleRef) ? null : round2(this.gainM),
      avgHr: mean(s.hr, s.hrN),
      maxHr: s.hrN ? s.maxHr : null,
      avgPower: mean(s.power, s.powerN),
      avgCadence: mean(s.cad, s.cadN),
      streams: this.streams(maxStreamPoints),
    };
  }

  /**
   * One sample per whole second of offset (the last point of a second wins); sparser sources keep
   * their own offsets rather than being interpolated. A channel's gaps carry the previous value
   * forward (the first value backward), and a channel with no value at all is left out.
   */
  private streams(maxPoints: number): ActivityStreams | null {
    const keep: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const sec = Math.round(this.t[i] ?? 0);
      if (keep.length && Math.round(this.t[keep[keep.length - 1] ?? 0] ?? 0) === sec) keep[keep.length - 1] = i;
      else keep.push(i);
    }
    const stride = Math.max(1, Math.ceil(keep.length / Math.max(1, maxPoints)));
    const picked = stride === 1 ? keep : keep.filter((_, k) => k % stride === 0);
    const out: ActivityStreams = { t: picked.map((i) => Math.round(this.t[i] ?? 0)) };
    const scale: Record<Channel, number> = { hr: 1, speed: 100, power: 1, alt: 10, cad: 1 };
    const key: Record<Channel, 'hr' | 'speedCms' | 'power' | 'altitudeDm' | 'cadence'> = {
      hr: 'hr',
      speed: 'speedCms',
      power: 'power',
      alt: 'altitudeDm',
      cad: 'cadence',
    };
    for (const ch of CHANNELS) {
      const values = picked.map((i) => this.cols[ch][i] ?? Number.NaN);
      const first = values.find((v) => !Number.isNaN(v));
      if (first === undefined) continue;
      let last = first;
      out[key[ch]] = values.map((v) => {
        if (!Number.isNaN(v)) last = v;
        return Math.round(last * scale[ch]);
      });
    }
    return out;
  }
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
