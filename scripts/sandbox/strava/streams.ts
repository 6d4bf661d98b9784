// Per-second streams rebuilt from an activity's plan, and the summary figures computed from them.
// Pure and deterministic: the same (seed, plan) always yields the same samples, so streams are not
// stored; summaries are derived from the very samples a later /streams call returns.
//
// The model (why each piece exists is next to it; figures it hits are in ../README.md):
// - terrain: smooth rolling hills as a function of position, with grades capped per kind of route
//   (streams-terrain.ts);
// - runs: the athlete holds an effort (a share of threshold pace on the flat) and pace follows the
//   grade the way runners' does: much slower uphill (Minetti's cost), only a little faster downhill
//   (streams-run.ts);
// - rides: the athlete holds a power (harder uphill, easing and coasting downhill, short freewheels
//   on the flat, 1-s variability of a real power meter) and speed follows from bike physics with inertia
//   (streams-ride.ts);
// - heart rate: a steady state from the metabolic effort, reached with a ~30 s lag, drifting a few
//   % per hour, never above the athlete's max (streams-heart-rate.ts);
// - altitude: the terrain plus GPS-like error (a slow random walk of a metre or two);
// - stops: recorded as standing still, or (devices with auto-pause) left out of the streams.
// Sums over ranges of the streams (elevation gain, moving means) are in streams-stats.ts.
import type { ActivityPlan } from './generator.ts';
import { heartRateModel } from './streams-heart-rate.ts';
import { clamp, jitter, r1, r3 } from './streams-math.ts';
import type { Pass, PassContext } from './streams-pass.ts';
import { rideIntensityOf, ridePass } from './streams-ride.ts';
import { calibratedRunPass } from './streams-run.ts';
import { routePoint, terrainOf } from './streams-terrain.ts';
import { prng, seedOf } from './tz.ts';

/** One sample per recorded second, values already rounded as Strava sends them. `time` may jump (auto-pause). */
export interface Streams {
  n: number;
  time: Int32Array;
  distance: Float64Array;
  velocity: Float64Array;
  moving: Uint8Array;
  /** What the device recorded: terrain plus GPS error. */
  altitude: Float64Array | null;
  /** The terrain under the GPS error: elevation gain is counted on it, as Strava counts on its corrected elevation. */
  terrain: Float64Array | null;
  grade: Float64Array | null;
  heartrate: Int16Array | null;
  cadence: Int16Array;
  /** Power: streamed only with a power meter, summarised either way (Strava's estimated watts). */
  watts: Int16Array | null;
  /** lat,lng interleaved; null indoors and in the pool. */
  latlng: Float64Array | null;
}

// The last stream set built, handed out again for the same activity: its summary (stats) and then its /streams or
// detail answer each asked for the same samples, built twice (half the CPU of sandbox-load.property.test.ts). Pure
// and deterministic, and every caller only reads them; one entry, so the sandbox holds no more than one set.
let last: { seed: number; plan: ActivityPlan; latlng: boolean; streams: Streams } | null = null;

/** `latlng: false` skips the position stream (summaries need only a few points; see routePoint). */
export function buildStreams(seed: number, plan: ActivityPlan, opts: { latlng?: boolean } = {}): Streams {
  const latlng = opts.latlng !== false;
  if (last && last.seed === seed && last.plan === plan && last.latlng === latlng) return last.streams;
  const streams = build(seed, plan, latlng);
  last = { seed, plan, latlng, streams };
  return streams;
}

