// Runs (and swims): the athlete holds an effort (a share of threshold pace on the flat) and pace
// follows the grade the way runners' does: much slower uphill (Minetti's cost), only a little faster downhill.
import type { ActivityPlan } from './generator.ts';
import { clamp, jitter } from './streams-math.ts';
import type { Pass, PassContext } from './streams-pass.ts';
import { prng, seedOf } from './tz.ts';

/** Minetti et al. (2002) energy cost of running (J/kg/m) at grade g: the same curve the analytics' NGP uses. */
export const minetti = (g: number): number => ((((155.4 * g - 30.4) * g - 43.3) * g + 46.3) * g + 19.5) * g + 3.6;

/** Running speed on grade g relative to the flat at the same intended effort. */
function runTerrain(g: number): number {
  // Uphill: Minetti's cost slows the runner, who also lets the effort rise a little (a few % per %).
  if (g >= 0) return (3.6 / minetti(Math.min(g, 0.3))) * (1 + 0.8 * g);
  // Downhill: runners gain far less than the cost curve allows (braking, footing): ~1.6 % per %
  // down to -8 %, and slow down again on steep descents.
  const d = -g;
  return clamp(1 + 1.6 * Math.min(d, 0.08) - 1.5 * Math.max(0, d - 0.12), 0.6, 1.15);
}

/** Multiplier over the session (f = share of moving time done, x = metres run): warm-up, reps, finishing kick. */
function runShape(workout: ActivityPlan['workout'], f: number, x: number, distance: number): number {
  if (workout === 'intervals') return trackShape(x, distance);
  if (f < 0.04 && workout !== 'race') return 0.9;
  if (workout === 'tempo') return f > 0.2 && f < 0.8 ? 1.12 : 0.93;
  if (workout === 'race') return f > 0.95 ? 1.04 : 1;
  return 1;
}

/** The track session's set: 6 × 800 m off 200 m jogs, measured on the track (metres). */
export const TRACK_SET = { reps: 6, repM: 800, jogM: 200 } as const;

/** The track session by distance: warm-up (60 % of what the set leaves), the set, cool-down. */
function trackShape(x: number, distance: number): number {
  const { reps, repM, jogM } = TRACK_SET;
  const set = reps * repM + (reps - 1) * jogM;
  const start = 0.6 * Math.max(0, distance - set);
  const into = x - start;
  if (into < 0 || into >= set) return 0.9;
  return into % (repM + jogM) < repM ? 1.28 : 0.78;
}

/**
 * The pass that covers the plan's distance where the hills actually are: once to learn how the terrain
 * changes the distance covered, then calibrated. A track session, whose reps are laid out by distance,
 * is calibrated until it lands within 0.1 % (its 800 m reps must measure 800 m).
 */
export function calibratedRunPass(ctx: PassContext): Pass {
  const { plan, M } = ctx;
  let scale = 1;
  let pass = runPass(ctx, scale);
  for (let k = 0; k < (plan.workout === 'intervals' ? 6 : 1); k++) {
    const end = pass.pos[M - 1] ?? plan.distance;
    if (k > 0 && Math.abs(end / plan.distance - 1) < 0.001) break;
    scale *= plan.distance / end;
    pass = runPass(ctx, scale);
  }
  return pass;
}

/** Speeds of a run or swim at `scale` times the plan's average pace (swims ignore the terrain). */
export function runPass({ seed, plan, M, restarts, slope }: PassContext, scale: number): Pass {
  const swim = plan.sport === 'Swim';
  const q = prng(seedOf(seed, 0x5bd));
  const noise = jitter(q);
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
    const target = base * scale * (swim ? 1 : runShape(plan.workout, k / M, x, plan.distance) * runTerrain(g)) * (1 + 0.025 * z);
    v += (target - v) * 0.3; // legs change pace within a few seconds
    const reported = Math.max(0.3, v * (1 + 0.02 * w));
    speed[k] = reported;
    x += reported;
    pos[k] = x;
  }
  return { speed, pos, power: null };
}
