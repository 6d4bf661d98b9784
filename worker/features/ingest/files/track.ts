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
import { trackMotion } from './track-motion.ts';
import { trackStreams } from './track-streams.ts';
import { gain, max, mean, round2 } from './track-totals.ts';

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

    const motion = trackMotion({ lat: this.lat, lon: this.lon, dist: this.dist, seg: this.seg }, tS, maxV, stated, notes);
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
      streams: trackStreams(
        tS,
        { hr, speed: stated.map((v, i) => (Number.isNaN(v) ? motion.speed[i]! : v)), power, alt, cad: this.cad },
        {
          cumM: motion.cumM,
          lat: this.lat.map((v, i) => (motion.positionOk[i] ? v : Number.NaN)),
          lon: this.lon.map((v, i) => (motion.positionOk[i] ? v : Number.NaN)),
        },
        maxStreamPoints,
      ),
      notes: notes.list(),
      medianSpeedMps: motion.median,
      p95SpeedMps: motion.p95,
    };
  }
}
