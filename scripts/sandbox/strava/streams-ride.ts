// Rides: the athlete holds a power (harder uphill, easing and coasting downhill, short freewheels on
// the flat, 1-s variability of a real power meter, short surges) and speed follows from bike physics with inertia.
import type { ActivityPlan } from './generator.ts';
import { clamp, jitter } from './streams-math.ts';
import type { Pass, PassContext } from './streams-pass.ts';
import { prng, seedOf } from './tz.ts';

/** Ride effort: share of FTP held when pedalling on the flat (the plan's workout decides the band). Draws one number from `r`. */
export function rideIntensityOf(workout: ActivityPlan['workout'], r: () => number): number {
  return workout === 'commute'
    ? 0.5 + 0.12 * r()
    : workout === 'tempo'
      ? 0.72 + 0.1 * r()
      : workout === 'recovery'
        ? 0.5 + 0.08 * r()
        : 0.6 + 0.1 * r();
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

/** Speeds and power of a ride at `rideIntensity` of FTP, with the rider's CdA scaled by `airScale` (wind, drafting, position). */
export function ridePass({ seed, plan, M, restarts, slope }: PassContext, airScale: number, rideIntensity: number): Pass {
  const ftp = plan.athlete.ftp;
  const mass = plan.athlete.weight + 9;
  const q = prng(seedOf(seed, 0xb1c));
  const noise = jitter(q);
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
}
