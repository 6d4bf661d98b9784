// Per-second streams rebuilt from an activity's plan, and the summary figures computed from them.
// Pure and deterministic: the same (seed, plan) always yields the same samples, so streams are not
// stored; summaries are derived from the very samples a later /streams call returns.
//
// The model (why each piece exists is next to it; figures it hits are in ../README.md):
// - terrain: smooth rolling hills as a function of position, with grades capped per kind of route;
// - runs: the athlete holds an effort (a share of threshold pace on the flat) and pace follows the
//   grade the way runners' does: much slower uphill (Minetti's cost), only a little faster downhill;
// - rides: the athlete holds a power (harder uphill, easing and coasting downhill, short freewheels
//   on the flat, 1-s variability of a real power meter) and speed follows from bike physics with inertia;
// - heart rate: a steady state from the metabolic effort, reached with a ~30 s lag, drifting a few
//   % per hour, never above the athlete's max;
// - altitude: the terrain plus GPS-like error (a slow random walk of a metre or two);
// - stops: recorded as standing still, or (devices with auto-pause) left out of the streams.
import type { ActivityPlan } from './generator.ts';
import { prng, round, seedOf } from './tz.ts';

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

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

// Table sine (4096 steps, linear interpolation, error < 1e-6): streams evaluate several trig calls per
// sample and a history is millions of samples, so Math.sin dominated generation time.
const TABLE = 4096;
const SIN = Float64Array.from({ length: TABLE + 1 }, (_, i) => Math.sin((2 * Math.PI * i) / TABLE));
function sin(x: number): number {
  let t = (x / (2 * Math.PI)) * TABLE;
  t -= Math.floor(t / TABLE) * TABLE;
  const i = Math.floor(t);
  const f = t - i;
  return (SIN[i] ?? 0) * (1 - f) + (SIN[i + 1] ?? 0) * f;
}
const cos = (x: number) => sin(x + Math.PI / 2);

/** Minetti et al. (2002) energy cost of running (J/kg/m) at grade g: the same curve the analytics' NGP uses. */
const minetti = (g: number): number => ((((155.4 * g - 30.4) * g - 43.3) * g + 46.3) * g + 19.5) * g + 3.6;

/** Running speed on grade g relative to the flat at the same intended effort. */
function runTerrain(g: number): number {
  // Uphill: Minetti's cost slows the runner, who also lets the effort rise a little (a few % per %).
  if (g >= 0) return (3.6 / minetti(Math.min(g, 0.3))) * (1 + 0.8 * g);
  // Downhill: runners gain far less than the cost curve allows (braking, footing): ~1.6 % per %
  // down to -8 %, and slow down again on steep descents.
  const d = -g;
  return clamp(1 + 1.6 * Math.min(d, 0.08) - 1.5 * Math.max(0, d - 0.12), 0.6, 1.15);
}

/** Multiplier over the session (f = share of moving time done): warm-up, reps, finishing kick. */
function runShape(workout: ActivityPlan['workout'], f: number): number {
  if (f < 0.04 && workout !== 'race') return 0.9;
  if (workout === 'tempo') return f > 0.2 && f < 0.8 ? 1.12 : 0.93;
  if (workout === 'intervals') return f > 0.2 && f < 0.8 ? (Math.floor((f - 0.2) / 0.05) % 2 === 0 ? 1.28 : 0.78) : 0.9;
  if (workout === 'race') return f > 0.95 ? 1.04 : 1;
  return 1;
}

/** Power as a share of FTP over the session. */
function rideShape(workout: ActivityPlan['workout'], intensity: number, f: number): number {
  if (workout === 'intervals') {
    // A structured trainer session: warm-up, 6 reps at ~105 % FTP with equal recoveries, cool-down.
    if (f < 0.2) return 0.5 + f;
    if (f > 0.8) return 0.55;
    return Math.floor((f - 0.2) / 0.05) % 2 === 0 ? 1.05 : 0.5;
  }
  return f < 0.05 ? intensity * 0.85 : intensity;
}

/**
 * Seconds of short, hard efforts on outdoor rides, as multiples of FTP (0 elsewhere): about one
 * 6–10-s acceleration at 2.3–3× FTP every 15 minutes, and in group rides and races an 8–12-s sprint
 * at 3–3.8× every 30 minutes (keeping NP/average power of a hilly group ride under ~1.25). Real power files all have them; without them a rider's 5-s best
 * sits barely above their FTP. Drawn from their own random stream, so nothing else changes.
 */
