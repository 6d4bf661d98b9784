// Whether the athlete's training backs the plan's first half: against the critical speed and D′ analytics
// estimated, with their date. The marathon has a measured line (Smyth & Muniz-Pumares 2020: a first half above
// ~94 % of CS predicts a collapse); shorter races ask the CS model what can be held for the race's duration.

import { daysBetween } from '../../lib/dates';
import { csFraction } from './critical-speed.calc';
import type { CriticalSpeedInput } from './races.types';
import { RECENT_DAYS } from './recent-bests.calc';
import { formatDay } from '../../lib/format';

/** From 30 km the marathon's evidence applies (the same line as the prediction's marathon shift, ADR 096). */
export const MARATHON_RULE_FROM_M = 30000;
/** A marathon's first half above this fraction of CS predicts a collapse (Smyth & Muniz-Pumares 2020). */
export const COLLAPSE_FRACTION_OF_CS = 0.94;

export type PacingCheck =
  | { state: 'unchecked'; reason: string }
  | {
      state: 'ok' | 'warning';
      rule: 'marathonCollapse' | 'criticalSpeedModel';
      /** The first half's mean speed, grade-adjusted (flat-equivalent), m/s. */
      firstHalfMps: number;
      /** The speed the rule allows for the first half, m/s. */
      limitMps: number;
      /** The first half's speed as a fraction of CS. */
      fractionOfCs: number;
      csMps: number;
      dPrimeM: number;
      csDate: string;
      message: string;
    };

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/**
 * The check. Marathon-like races: warn above 94 % of CS. Shorter: warn when the first half is faster than the speed
 * the CS model says can be held for the whole race's time (up to 20 min that is CS + D′/T: the first half would
 * spend more than its half of D′; beyond, the fraction falling to the marathon anchors).
 */
export function checkFirstHalf(
  distanceM: number,
  targetS: number,
  firstHalfMps: number,
  cs: CriticalSpeedInput | null | undefined,
  today: string,
): PacingCheck {
  if (!cs) return { state: 'unchecked', reason: 'no critical speed fit yet, so the first half could not be checked against training' };
  if (!(cs.csMps > 0 && cs.csMps < 7 && cs.dPrimeM >= 0 && cs.dPrimeM < 1000))
    return { state: 'unchecked', reason: 'the critical speed fit is outside what runners show, so the first half was not checked' };
  const age = daysBetween(cs.date, today);
  if (!(age >= 0 && age <= RECENT_DAYS))
    return {
      state: 'unchecked',
      reason: `the critical speed fit (${formatDay(cs.date)}) is older than ${RECENT_DAYS} days, so the first half was not checked`,
    };
  const marathon = distanceM >= MARATHON_RULE_FROM_M;
  const limitMps = marathon ? COLLAPSE_FRACTION_OF_CS * cs.csMps : csFraction(targetS, cs) * cs.csMps;
  const fractionOfCs = firstHalfMps / cs.csMps;
  const over = firstHalfMps > limitMps;
  const basis = `critical speed ${cs.csMps.toFixed(2)} m/s and D′ ${Math.round(cs.dPrimeM)} m from ${formatDay(cs.date)}`;
  const message = marathon
    ? over
      ? `The first half runs at ${pct(fractionOfCs)} of critical speed; above ${pct(COLLAPSE_FRACTION_OF_CS)} marathoners tend to collapse in the second half (${basis}).`
      : `The first half runs at ${pct(fractionOfCs)} of critical speed, under the ${pct(COLLAPSE_FRACTION_OF_CS)} where marathons tend to collapse (${basis}).`
    : over
      ? `The first half runs at ${pct(fractionOfCs)} of critical speed, faster than the ${pct(limitMps / cs.csMps)} your training says can be held for the whole race (${basis}).`
      : `The first half runs at ${pct(fractionOfCs)} of critical speed, within the ${pct(limitMps / cs.csMps)} your training says can be held for the whole race (${basis}).`;
  return {
    state: over ? 'warning' : 'ok',
    rule: marathon ? 'marathonCollapse' : 'criticalSpeedModel',
    firstHalfMps,
    limitMps,
    fractionOfCs,
    csMps: cs.csMps,
    dPrimeM: cs.dPrimeM,
    csDate: cs.date,
    message,
  };
}
