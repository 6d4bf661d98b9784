// How many days a question needs before an effect of a given size could be told from noise: the answer the
// athlete gets instead of a bare "not enough data" (ADR 069).
import { firstDiscoveryLevel } from './fdr.calc';
import { normalQuantile } from './normal.calc';

/**
 * Effective days for power `power` to find ρ at two-sided level `alpha`, by the Fisher-z approximation with
 * the null variance 1/(n − 3) and the Bonett–Wright variance under the alternative.
 */
export function effectiveDaysFor(rho: number, alpha: number, power = 0.8): number {
  const r = Math.min(0.99, Math.abs(rho));
  if (r === 0) return Number.POSITIVE_INFINITY;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const root = (za + zb * Math.sqrt(1 + (r * r) / 2)) / Math.atanh(r);
  return root * root + 3;
}

export interface DaysNeeded {
  /** Calendar days in total the question needs, at today's ratio of effective to calendar days. */
  totalDays: number;
  /** How many more than now (0 when there are enough). */
  moreDays: number;
}

/**
 * Days a question of a family of `m` needs to find an effect the size of `rho` with 80 % power as the family's
 * first discovery (the strictest case of Benjamini–Yekutieli at FDR `q`); `effectiveRatio` = n_eff / n today.
 */
export function daysNeeded(rho: number, opts: { days: number; effectiveRatio: number; m: number; q: number }): DaysNeeded {
  const eff = effectiveDaysFor(rho, firstDiscoveryLevel(opts.m, opts.q));
  const totalDays = Math.ceil(eff / Math.max(0.05, Math.min(1, opts.effectiveRatio)));
  return { totalDays, moreDays: Math.max(0, totalDays - opts.days) };
}