function surgePlan(plan: ActivityPlan, seconds: number, seed: number): Float64Array {
  const out = new Float64Array(seconds);
  if (plan.trainer) return out;
  const r = prng(seedOf(seed, 0x5e7));
  const group = plan.workout === 'tempo' || plan.workout === 'race';
  const every = group ? 1800 : 900;
  for (let k = 120 + Math.floor(r() * every); k < seconds - 60; k += Math.floor(every * (0.5 + r()))) {
    const len = group ? 8 + Math.floor(r() * 5) : 6 + Math.floor(r() * 5);
    const level = group ? 3 + 0.8 * r() : 2.3 + 0.7 * r();
    for (let j = 0; j < len; j++) out[k + j] = level;
  }
  return out;
}

/**
 * Where the athlete is after `dist` metres: a loop of the activity's length around the start,
 * rotated by the plan's heading. A function of the (rounded) distance only, so summaries can place
 * the few polyline points without building the whole latlng stream.
 */
export function routePoint(plan: ActivityPlan, dist: number): [number, number] {
  const [lat0, lng0] = plan.start ?? [0, 0];
  const radius = plan.distance / (2 * Math.PI);
  const th = dist / radius;
  const east0 = radius * sin(th);
  const north0 = radius * (1 - cos(th));
  const east = east0 * Math.cos(plan.heading) - north0 * Math.sin(plan.heading);
  const north = east0 * Math.sin(plan.heading) + north0 * Math.cos(plan.heading);
  return [r6(lat0 + north / 111_320), r6(lng0 + east / (111_320 * Math.cos((lat0 * Math.PI) / 180)))];
}

interface Pass {
  speed: Float64Array;
  /** Position (m, along the terrain) at the end of each moving second. */
  pos: Float64Array;
  power: Float64Array | null;
}

