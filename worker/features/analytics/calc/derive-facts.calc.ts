// The per-activity `DerivedFacts`: every stream computation run once over the activity's 1-Hz grids.

import type { ActivityStreams, BestEffort, Sport } from '../../activities';
import type { DerivedFacts } from '../analytics.types';
import { POWER_DURATIONS, RUN_PB_DISTANCES, bestWindowMean, fastestSegment, runBestKey } from './best-efforts.calc';
import { gradedFromSamples } from './grade.calc';
import { decouplingOf, peakHeld, speedAtHr } from './heart-rate.calc';
import { normalized, recordedSeconds } from './normalized.calc';
import { MOVING_SPEED_MPS, cumulative, divided, lost, pauseGapS, series, zeroed } from './stream-grid.calc';
import { zoneHistograms } from './zone-histogram.calc';

function coefficientOfVariation(x: Float64Array, keep: (v: number) => boolean): number | null {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const v of x) {
    if (!keep(v)) continue;
    n++;
    sum += v;
    sumSq += v * v;
  }
  if (n === 0) return null;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean)) / mean;
}

// Over the seconds with a reading: a lost power meter's are not 0 W.
const average = (x: Float64Array): number => {
  const read = recordedSeconds(x);
  return read.length === 0 ? 0 : read.reduce((a, v) => a + v, 0) / read.length;
};
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const roundOrNull = (v: number | null, digits: number): number | null => (v === null ? null : round(v, digits));

// A channel is usable when present and carrying some signal (an all-zero power meter is a missing one).
const hasSignal = (c: number[] | undefined): c is number[] => !!c && c.some((v) => v > 0);

export const RUN_STEADY_MAX_CV = 0.2;
export const RIDE_STEADY_MAX_VI = 1.1;
export const DECOUPLING_MIN_SESSION_S = 60 * 60;
const PROVIDER_MATCH = 0.01;
const WHOLE_MAX_OVER = 1.03;
/**
 * An activity this close under a PB distance covered it: courses are measured on the shortest line and
 * GPS/rounding loses a little, so a race recorded 0.2 % short was still the race (8 m on a mile).
 */
export const PB_DISTANCE_TOLERANCE = 0.005;
/**
 * The speed stream integrates to a slightly different distance than the activity states (rounded
 * cm/s, smart recording, a footpod's calibration): within 10 % it is scaled to the activity's
 * distance; beyond that the two describe different things and the stream is not searched for bests.
 */
export const STREAM_DISTANCE_MAX_DIFF = 0.1;

export interface DeriveFactsInput {
  sport: Sport;
  movingTimeS: number;
  distanceM: number;
  bestEfforts: BestEffort[];
  streams: ActivityStreams | null;
}

/**
 * Everything the analytics keep per activity. Run bests: the provider's best effort within 1 % of the
 * distance, else the fastest segment of the speed stream (its distance scaled to the activity's own),
 * else the whole recording when it is within 0.5 % under the distance, else (no usable speed stream)
 * the moving time, pro-rated when the whole run is 0.995·D…1.03·D. A stream more than 10 % off the
 * activity's distance is not searched (`streamDistanceMismatch` says so). Times and offsets in seconds (0.1 s).
 */
