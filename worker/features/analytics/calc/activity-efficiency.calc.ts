// One activity's efficiency factor and aerobic decoupling as the activity page states them: the value, how it is
// computed, and when there is none, why ("not enough data" in words). Pure; reads the stored facts (derive-facts).
import { DECOUPLING_MIN_SESSION_S, RIDE_STEADY_MAX_VI, RUN_STEADY_MAX_CV } from './derive-facts.calc';

/** EF on a shorter activity says more about the warm-up than the engine (as the efficiency trend counts it). */
export const EF_MIN_MOVING_S = 20 * 60;

export interface EfficiencyInput {
  sport: string;
  movingTimeS: number;
  avgHr: number | null;
  normalizedPower: number | null;
  /** Normalised graded pace as a speed, m/s. */
  ngpMps: number | null;
  decouplingPct: number | null;
}

export interface ActivityEfficiency {
  /** W per bpm (rides) or metres a minute per bpm (runs). */
  ef: number | null;
  efUnit: string | null;
  efHow: string;
  efMissing: string | null;
  decouplingPct: number | null;
  decouplingHow: string;
  decouplingMissing: string | null;
}

const minutes = (s: number) => `${Math.round(s / 60)} min`;

export function activityEfficiency(x: EfficiencyInput): ActivityEfficiency | null {
  const ride = x.sport === 'ride';
  if (!ride && x.sport !== 'run') return null;
  const output = ride ? 'normalised power' : 'normalised graded pace';
  const efHow = ride
    ? 'EF = normalised power ÷ average heart rate (W per beat a minute); higher at the same effort means fitter.'
    : 'EF = normalised graded pace (metres a minute) ÷ average heart rate (metres per beat); higher at the same effort means fitter.';
  const decouplingHow = `Pa:HR decoupling: ${ride ? 'power' : 'pace'} per heartbeat in the first half against the second, over moving time. Under 5 % means aerobically steady; it is read only on steady sessions of ${minutes(DECOUPLING_MIN_SESSION_S)} or more.`;
  const outputValue = ride ? x.normalizedPower : x.ngpMps === null ? null : x.ngpMps * 60;
  let efMissing: string | null = null;
  if (!x.avgHr) efMissing = 'Not enough data: no heart rate was recorded.';
  else if (x.movingTimeS < EF_MIN_MOVING_S) efMissing = `Not enough data: needs ${minutes(EF_MIN_MOVING_S)} of moving time.`;
  else if (!outputValue) efMissing = `Not enough data: no ${output} (${ride ? 'no power recorded' : 'no pace stream'}).`;
  let decouplingMissing: string | null = null;
  if (x.decouplingPct === null) {
    if (!x.avgHr) decouplingMissing = 'Not enough data: no heart rate was recorded.';
    else if (x.movingTimeS < DECOUPLING_MIN_SESSION_S)
      decouplingMissing = `Not enough data: needs ${minutes(DECOUPLING_MIN_SESSION_S)} of moving time.`;
    else
      decouplingMissing = ride
        ? `Not read: the ride was not steady enough (normalised power more than ${Math.round((RIDE_STEADY_MAX_VI - 1) * 100)} % above average), or power or heart rate was missing.`
        : `Not read: the pace varied too much (more than ${Math.round(RUN_STEADY_MAX_CV * 100)} % around its mean), or the pace or heart-rate stream was missing.`;
  }
  return {
    ef: efMissing ? null : Math.round((outputValue! / x.avgHr!) * 100) / 100,
    efUnit: ride ? 'W per bpm' : 'm per beat',
    efHow,
    efMissing,
    decouplingPct: x.decouplingPct === null ? null : Math.round(x.decouplingPct * 10) / 10,
    decouplingHow,
    decouplingMissing,
  };
}
