// Per-second streams rebuilt from an activity's plan, and the summary figures computed from them.
// Pure and deterministic: the same (seed, plan) always yields the same samples, so streams are not
// stored; summaries are derived from the very samples a later /streams call returns.
import type { ActivityPlan } from './generator.ts';
import { prng, round, seedOf } from './tz.ts';

/** One sample per elapsed second (index i ↔ time i), values already rounded as Strava sends them. */
export interface Streams {
  n: number;
  time: Int32Array;
  distance: Float64Array;
  velocity: Float64Array;
  moving: Uint8Array;
  altitude: Float64Array | null;
  grade: Float64Array | null;
  heartrate: Int16Array | null;
  cadence: Int16Array;
  /** Power from a physics model: streamed only with a power meter, summarised either way. */
  watts: Int16Array | null;
  /** lat,lng interleaved; null indoors and in the pool. */
  latlng: Float64Array | null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

// Table sine (4096 steps, linear interpolation, error < 1e-6): streams evaluate ~10 trig calls per
// sample and a history is ~500k samples, so Math.sin dominated generation time.
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

/** Speed multiplier over the session (f = share of moving time done): warm-up, reps, finishing kick. */
function workoutShape(workout: ActivityPlan['workout'], f: number): number {
  if (f < 0.04 && workout !== 'race') return 0.9;
  if (workout === 'tempo') return f > 0.2 && f < 0.8 ? 1.12 : 0.93;
  if (workout === 'intervals') return f > 0.2 && f < 0.8 ? (Math.floor((f - 0.2) / 0.05) % 2 === 0 ? 1.28 : 0.78) : 0.9;
  if (workout === 'race') return f > 0.95 ? 1.05 : 1;
  return 1;
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

/** `latlng: false` skips the position stream (summaries need only a few points; see routePoint). */
export function buildStreams(seed: number, plan: ActivityPlan, opts: { latlng?: boolean } = {}): Streams {
  const r = prng(seedOf(seed, 0x57e));
  // Uniform jitter with sd 1: cheap enough for every sample (Box–Muller was the hot spot).
  const noise = () => (r() - 0.5) * 3.46;
  const M = plan.movingTime;
  const pauses = plan.pauses.map((p) => ({ at: clamp(p.at, 1, M - 1), seconds: p.seconds })).sort((a, b) => a.at - b.at);
  const E = M + pauses.reduce((s, p) => s + p.seconds, 0);
  const n = E + 1;
  const a = plan.athlete;
  const ride = plan.sport === 'Ride';

  // Terrain: three sine waves of distance (long rolling hills, shorter rises, ripples), so altitude
  // and grade are smooth and the climbing is plausible for the plan's hilliness.
  const H = plan.hilliness;
  const amp = [H, 0.25 * H, 0.05 * H];
  const freq = [4000 + r() * 5000, 1200 + r() * 1800, 300 + r() * 500].map((len) => (2 * Math.PI) / len);
  const phase = [r(), r(), r()].map((x) => x * 2 * Math.PI);
  const alt0 = plan.baseAltitude - amp.reduce((sum, A, j) => sum + A * Math.sin(phase[j] ?? 0), 0);
  const [A0, A1, A2] = amp as [number, number, number];
  const [F0, F1, F2] = freq as [number, number, number];
  const [P0, P1, P2] = phase as [number, number, number];
  const alt = (d: number) => alt0 + A0 * sin(F0 * d + P0) + A1 * sin(F1 * d + P1) + A2 * sin(F2 * d + P2);
  const slope = (d: number) => A0 * F0 * cos(F0 * d + P0) + A1 * F1 * cos(F1 * d + P1) + A2 * F2 * cos(F2 * d + P2);

  // Pass 1: raw speed per moving second, then one scale factor so the total is exactly plan.distance.
  const speed = new Float64Array(M);
  const base = plan.distance / M;
  let z = 0;
  let d = 0;
  for (let k = 0; k < M; k++) {
    z = 0.99 * z + 0.141 * noise();
    const g = plan.hilliness > 0 ? slope(d) : 0;
    const terrain = plan.sport === 'Swim' ? 1 : ride ? clamp(1 - 7 * g, 0.35, 1.7) : clamp(1 - 4 * g, 0.55, 1.25);
    const v = base * workoutShape(plan.workout, k / M) * (1 + 0.03 * z) * terrain;
    speed[k] = v;
    d += v;
  }
  const scale = plan.distance / d;

  const s: Streams = {
    n,
    time: new Int32Array(n),
    distance: new Float64Array(n),
    velocity: new Float64Array(n),
    moving: new Uint8Array(n),
    altitude: plan.sport === 'Swim' ? null : new Float64Array(n),
    grade: plan.sport === 'Swim' ? null : new Float64Array(n),
    heartrate: plan.hasHeartrate ? new Int16Array(n) : null,
    cadence: new Int16Array(n),
    watts: ride ? new Int16Array(n) : null,
    latlng: plan.start && opts.latlng !== false ? new Float64Array(2 * n) : null,
  };
  const mass = a.weight + 9;
  let hr = a.restHr + 20;
  let k = 0;
  let dist = 0;
  let pauseLeft = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    if (i > 0) {
      if (pauseLeft > 0) pauseLeft--;
      else if (next < pauses.length && (pauses[next]?.at ?? Infinity) <= k) pauseLeft = (pauses[next++]?.seconds ?? 1) - 1;
      else {
        v = (speed[k] ?? 0) * scale;
        k++;
        s.moving[i] = 1;
      }
    }
    dist += v;
    if (k === M && v > 0) dist = plan.distance; // no floating drift on the final sample
    s.time[i] = i;
    s.distance[i] = r1(dist);
    s.velocity[i] = r3(v);
    const g = plan.hilliness > 0 ? slope(dist) : 0;
    if (s.altitude) s.altitude[i] = r1(alt(dist));
    if (s.grade) s.grade[i] = r1(g * 100);
    // Power: rolling resistance + climbing + air drag at the wheel; negative means coasting.
    let watts = 0;
    if (ride && v > 0) watts = clamp(((mass * 9.81 * (0.004 + g) * v + 0.5 * 1.2 * 0.32 * v ** 3) / 0.975) * (1 + 0.04 * noise()), 0, 3 * a.ftp);
    if (s.watts) s.watts[i] = Math.round(watts);
    const effort = v === 0 ? 0 : ride ? watts / a.ftp : plan.sport === 'Swim' ? 0.75 : ((v * (1 + 5 * g)) / a.thresholdSpeed);
    // Heart-rate reserve used: ~65 % at easy pace (0.76 of threshold), ~88 % at threshold, plus drift.
    const target = a.restHr + (a.maxHr - a.restHr) * clamp(0.88 + (effort - 1) * 0.95, 0.25, 1) + (6 * k) / M;
    hr += (target - hr) / (target > hr ? 18 : 30);
    if (s.heartrate) s.heartrate[i] = Math.round(clamp(hr + 0.6 * noise(), a.restHr, a.maxHr));
    const cad = v === 0 ? 0 : ride ? (watts > 5 ? 84 + 8 * (watts / a.ftp - 0.7) + 3 * noise() : 0) : plan.sport === 'Swim' ? 30 + noise() : 84 + 10 * (v / a.thresholdSpeed - 0.75) + 1.2 * noise();
    s.cadence[i] = Math.max(0, Math.round(cad));
    if (s.latlng) {
      const [lat, lng] = routePoint(plan, s.distance[i] ?? 0);
      s.latlng[2 * i] = lat;
      s.latlng[2 * i + 1] = lng;
    }
  }
  return s;
}

/** Sum of climbs between samples a..b, from the rounded altitude the stream carries. */
export function elevationGain(s: Streams, from = 0, to = s.n - 1): number {
  if (!s.altitude) return 0;
  let gain = 0;
  for (let i = from + 1; i <= to; i++) gain += Math.max(0, (s.altitude[i] ?? 0) - (s.altitude[i - 1] ?? 0));
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