/** `latlng: false` skips the position stream (summaries need only a few points; see routePoint). */
export function buildStreams(seed: number, plan: ActivityPlan, opts: { latlng?: boolean } = {}): Streams {
  const r = prng(seedOf(seed, 0x57e));
  // Uniform jitter with sd 1: cheap enough for every sample (Box–Muller was the hot spot).
  const M = plan.movingTime;
  const pauses = plan.pauses.map((p) => ({ at: clamp(p.at, 1, M - 1), seconds: p.seconds })).sort((a, b) => a.at - b.at);
  const E = M + pauses.reduce((s, p) => s + p.seconds, 0);
  const a = plan.athlete;
  const run = plan.sport === 'Run';
  const ride = plan.sport === 'Ride';
  const swim = plan.sport === 'Swim';
  const race = plan.workout === 'race';

  // Terrain: three sine waves of position (long rolling hills, shorter rises, ripples). Their grade
  // amplitudes add up to at most `maxGrade`, so a hilly plan gets longer hills rather than walls:
  // road runs stay within a few %, trails reach ~17 %, roads for bikes ~8 %.
  const H = plan.hilliness;
  const maxGrade = ride ? 0.08 : clamp(0.02 + H * 0.0013, 0.025, 0.17);
  const amp = [H, 0.25 * H, 0.05 * H];
  const freq = [4000 + r() * 5000, 1200 + r() * 1800, 300 + r() * 500].map((len) => (2 * Math.PI) / len);
  const phase = [r(), r(), r()].map((x) => x * 2 * Math.PI);
  const gradeAmp = amp.reduce((s, A, j) => s + A * (freq[j] ?? 0), 0);
  if (gradeAmp > maxGrade) for (let j = 0; j < 3; j++) amp[j] = (amp[j] ?? 0) * (maxGrade / gradeAmp);
  const alt0 = plan.baseAltitude - amp.reduce((sum, A, j) => sum + A * Math.sin(phase[j] ?? 0), 0);
  const [A0, A1, A2] = amp as [number, number, number];
  const [F0, F1, F2] = freq as [number, number, number];
  const [P0, P1, P2] = phase as [number, number, number];
  const flat = H <= 0;
  const alt = (d: number) => alt0 + A0 * sin(F0 * d + P0) + A1 * sin(F1 * d + P1) + A2 * sin(F2 * d + P2);
  const slope = (d: number) => (flat ? 0 : A0 * F0 * cos(F0 * d + P0) + A1 * F1 * cos(F1 * d + P1) + A2 * F2 * cos(F2 * d + P2));

  // Per-activity character: how much the effort wanders, the GPS's altitude error, HR drift.
  const drift = 0.025 + 0.03 * r(); // HR rises 2.5–5.5 % per hour at the same effort
  const altErrSd = 0.8 + 1.7 * r(); // metres
  const altErrRho = 1 - 1 / (30 + 60 * r()); // correlation time 30–90 s: a random walk that returns
  const altErrStep = altErrSd * Math.sqrt(1 - altErrRho * altErrRho);
  const ftp = a.ftp;
  const mass = a.weight + 9;
  // Ride effort: share of FTP held when pedalling on the flat (the plan's workout decides the band).
  const rideIntensity =
    plan.workout === 'commute'
      ? 0.5 + 0.12 * r()
      : plan.workout === 'tempo'
        ? 0.72 + 0.1 * r()
        : plan.workout === 'recovery'
          ? 0.5 + 0.08 * r()
          : 0.6 + 0.1 * r();
  const restarts = new Set(pauses.map((p) => p.at));

  // Pass over moving seconds: speeds (and power) from the plan at a given scale. Run twice: once to
  // learn how the terrain changes the distance covered, once calibrated so the athlete covers the
  // plan's distance where the hills actually are (speed and grade stay in step).
  const runPass = (scale: number): Pass => {
    const q = prng(seedOf(seed, 0x5bd));
    const noise = () => (q() - 0.5) * 3.46;
    const speed = new Float64Array(M);
    const pos = new Float64Array(M);
    const base = plan.distance / M;
    let z = 0; // slow wander of the effort (sd 1, ~70 s)
    let w = 0; // GPS speed error (sd 1, a few seconds)
    let v = base * 0.7;
    let x = 0;
    for (let k = 0; k < M; k++) {
      z = 0.986 * z + 0.167 * noise();
      w = 0.6 * w + 0.8 * noise();
      if (restarts.has(k)) v *= 0.5; // back from a stop
      const g = slope(x);
      const target = base * scale * (swim ? 1 : runShape(plan.workout, k / M) * runTerrain(g)) * (1 + 0.025 * z);
      v += (target - v) * 0.3; // legs change pace within a few seconds
      const reported = Math.max(0.3, v * (1 + 0.02 * w));
      speed[k] = reported;
      x += reported;
      pos[k] = x;
    }
    return { speed, pos, power: null };
  };

  const ridePass = (airScale: number): Pass => {
    const q = prng(seedOf(seed, 0xb1c));
    const noise = () => (q() - 0.5) * 3.46;
    const speed = new Float64Array(M);
    const pos = new Float64Array(M);
    const power = new Float64Array(M);
    const cda = 0.32 * airScale;
    const erg = plan.trainer && plan.workout === 'intervals';
    const surges = surgePlan(plan, M, seed);
    let slow = 0; // pacing wander (sd 1, ~30 s)
    let fast = 0; // pedalling irregularity (sd 1, ~3 s)
    let coasting = false;
    let v = 0;
    let cruise = 8;
    let x = 0;
    for (let k = 0; k < M; k++) {
      slow = 0.967 * slow + 0.255 * noise();
      fast = 0.72 * fast + 0.69 * noise();
      if (restarts.has(k)) v = 0;
      const g = slope(x);
      // Riders push on climbs and ease off downhill (the classic variability of an outdoor ride).
      // A trainer workout runs in ERG mode: the trainer holds the target whatever the virtual road does.
      const terrain = erg ? 1 : g >= 0 ? 1 + Math.min(0.3, 3 * g) : Math.max(0.3, 1 + 6 * g);
      let p = ftp * rideShape(plan.workout, rideIntensity, k / M) * terrain * (1 + 0.06 * slow + 0.09 * fast + 0.04 * noise());
      if (v < 0.6 * cruise) p *= 1.25; // getting back up to speed
      // Freewheeling: short breaks on the flat (corners, traffic), long ones on descents and at speed;
      // almost none on a trainer.
      const enter = erg ? 0 : plan.trainer ? 0.0015 : 0.004 + (g < -0.02 ? Math.min(0.15, (-g - 0.02) * 6) : 0) + (v > 13 ? 0.1 : 0);
      const exit = plan.trainer ? 0.35 : g < -0.03 ? 0.04 : 0.22;
      coasting = coasting ? q() > exit : q() < enter;
      if (coasting) p = 0;
      p = clamp(p, 0, 2.2 * ftp);
      // A jump out of a corner or a town-sign sprint: seconds far above FTP (the 5-s end of the power curve).
      if (surges[k]! > 0) (p = ftp * surges[k]! * (1 + 0.04 * noise())), (coasting = false);
      // Bike physics with inertia: drive − rolling − gravity − air, 1-s steps.
      const force = (p * 0.975) / Math.max(v, 2) - mass * 9.81 * (0.004 + g) - 0.6 * cda * v * v;
      v = clamp(v + force / (mass + 2), 1.5, 17);
      cruise += (v - cruise) / 60;
      speed[k] = v;
      power[k] = p;
      x += v;
      pos[k] = x;
    }
    return { speed, pos, power };
  };

  let pass: Pass;
  if (ride) {
    const first = ridePass(1);
    // Conditions (wind, drafting, position): distance on the flat goes with (1/CdA)^(1/3).
    const covered = first.pos[M - 1] ?? plan.distance;
    pass = ridePass(clamp((covered / plan.distance) ** 3, 0.35, 3));
  } else {
    const first = runPass(1);
    pass = runPass(plan.distance / (first.pos[M - 1] ?? plan.distance));
  }
  // What is left over is absorbed by a uniform scale of the reported distance (a percent or two).
  const scale = plan.distance / (pass.pos[M - 1] ?? plan.distance);

  const hr0 = a.restHr + 0.15 * (a.maxHr - a.restHr);
  const hrr = a.maxHr - a.restHr;
  const tagged = opts.latlng !== false && !!plan.start;
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
  const noise = () => (r() - 0.5) * 3.46;
  let hr = hr0;
  let hrNoise = 0;
  let altErr = 0;
  let effortAvg = 0;
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

    // Metabolic effort as a share of threshold: power for rides, grade-adjusted speed for runs
    // (descents still cost something: the heart does not get Minetti's full downhill discount).
    let effort = 0;
    if (v > 0) effort = ride ? p / ftp : swim ? 0.74 : (v * Math.max(0.6, minetti(clamp(g, -0.3, 0.3)) / 3.6)) / a.thresholdSpeed;
    effortAvg += (effort - effortAvg) * (ride ? 0.1 : 0.3); // power is spiky; the heart answers its ~10-s mean
    // Share of heart-rate reserve: ~60 % at easy effort, ~85 % (LTHR ≈ 89 % of max) at threshold,
    // flattening above it (VO2 reps end near 93–95 %); only a race's finish reaches the max.
    const above = Math.max(0, effortAvg - 1);
    // A race climbs towards the max as it goes (the drift of an all-out effort, and the finish).
    const racing = race && v > 0 ? 0.07 * (k / M) : 0;
    const target = a.restHr + hrr * clamp(0.85 + 0.9 * (Math.min(effortAvg, 1) - 1) + 0.6 * above + racing, 0.15, race ? 1 : 0.97);
    const drifted = target * (1 + (drift * i) / 3600);
    hr += (drifted - hr) / (drifted > hr ? 30 : 45);
    hrNoise = 0.8 * hrNoise + 0.6 * noise();
    if (s.heartrate) s.heartrate[i] = Math.round(clamp(hr + hrNoise, a.restHr, a.maxHr));

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

/** Sum of climbs between samples a..b, from the terrain under the GPS error (Strava counts on corrected elevation). */
export function elevationGain(s: Streams, from = 0, to = s.n - 1): number {
  const h = s.terrain ?? s.altitude;
  if (!h) return 0;
  let gain = 0;
  for (let i = from + 1; i <= to; i++) gain += Math.max(0, (h[i] ?? 0) - (h[i - 1] ?? 0));
  return round(gain, 1);
}

/** Mean of a stream over the moving samples in (from, to]. */
export function movingMean(values: ArrayLike<number>, s: Streams, from = 0, to = s.n - 1): number {
  let sum = 0;
  let count = 0;
  for (let i = from + 1; i <= to; i++) {
    if (!s.moving[i]) continue;
    sum += values[i] ?? 0;
    count++;
  }
  return count ? sum / count : 0;
}

export function maxOf(values: ArrayLike<number>, from = 0, to = values.length - 1): number {
  let m = -Infinity;
  for (let i = from; i <= to; i++) m = Math.max(m, values[i] ?? -Infinity);
  return m;
}