export function deriveFacts(a: DeriveFactsInput, opts: { fixedHr: number | null }): DerivedFacts {
  const facts: DerivedFacts = {
    normalizedPower: null,
    ngpMps: null,
    decouplingPct: null,
    speedAtFixedHrMps: null,
    powerBests: {},
    runBests: {},
    best30MinSpeedMps: null,
    peakHr: null,
    streamDistanceMismatch: null,
  };
  const st = a.streams && a.streams.t.length >= 2 ? a.streams : null;
  const t = st?.t ?? [];
  const gap = pauseGapS(t);
  const hrRaw = hasSignal(st?.hr) ? st.hr : undefined;
  const speedRaw = hasSignal(st?.speedCms) ? st.speedCms : undefined;
  const powerRaw = hasSignal(st?.power) ? st.power : undefined;
  const altitudeRaw = st?.altitudeDm && st.altitudeDm.length > 0 ? st.altitudeDm : undefined;

  // A lost strap's or power meter's seconds have no reading, as a pause has none (ADR 063, "A lost sensor").
  const hr = hrRaw && lost(series(t, hrRaw, 'gap', gap), st?.missing?.hr);
  const speed = speedRaw && divided(series(t, speedRaw, 'gap', gap), 100);
  const speedZero = speed && zeroed(speed);
  const power = powerRaw && lost(series(t, powerRaw, 'gap', gap), st?.missing?.power);
  // A pause is 0 W in a best effort; a lost power meter is not, so no window spans it.
  const powerZero = power && lost(zeroed(power), st?.missing?.power);
  const isRun = a.sport === 'run';
  const isRide = a.sport === 'ride';
  // Over the recorded seconds (pauses left out, ADR 032), the same as the activity page's figures.
  const np = power ? normalized(recordedSeconds(power)) : null;

  if (powerZero) {
    for (const d of POWER_DURATIONS) {
      const best = bestWindowMean(powerZero, d);
      if (best !== null) facts.powerBests[d] = round(best, 1);
    }
    facts.normalizedPower = roundOrNull(np, 1);
  }
  if (isRun && speedZero) {
    facts.ngpMps = roundOrNull(normalized(altitudeRaw ? gradedFromSamples(t, speedZero, altitudeRaw, gap) : speedZero), 3);
    facts.best30MinSpeedMps = roundOrNull(bestWindowMean(speedZero, 30 * 60), 3);
  }
  if (hr) {
    facts.peakHr = roundOrNull(peakHeld(hr, 5), 0);
    if (speed && opts.fixedHr !== null) facts.speedAtFixedHrMps = roundOrNull(speedAtHr(hr, speed, opts.fixedHr), 3);
    if (a.movingTimeS >= DECOUPLING_MIN_SESSION_S) {
      if (isRun && speed) {
        const cv = coefficientOfVariation(speed, (v) => v > MOVING_SPEED_MPS);
        if (cv !== null && cv <= RUN_STEADY_MAX_CV) facts.decouplingPct = roundOrNull(decouplingOf(hr, speed), 2);
      } else if (isRide && power && powerZero) {
        const avg = average(powerZero);
        if (np !== null && avg > 0 && np / avg <= RIDE_STEADY_MAX_VI) facts.decouplingPct = roundOrNull(decouplingOf(hr, power), 2);
      }
    }
  }
  // Time in zones over weeks reads these (ADR 067): the same grids the activity page's zones count.
  if (hr || power || speed) facts.zoneHist = zoneHistograms(a.sport, { hr, power, speed });
  if (isRun) {
    let cum = st && speedRaw ? cumulative(t, speedRaw, gap) : null;
    const streamM = cum && cum.length > 0 ? cum[cum.length - 1]! : 0;
    if (cum && streamM > 0 && a.distanceM > 0) {
      if (Math.abs(streamM - a.distanceM) <= a.distanceM * STREAM_DISTANCE_MAX_DIFF) {
        const k = a.distanceM / streamM;
        cum = cum.map((m) => m * k);
      } else {
        facts.streamDistanceMismatch = { streamM: round(streamM, 0), activityM: round(a.distanceM, 0) };
        cum = null;
      }
    }
    facts.runBests = runBests(a, cum, t);
  }
  return facts;
}

function runBests(a: DeriveFactsInput, cumDist: Float64Array | null, t: number[]): DerivedFacts['runBests'] {
  const out: DerivedFacts['runBests'] = {};
  const covered = cumDist && cumDist.length > 1 ? cumDist[cumDist.length - 1]! - cumDist[0]! : 0;
  for (const d of RUN_PB_DISTANCES) {
    const key = runBestKey(d);
    let provider: BestEffort | null = null;
    for (const e of a.bestEfforts) {
      if (Math.abs(e.distanceM - d) <= d * PROVIDER_MATCH && e.elapsedS > 0 && (!provider || e.elapsedS < provider.elapsedS)) provider = e;
    }
    if (provider) {
      out[key] = { timeS: provider.elapsedS, startOffsetS: provider.startOffsetS ?? null, from: 'provider' };
      continue;
    }
    const segment = cumDist ? fastestSegment(t, cumDist, d) : null;
    if (segment) {
      out[key] = { timeS: round(segment.timeS, 1), startOffsetS: round(segment.startOffsetS, 1), from: 'stream' };
    } else if (cumDist && covered > 0 && covered >= d * (1 - PB_DISTANCE_TOLERANCE)) {
      // A hair short of the distance: the whole recording, from the last still sample at the start to
      // the first at full distance, is the effort (a race's own clock time, not pro-rated up).
      const whole = movingSpan(t, cumDist);
      out[key] = { timeS: round(whole.timeS, 1), startOffsetS: round(whole.startOffsetS, 1), from: 'whole' };
    } else if (!cumDist && a.distanceM >= d * (1 - PB_DISTANCE_TOLERANCE) && a.distanceM <= d * WHOLE_MAX_OVER && a.movingTimeS > 0) {
      // No usable stream: the moving time, pro-rated down when the run was longer than the distance.
      out[key] = { timeS: round((a.movingTimeS * Math.min(a.distanceM, d)) / a.distanceM, 1), startOffsetS: null, from: 'whole' };
    }
  }
  return out;
}

/** From the last sample still at the starting distance to the first at the final distance. */
function movingSpan(t: number[], cumDist: Float64Array): { timeS: number; startOffsetS: number } {
  const n = Math.min(t.length, cumDist.length);
  let i = 0;
  while (i + 1 < n && cumDist[i + 1]! <= cumDist[0]!) i++;
  let j = n - 1;
  while (j > i && cumDist[j - 1]! >= cumDist[n - 1]!) j--;
  return { timeS: t[j]! - t[i]!, startOffsetS: t[i]! };
}