function build(seed: number, plan: ActivityPlan, latlng: boolean): Streams {
  const r = prng(seedOf(seed, 0x57e));
  const M = plan.movingTime;
  const pauses = plan.pauses.map((p) => ({ at: clamp(p.at, 1, M - 1), seconds: p.seconds })).sort((a, b) => a.at - b.at);
  const E = M + pauses.reduce((s, p) => s + p.seconds, 0);
  const a = plan.athlete;
  const ride = plan.sport === 'Ride';
  const swim = plan.sport === 'Swim';

  const { alt, slope } = terrainOf(plan, r);

  // Per-activity character: how much the effort wanders, the GPS's altitude error, HR drift.
  const drift = 0.025 + 0.03 * r(); // HR rises 2.5–5.5 % per hour at the same effort
  const altErrSd = 0.8 + 1.7 * r(); // metres
  const altErrRho = 1 - 1 / (30 + 60 * r()); // correlation time 30–90 s: a random walk that returns
  const altErrStep = altErrSd * Math.sqrt(1 - altErrRho * altErrRho);
  const ftp = a.ftp;
  const rideIntensity = rideIntensityOf(plan.workout, r);
  const restarts = new Set(pauses.map((p) => p.at));

  // Pass over moving seconds: speeds (and power) from the plan at a given scale. Run twice: once to
  // learn how the terrain changes the distance covered, once calibrated so the athlete covers the
  // plan's distance where the hills actually are (speed and grade stay in step).
  const ctx: PassContext = { seed, plan, M, restarts, slope };
  let pass: Pass;
  if (ride) {
    const first = ridePass(ctx, 1, rideIntensity);
    // Conditions (wind, drafting, position): distance on the flat goes with (1/CdA)^(1/3).
    const covered = first.pos[M - 1] ?? plan.distance;
    pass = ridePass(ctx, clamp((covered / plan.distance) ** 3, 0.35, 3), rideIntensity);
  } else pass = calibratedRunPass(ctx);
  // What is left over is absorbed by a uniform scale of the reported distance (a percent or two).
  const scale = plan.distance / (pass.pos[M - 1] ?? plan.distance);

  const tagged = latlng && !!plan.start;
  const n = E + 1;
  const s: Streams = {
    n,
    time: new Int32Array(n),
    distance: new Float64Array(n),
    velocity: new Float64Array(n),
    moving: new Uint8Array(n),
    altitude: swim ? null : new Float64Array(n),
    terrain: swim ? null : new Float64Array(n),
    grade: swim ? null : new Float64Array(n),
    heartrate: plan.hasHeartrate ? new Int16Array(n) : null,
    cadence: new Int16Array(n),
    watts: ride ? new Int16Array(n) : null,
    latlng: tagged ? new Float64Array(2 * n) : null,
  };
  const noise = jitter(r);
  const heartRate = heartRateModel(plan, drift, noise);
  let altErr = 0;
  let k = 0;
  let x = 0;
  let pauseLeft = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    let p = 0;
    if (i > 0) {
      if (pauseLeft > 0) pauseLeft--;
      else if (next < pauses.length && (pauses[next]?.at ?? Infinity) <= k) pauseLeft = (pauses[next++]?.seconds ?? 1) - 1;
      else {
        v = (pass.speed[k] ?? 0) * scale;
        p = pass.power?.[k] ?? 0;
        x = pass.pos[k] ?? x;
        k++;
        s.moving[i] = 1;
      }
    }
    const dist = k === M && v > 0 ? plan.distance : x * scale; // no floating drift on the final sample
    s.time[i] = i;
    s.distance[i] = r1(dist);
    s.velocity[i] = r3(v);
    const g = slope(x) / scale;
    altErr = altErrRho * altErr + altErrStep * noise();
    if (s.altitude && s.terrain && s.grade) {
      const h = alt(x);
      s.terrain[i] = r1(h);
      s.altitude[i] = r1(h + altErr);
      s.grade[i] = r1(g * 100);
    }
    if (s.watts) s.watts[i] = Math.round(p);

    // Always stepped, with or without a heart-rate stream: its noise draw keeps the later draws in place.
    const bpm = heartRate(i, k, v, p, g);
    if (s.heartrate) s.heartrate[i] = bpm;

    let cad = 0;
    if (v > 0) {
      if (ride) cad = p > 0 ? 86 + 10 * (p / ftp - 0.7) - 80 * Math.max(0, g) + 3 * noise() : 0;
      else if (swim) cad = 30 + noise();
      else cad = 84 + 10 * (v / a.thresholdSpeed - 0.75) + 1.2 * noise();
    }
    s.cadence[i] = Math.max(0, Math.round(cad));
    if (s.latlng) {
      const [lat, lng] = routePoint(plan, s.distance[i] ?? 0);
      s.latlng[2 * i] = lat;
      s.latlng[2 * i + 1] = lng;
    }
  }
  return plan.autoPause && pauses.length ? withoutStops(s) : s;
}

/**
 * A device with auto-pause writes nothing while stopped: keep the sample where the athlete stopped
 * (speed 0, not moving) and the first one after, so `time` jumps over the stop like Strava's does.
 */
function withoutStops(s: Streams): Streams {
  const keep: number[] = [];
  for (let i = 0; i < s.n; i++) if (i === 0 || s.moving[i] || s.moving[i - 1] || i === s.n - 1) keep.push(i);
  const pickI32 = (x: Int32Array) => Int32Array.from(keep, (i) => x[i] ?? 0);
  const pick = <T extends Float64Array | Int16Array | Uint8Array>(x: T): T => {
    const out = new (x.constructor as new (n: number) => T)(keep.length);
    keep.forEach((i, j) => {
      out[j] = x[i] ?? 0;
    });
    return out;
  };
  let latlng: Float64Array | null = null;
  if (s.latlng) {
    const ll = s.latlng;
    latlng = new Float64Array(2 * keep.length);
    keep.forEach((i, j) => {
      latlng![2 * j] = ll[2 * i] ?? 0;
      latlng![2 * j + 1] = ll[2 * i + 1] ?? 0;
    });
  }
  return {
    n: keep.length,
    time: pickI32(s.time),
    distance: pick(s.distance),
    velocity: pick(s.velocity),
    moving: pick(s.moving),
    altitude: s.altitude && pick(s.altitude),
    terrain: s.terrain && pick(s.terrain),
    grade: s.grade && pick(s.grade),
    heartrate: s.heartrate && pick(s.heartrate),
    cadence: pick(s.cadence),
    watts: s.watts && pick(s.watts),
    latlng,
  };
}
