// A triathlon's three legs and the two transitions (issue 56, ADR 096's triathlon slice): the swim from CSS, the
// bike from a training-load budget, the run from the run threshold slowed by the athlete's own bricks. Pure: no
// clock, no database. A missing threshold leaves its leg "not enough data yet" with what would help — never a guess.
import { criticalSpeedPredict } from '../critical-speed.calc';
import { planBike, whatIf } from './bike.calc';
import { calibrateBricks, slowdownSlope } from './brick.calc';
import { FORMAT_SPECS } from './formats';
import type { NotEnough, RunLeg, SwimLeg, ThresholdReceipt, TriInput, TriPlan } from './triathlon.types';

export function planSwim(distanceM: number, fraction: number, css: ThresholdReceipt | null): SwimLeg | NotEnough {
  if (!css || !(css.value > 0))
    return {
      state: 'notEnoughData',
      reason: 'no swim threshold (CSS) in effect',
      help: ['Set your CSS in Settings → Training, or record pool swims of 1000 m or more so it is estimated.'],
    };
  const speed = css.value * fraction;
  return { state: 'planned', distanceM, fraction, paceSPer100m: 100 / speed, timeS: distanceM / speed, threshold: css };
}

/** The fresh run time for the distance (threshold speed as CS, the held fraction falling with time), then slowed. */
export function planRun(
  distanceM: number,
  threshold: ThresholdReceipt | null,
  dPrimeM: number | null,
  slowdown: number,
  today: string,
): RunLeg | NotEnough {
  const help = ['Set your threshold pace in Settings → Training, or run hard efforts of 2–20 minutes so it is estimated.'];
  if (!threshold || !(threshold.value > 0)) return { state: 'notEnoughData', reason: 'no run threshold pace in effect', help };
  // Dated today: the threshold's own currency is ADR 065's horizon, already applied to what is in effect.
  const fresh = criticalSpeedPredict(distanceM, { csMps: threshold.value, dPrimeM: dPrimeM ?? 0, date: today }, today);
  if ('insufficient' in fresh) return { state: 'notEnoughData', reason: fresh.insufficient, help };
  const timeS = fresh.timeS * (1 + slowdown);
  return {
    state: 'planned',
    distanceM,
    freshTimeS: fresh.timeS,
    freshPaceSPerKm: (fresh.timeS / distanceM) * 1000,
    slowdown,
    paceSPerKm: (timeS / distanceM) * 1000,
    timeS,
    threshold,
    dPrimeM: dPrimeM ?? null,
  };
}

export function planTriathlon(input: TriInput): TriPlan {
  const spec = FORMAT_SPECS[input.format];
  const swim = planSwim(spec.swimM, spec.swimFraction, input.css);
  const bike = planBike(input.format, input.ftp, input.sessions, input.bikeHours, input.flatCourse ?? false);
  const bricks = calibrateBricks(input.sessions, spec.defaultRunSlowdown, input.ftp?.value ?? null);
  const run = planRun(spec.runM, input.runThreshold, input.runDPrimeM ?? null, bricks.slowdown, input.today);
  const slope =
    bricks.state === 'calibrated'
      ? slowdownSlope(bricks.bricks)
      : { why: 'unknown: your run off the bike is not calibrated from bricks yet' };
  const transitions = {
    t1S: spec.t1S,
    t2S: spec.t2S,
    basis: 'a stated allowance for an age-group transition (wetsuit off and to the bike; rack and shoes), not measured',
  };
  const totalS =
    swim.state === 'planned' && bike.state === 'planned' && run.state === 'planned'
      ? swim.timeS + transitions.t1S + bike.timeS + transitions.t2S + run.timeS
      : null;
  return {
    format: input.format,
    swim,
    bike,
    run,
    bricks,
    whatIf: bike.state === 'planned' ? whatIf(bike, run.state === 'planned' ? run : null, slope) : null,
    whatIfWhy: bike.state === 'planned' ? null : 'the bike leg has no plan yet',
    transitions,
    totalS,
  };
}
