// Numbers as the athlete reads them: distances in km or mi, paces "m:ss" per km or mile, elevation in
// m or ft. Tool facts, receipts and deterministic answers all format through here, so the claim checker
// sees the same renderings the model was given.
import { formatDay, formatDayMonth, formatWeekdayDate } from '../../../lib/format';
import type { Units } from '../coach.types';

export const METRES_PER_UNIT: Record<Units, number> = { km: 1000, mi: 1609.344 };
export const FEET_PER_METRE = 3.280839895;

export const round = (x: number, dp: number): number => {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
};

/** Distance in the athlete's unit, 2 decimals (10.02 km, 6.23 mi). */
export const distanceValue = (m: number, units: Units): number => round(m / METRES_PER_UNIT[units], 2);
export const distanceText = (m: number, units: Units): string => `${distanceValue(m, units)} ${units}`;

/** Elevation in m (km athletes) or ft (mi athletes), whole numbers. */
export const elevationUnit = (units: Units): 'm' | 'ft' => (units === 'km' ? 'm' : 'ft');
export const elevationValue = (m: number, units: Units): number => Math.round(units === 'km' ? m : m * FEET_PER_METRE);

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Seconds as "m:ss" (under an hour) or "h:mm:ss". */
export function clockText(totalS: number): string {
  const s = Math.round(totalS);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(sec)}` : `${m}:${pad2(sec)}`;
}

/** What a sport's speed is said in: pace per km/mi (foot sports), speed (rides), pace per 100 (swims). */
export type SpeedUnit = 'min/km' | 'min/mi' | 'km/h' | 'mph' | 'min/100m' | 'min/100yd';

export function speedUnitFor(sport: string, units: Units): SpeedUnit {
  if (sport === 'ride') return units === 'km' ? 'km/h' : 'mph';
  if (sport === 'swim') return units === 'km' ? 'min/100m' : 'min/100yd';
  return units === 'km' ? 'min/km' : 'min/mi';
}

/** Metres a pace unit is "per". */
export const PACE_METRES: Record<string, number> = { 'min/km': 1000, 'min/mi': 1609.344, 'min/100m': 100, 'min/100yd': 91.44 };

/** A speed as the fact states it: "4:35" for a pace unit, 28.4 for km/h or mph; null without distance. */
export function speedValue(distanceM: number, movingS: number, unit: SpeedUnit): string | number | null {
  if (distanceM <= 0 || movingS <= 0) return null;
  if (unit === 'km/h') return round((distanceM / movingS) * 3.6, 1);
  if (unit === 'mph') return round((distanceM / movingS) * 2.236936292, 1);
  return clockText((movingS / distanceM) * PACE_METRES[unit]!);
}

export const speedText = (value: string | number, unit: SpeedUnit): string =>
  typeof value === 'number' ? `${value} ${unit}` : `${value} /${unit.slice(4)}`;

/** A fact's value with its unit, as an answer would say it. */
export function factText(value: number | string, unit?: string): string {
  if (!unit || unit === 'date' || unit === 'count' || unit === 'text') return String(value);
  if (unit === 'h:mm:ss') return String(value);
  if (unit.startsWith('min/')) return `${value} /${unit.slice(4)}`;
  if (unit === '%') return `${value} %`;
  if (unit === 'load' || unit === 'ctl' || unit === 'atl' || unit === 'tsb' || unit === 'ramp') return String(value);
  return `${value} ${unit}`;
}

// Dates as the app writes them elsewhere ("28 Oct", with the year only when it is not this year's), so
// an answer reads like Home and Activities. Local dates in the athlete's zone; the checker reads both forms.
const yearOf = (ymd: string) => ymd.slice(0, 4);

/** "28 Oct" in today's year, "28 Oct 2025" otherwise. */
export const dayText = (ymd: string, today: string): string => (yearOf(ymd) === yearOf(today) ? formatDayMonth(ymd) : formatDay(ymd));

/** "Sat 7 Nov" (with the year when it is not this year's): for an answer about one day. */
export const weekdayText = (ymd: string, today: string): string => formatWeekdayDate(ymd, yearOf(ymd) !== yearOf(today));

/** "28 Oct – 24 Nov", "1 Jan – 31 Dec 2025", "28 Dec 2025 – 3 Jan 2026"; one day is that day. */
export function rangeText(from: string, to: string, today: string): string {
  if (from === to) return dayText(from, today);
  if (yearOf(from) !== yearOf(to)) return `${formatDay(from)} – ${formatDay(to)}`;
  return `${formatDayMonth(from)} – ${dayText(to, today)}`;
}
