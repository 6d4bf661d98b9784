// The text form's words for lengths and numbers, both ways (ADR 055). Each reader is the exact inverse of
// its writer: numbers go through their shortest decimal (String(x)), and a percentage or kilometres move
// the decimal point in the text, never by arithmetic, so 0.955 reads back as 0.955, not 0.9550000000000001.
import type { LegSport, RangeMetric, WorkoutSport } from './workout.types';

const NUMBER = /^\d+(?:\.\d+)?$/;

/** Moves the decimal point of a plain decimal `digits` by `by` places (right when positive). */
export function shiftDecimal(digits: string, by: number): string {
  const [int = '', frac = ''] = digits.split('.');
  let all = int + frac;
  let point = int.length + by;
  if (point < 0) {
    all = '0'.repeat(-point) + all;
    point = 0;
  }
  if (point > all.length) all += '0'.repeat(point - all.length);
  const head = all.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const tail = all.slice(point).replace(/0+$/, '');
  return tail ? `${head}.${tail}` : head;
}

export const readNumber = (text: string): number | null => (NUMBER.test(text) ? Number(text) : null);
export const writeNumber = (x: number): string => String(x);

/** A fraction of threshold as a percentage: 0.955 → "95.5". */
export const writePercent = (fraction: number): string => shiftDecimal(String(fraction), 2);
export const readPercent = (text: string): number | null => (/^\d+(?:\.\d+)?$/.test(text) ? Number(shiftDecimal(text, -2)) : null);

/** Minutes are "m" except in swims, where "m" would read as metres: there they are "min". */
export const minuteUnit = (leg: WorkoutSport | LegSport): string => (leg === 'swim' ? 'min' : 'm');

/** 5400 → "1h30m"; 150 → "2m30s"; 45 → "45s"; 0 → "0s". */
export function writeTime(sec: number, leg: WorkoutSport | LegSport): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  const out = `${h ? `${h}h` : ''}${m ? `${m}${minuteUnit(leg)}` : ''}${s ? `${s}s` : ''}`;
  return out || '0s';
}

const TIME = /^(?:(\d+)h)?(?:(\d+)(m|min))?(?:(\d+)s)?$/i;
/** "1h30m", "10min", "45s" → seconds; null when the text is not a time. `bareMinutes`: "10m" was written. */
export function readTime(text: string): { sec: number; bareMinutes: boolean } | null {
  const m = TIME.exec(text);
  if (!m || text === '' || (!m[1] && !m[2] && !m[4])) return null;
  const sec = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[4] ?? 0);
  return { sec, bareMinutes: m[3]?.toLowerCase() === 'm' };
}

/** Whole kilometres as "km", anything else in metres: 1000 → "1km", 400 → "400mtr", 1500 → "1500mtr". */
export const writeDistance = (m: number): string => (m % 1000 === 0 ? `${m / 1000}km` : `${writeNumber(m)}mtr`);
export function readDistance(text: string): number | null {
  const km = /^(\d+(?:\.\d+)?)km$/i.exec(text);
  if (km) return Number(shiftDecimal(km[1]!, 3));
  const mtr = /^(\d+(?:\.\d+)?)mtr$/i.exec(text);
  return mtr ? Number(mtr[1]) : null;
}

/** 250 → "4:10". */
export const writePace = (sec: number): string => `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`;
export function readPace(text: string): number | null {
  const m = /^(\d+):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** A range "a-b", or one value "a" (low = high). */
export function readRange<T>(text: string, read: (s: string) => T | null): { low: T; high: T } | null {
  const parts = text.split('-');
  if (parts.length > 2) return null;
  const low = read(parts[0]!);
  const high = parts.length === 2 ? read(parts[1]!) : low;
  return low === null || high === null ? null : { low, high };
}
export const writeRange = (low: number, high: number, write: (x: number) => string): string =>
  low === high ? write(low) : `${write(low)}-${write(high)}`;

/** The metric a bare zone or percentage means in each sport (written out only when a step uses another). */
export function defaultMetric(leg: WorkoutSport | LegSport): RangeMetric {
  return leg === 'bike' ? 'power' : leg === 'run' || leg === 'swim' ? 'pace' : 'hr';
}
export const METRIC_WORD: Record<RangeMetric, string> = { pace: 'pace', hr: 'HR', power: 'power' };
export const METRIC_WORDS: Record<string, RangeMetric> = { pace: 'pace', hr: 'hr', lthr: 'hr', power: 'power', ftp: 'power' };
