// Daniels & Gilbert (Oxygen Power, 1979), as Daniels' Running Formula tabulates it: the oxygen cost of running at
// a speed, and the fraction of VO2max a runner can hold for a race's duration. A race's VDOT is the first over the
// second; a VDOT's time at another distance solves the same two equations. v in m/min, t in minutes inside.

/** Oxygen cost (ml/kg/min) of running at v m/min. */
export const oxygenCost = (vMperMin: number): number => -4.6 + 0.182258 * vMperMin + 0.000104 * vMperMin ** 2;

/**
 * Fraction of VO2max held for t minutes. Both exponential terms matter: without the second (0.2989558…) a 20:00 5 km
 * reads VDOT 50.1 instead of 49.8, and short races drift further (the test pins it).
 */
export const sustainableFraction = (tMin: number): number =>
  0.8 + 0.1894393 * Math.exp(-0.012778 * tMin) + 0.2989558 * Math.exp(-0.1932605 * tMin);

/** The VDOT a race of `distanceM` in `timeS` shows. */
export function vdotOf(distanceM: number, timeS: number): number {
  const tMin = timeS / 60;
  return oxygenCost(distanceM / tMin) / sustainableFraction(tMin);
}

/**
 * The time (s) at `distanceM` that shows `vdot`. For a fixed distance the VDOT falls as the time grows, so bisection
 * on the time converges; the bracket spans a 2 m/s walk-jog to faster than any human.
 */
export function timeForVdot(distanceM: number, vdot: number): number {
  let fast = distanceM / 12; // 12 m/s: beyond every record
  let slow = distanceM / 1.5;
  for (let i = 0; i < 80; i++) {
    const mid = (fast + slow) / 2;
    if (vdotOf(distanceM, mid) > vdot) fast = mid;
    else slow = mid;
  }
  return (fast + slow) / 2;
}
