// Readiness as facts: this week's HRV and resting HR against the athlete's own normal range, one source at a
// time (domain reference, "Wellness and N=1 statistics"; Plews et al. 2012–2013). No score is made up.
import { addDays } from '../../lib/dates';

/** The normal range is read from this many days before today, today included. */
export const BASELINE_DAYS = 60;
/** A normal range needs this many days of readings from one source in the baseline window. */
export const MIN_BASELINE_DAYS = 21;
/** The week compared with the range: a rolling mean of this many days, needing at least MIN_WEEK_READINGS. */
export const WEEK_DAYS = 7;
export const MIN_WEEK_READINGS = 4;
/** The smallest worthwhile change, in SDs of the baseline's daily values (Plews et al.; HRV4Training). */
export const SWC_SD = 0.5;

export interface Reading {
  /** The athlete's local day, YYYY-MM-DD. */
  day: string;
  value: number;
  /** Where the value came from ('garmin', 'polar', 'checkin', …): each is its own measurement. */
  source: string;
}

export type MetricReadiness =
  | { status: 'none' }
  | { status: 'establishing'; source: string; days: number; needed: number }
  | { status: 'no_recent'; source: string; lastDay: string }
  | {
      status: 'within' | 'below' | 'above';
      source: string;
      /** The 7-day mean on the scale compared (ln rMSSD for HRV, bpm for resting HR) and how many days it rests on. */
      week: number;
      weekReadings: number;
      low: number;
      high: number;
      baselineMean: number;
      baselineSd: number;
      baselineDays: number;
      from: string;
      to: string;
    };

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

/**
 * One metric's readiness on `today`. Only the source of the newest reading counts: sources are never spliced
 * inside one window, so a change of device starts a new normal range. `transform` puts values on the scale
 * compared (natural log for rMSSD).
 */
export function readinessOf(readings: readonly Reading[], today: string, transform: (v: number) => number = (v) => v): MetricReadiness {
  const upTo = readings.filter((r) => r.day <= today && Number.isFinite(r.value) && r.value > 0);
  if (upTo.length === 0) return { status: 'none' };
  const newest = upTo.reduce((a, b) => (b.day > a.day ? b : a));
  // The source of the newest reading; two on that day: the one with more readings in the window.
  const from = addDays(today, -(BASELINE_DAYS - 1));
  const count = (s: string) => upTo.filter((r) => r.source === s && r.day >= from).length;
  const source = [...new Set(upTo.filter((r) => r.day === newest.day).map((r) => r.source))].sort((a, b) => count(b) - count(a))[0]!;
  // One reading a day: the last one given for that day by this source wins.
  const byDay = new Map<string, number>();
  for (const r of upTo) if (r.source === source) byDay.set(r.day, transform(r.value));
  const baseline = [...byDay].filter(([d]) => d >= from).map(([, v]) => v);
  if (baseline.length < MIN_BASELINE_DAYS) return { status: 'establishing', source, days: baseline.length, needed: MIN_BASELINE_DAYS };
  const weekFrom = addDays(today, -(WEEK_DAYS - 1));
  const week = [...byDay].filter(([d]) => d >= weekFrom).map(([, v]) => v);
  if (week.length < MIN_WEEK_READINGS) return { status: 'no_recent', source, lastDay: newest.day };
  const m = mean(baseline);
  const s = sd(baseline);
  const w = mean(week);
  const low = m - SWC_SD * s;
  const high = m + SWC_SD * s;
  return {
    status: w < low ? 'below' : w > high ? 'above' : 'within',
    source,
    week: w,
    weekReadings: week.length,
    low,
    high,
    baselineMean: m,
    baselineSd: s,
    baselineDays: baseline.length,
    from,
    to: today,
  };
}

/** HRV: rMSSD in ms, compared as ln rMSSD. */
export const hrvReadiness = (readings: readonly Reading[], today: string) => readinessOf(readings, today, Math.log);
/** Resting HR in bpm, compared as it is. */
export const restingHrReadiness = (readings: readonly Reading[], today: string) => readinessOf(readings, today);
