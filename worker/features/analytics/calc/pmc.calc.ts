// Performance Management: the exponentially weighted recurrence GoldenCheetah and intervals.icu use
// (docs/decisions/007-training-load.md), not the simpler CTL += (load − CTL)/42, which differs by ~1.2 %.

import type { FitnessDay } from '../analytics.types';
import { fromEpochDay, toEpochDay } from '../../../lib/dates';

export const CTL_DAYS = 42;
export const ATL_DAYS = 7;
export const CTL_K = 1 - Math.exp(-1 / CTL_DAYS);
export const ATL_K = 1 - Math.exp(-1 / ATL_DAYS);

/** CTL and ATL at the end of the day before a series starts. */
export interface FitnessSeed {
  ctl: number;
  atl: number;
}

const ZERO_SEED: FitnessSeed = { ctl: 0, atl: 0 };

/**
 * Day-by-day CTL/ATL from `from` to `to` inclusive (every day, rest days decay), starting from `seed`
 * (zero by default: history starts on its first day; a plan's projection starts from today's fitness).
 * TSB is yesterday's CTL − yesterday's ATL: today's training has not yet had time to change form.
 */
export function fitnessSeries(
  loadsByDay: ReadonlyMap<string, number>,
  from: string,
  to: string,
  seed: FitnessSeed = ZERO_SEED,
): FitnessDay[] {
  const out: FitnessDay[] = [];
  let ctl = seed.ctl;
  let atl = seed.atl;
  const last = toEpochDay(to);
  for (let n = toEpochDay(from); n <= last; n++) {
    const day = fromEpochDay(n);
    const load = loadsByDay.get(day) ?? 0;
    const tsb = ctl - atl;
    ctl = load * CTL_K + ctl * (1 - CTL_K);
    atl = load * ATL_K + atl * (1 - ATL_K);
    out.push({ date: day, load, ctl, atl, tsb });
  }
  return out;
}

/** CTL change over the last 7 days (TrainingPeaks' ramp rate). */
export function rampRate(series: FitnessDay[]): number | null {
  if (series.length < 8) return null;
  return series[series.length - 1]!.ctl - series[series.length - 8]!.ctl;
}
