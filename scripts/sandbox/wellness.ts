// A sandbox athlete's days beside her training (issue 40, ADR 073): nights, resting HR, overnight HRV, the
// watch's stress and steps, weigh-ins and VO2max, one deterministic draw per athlete and local day. Pure: no
// clock, no I/O (workerd tests import it); garmin-wellness-files.ts lays the days out as Garmin's export does.
//
// Two modest patterns are planted for the N=1 engine to find honestly; everything else is noise around the
// athlete's own normal:
// - an easy or recovery run's heart rate follows the night before at the same pace: 6 bpm higher for each hour
//   under 7 h, lower by as much for each hour over (−6 to +12 bpm; the activity generator reads `nightSleepS`
//   through ActivityPlan.hrOffset), so easy-run efficiency (speed ÷ HR) is ~5 % lower after a 6-hour night. A
//   step of 3 bpm after nights under 6.5 h was tried first: on a year's ~110 easy runs its ρ was 0.08, which no
//   honest test of 144 questions finds (4 bpm an hour gave ρ 0.40, borderline; 6 gives 0.56);
// - weight drifts down 2.5 kg over a year, under ±0.35 kg of day-to-day noise.
import { athleteProfile } from './strava/athlete.ts';
import { gauss, prng, seedOf } from './strava/tz.ts';

const DAY_MS = 86_400_000;
/** The night around which an easy run's heart rate moves… */
export const PIVOT_NIGHT_S = 7 * 3600;
/** …by this much per hour of sleep under it (less per hour over), at the same pace. */
export const HR_BPM_PER_HOUR = 6;
/** The offset's bounds, bpm. */
export const HR_OFFSET_MIN = -6;
export const HR_OFFSET_MAX = 12;
/** Weight lost over 365 days, linearly. */
export const WEIGHT_DRIFT_KG_PER_YEAR = 2.5;
/** A day's local calendar index (days since 1970-01-01 in the athlete's zone, as the generator's slots count them). */
export type LocalDay = number;

export const isoDay = (day: LocalDay): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Seconds asleep in the night that ends on the morning of `day` (weekends a little longer). */
export function nightSleepS(athleteId: number, day: LocalDay): number {
  const r = prng(seedOf(athleteId, day, 0x51ee9));
  const weekday = new Date(day * DAY_MS).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const hours = 7.05 + (weekend ? 0.35 : 0) + 0.7 * gauss(r);
  return Math.round(Math.min(10, Math.max(4, hours)) * 3600);
}

/** The heart-rate offset of a run on `day` (the planted effect): only easy and recovery runs after a short night. */
export function runHrOffset(athleteId: number, day: LocalDay, sport: string, workout: string): number {
  if (sport !== 'Run' || (workout !== 'easy' && workout !== 'recovery')) return 0;
  const hoursShort = (PIVOT_NIGHT_S - nightSleepS(athleteId, day)) / 3600;
  return Math.round(Math.min(HR_OFFSET_MAX, Math.max(HR_OFFSET_MIN, HR_BPM_PER_HOUR * hoursShort))) || 0; // never −0
}

export interface WellnessDay {
  day: LocalDay;
  /** The watch was worn overnight (about 1 night in 30 it was charging). */
  night: { sleepS: number; deepS: number; lightS: number; remS: number; awakeS: number; score: number; hrv: number } | null;
  restingHr: number;
  stress: number;
  steps: number;
  /** A weigh-in that morning (about twice a week), grams; body fat %. */
  weighIn: { grams: number; bodyFat: number } | null;
  /** Garmin's running VO2max estimate, updated about weekly. */
  vo2max: number | null;
}

/** One day of the athlete's wellness; `firstDay` anchors the weight drift (the year's first day). */
export function wellnessDay(athleteId: number, day: LocalDay, firstDay: LocalDay): WellnessDay {
  const p = athleteProfile(athleteId);
  const r = prng(seedOf(athleteId, day, 0x3e11));
  const sleepS = nightSleepS(athleteId, day);
  const worn = r() > 1 / 30;
  const deepS = Math.round(sleepS * (0.17 + 0.03 * r()));
  const remS = Math.round(sleepS * (0.21 + 0.04 * r()));
  const night = worn
    ? {
        sleepS,
        deepS,
        remS,
        lightS: sleepS - deepS - remS,
        awakeS: Math.round(300 + 900 * r()),
        score: Math.round(Math.min(98, Math.max(20, 72 + 9 * (sleepS / 3600 - 7) + 5 * gauss(r)))),
        hrv: Math.round(Math.exp(Math.log(62) + 0.14 * gauss(r))),
      }
    : null;
  const years = (day - firstDay) / 365;
  const kg = p.weight + WEIGHT_DRIFT_KG_PER_YEAR / 2 - WEIGHT_DRIFT_KG_PER_YEAR * years + 0.35 * gauss(r);
  return {
    day,
    night,
    restingHr: Math.round(p.restHr + 1.6 * gauss(r)),
    stress: Math.round(Math.min(80, Math.max(8, 31 + 7 * gauss(r)))),
    steps: Math.round(Math.max(1500, 9800 + 2600 * gauss(r))),
    weighIn: r() < 2 / 7 ? { grams: Math.round(kg * 10) * 100, bodyFat: Math.round((19 + 0.8 * gauss(r)) * 10) / 10 } : null,
    vo2max: new Date(day * DAY_MS).getUTCDay() === 1 ? Math.round((51 + 0.4 * gauss(r)) * 10) / 10 : null,
  };
}

/** The `days` local days before `beforeDay` (exclusive), oldest first. */
export function wellnessYear(athleteId: number, beforeDay: LocalDay, days = 365): WellnessDay[] {
  const first = beforeDay - days;
  return Array.from({ length: days }, (_, i) => wellnessDay(athleteId, first + i, first));
}
