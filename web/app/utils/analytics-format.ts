// How each number on the training pages is written. Pure and zone-free (dates are YYYY-MM-DD strings),
// so the server's HTML and the hydrated page agree. The shared formatters are worker/lib/format.ts's
// (the same text as the API's insights and the emails), under the names the pages use.

import { fixed, formatDay, formatDayMonth, formatDistance, formatPace, formatRaceTime, METRES_PER_UNIT } from '../../../worker/lib/format';
import type { Units, VolumeMetric } from './analytics';

export { fixed, MINUS, monthName, signed } from '../../../worker/lib/format';
export const METRES_PER = METRES_PER_UNIT;

// ---------- Numbers ----------

/** " ± 4 W", or nothing for a fit that claims no margin of error (its efforts from one session: null, issue 55). */
export const plusMinus = (se: number | null, text: (x: number) => string) => (se === null ? '' : ` ± ${text(se)}`);

export const percent = (share: number, decimals = 0) => `${fixed(share * 100, decimals)} %`;

/** "1 run", "3 runs": a count with its noun in the number it takes. */
export const counted = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** Race-style time: "1:02:03" with hours, "45:10" without (the size of a gap: no sign). */
export const raceTime = (seconds: number): string => formatRaceTime(Math.abs(seconds));

/** Training time: "5 h 20 min", "45 min". */
export function hours(seconds: number): string {
  const total = Math.round(seconds / 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')} min`;
}

/** "4:52 /km" from seconds per km or mile; rounds first, so 4:59.6 is 5:00. */
export function pace(secondsPerUnit: number | null | undefined, units: Units): string | null {
  if (!secondsPerUnit || !Number.isFinite(secondsPerUnit) || secondsPerUnit <= 0) return null;
  // A no-break space: "4:52" and "/km" never end up on different lines.
  return formatPace(secondsPerUnit, units, '\u00a0');
}

/** "12.3 km" from a value already in the athlete's unit. */
export const distance = (value: number, units: Units, decimals = 1) => `${fixed(value, decimals)} ${units}`;

/** "12.3 km" from metres. */
export const distanceFromMetres = formatDistance;

/** Swim pace: "1:52 /100 m" from metres and seconds. */
export function swimPace(metres: number, seconds: number): string | null {
  if (!(metres > 0) || !(seconds > 0)) return null;
  const per100 = Math.round((seconds / metres) * 100);
  return `${Math.floor(per100 / 60)}:${String(per100 % 60).padStart(2, '0')} /100 m`;
}

/** "31.2 km/h" or "19.4 mph". */
export function speed(metres: number, seconds: number, units: Units): string | null {
  if (!(metres > 0) || !(seconds > 0)) return null;
  const perHour = (metres / METRES_PER[units]) * (3600 / seconds);
  return `${perHour.toFixed(1)} ${units === 'mi' ? 'mph' : 'km/h'}`;
}

/** Elevation in metres for kilometre users, feet for mile users. */
export const elevation = (metres: number, units: Units) =>
  units === 'mi' ? `${Math.round(metres * 3.28084)} ft` : `${Math.round(metres)} m`;

/** "5 s", "1 min", "20 min", "60 min" for power durations. */
export const powerDuration = (seconds: number) => (seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`);

/** A weekly-volume value (distance in the athlete's unit, time in hours, load) in words. */
export function formatMetric(value: number, metric: VolumeMetric, units: Units): string {
  if (metric === 'distance') return distance(value, units);
  if (metric === 'time') return hours(value * 3600);
  return fixed(value, 0);
}

/** A band's range in words: "−30 to −10", "above 5", "below −30". An edge belongs to the band nearer zero. */
export function bandRange(band: { min: number | null; max: number | null }): string {
  if (band.min === null && band.max !== null) return `below ${fixed(band.max)}`;
  if (band.max === null && band.min !== null) return `above ${fixed(band.min)}`;
  return `${fixed(band.min ?? 0)} to ${fixed(band.max ?? 0)}`;
}

// ---------- Dates (YYYY-MM-DD, never shifted by a zone) ----------

/** "3 Mar 2026". */
export const day = formatDay;

/** "3 Mar". */
export const dayShort = formatDayMonth;

/** "3 Mar – 28 Apr 2026", or one date when both ends are the same day. */
export function dayRange(from: string, to: string): string {
  if (from === to) return day(from);
  return from.slice(0, 4) === to.slice(0, 4) ? `${dayShort(from)} – ${day(to)}` : `${day(from)} – ${day(to)}`;
}

export function addDays(ymd: string, n: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday. */
export const weekdayMon0 = (ymd: string) => (new Date(`${ymd}T00:00:00Z`).getUTCDay() + 6) % 7;
