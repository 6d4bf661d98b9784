// What the N=1 engine keeps of one athlete: the daily series it reads its inputs and outcomes from, compact enough
// to store as one JSON value (wellness_engine_state) and patched day by day after a check-in or a pushed sleep.
import { toEpochDay } from '../../../lib/dates';
import type { NumericFieldKey, WellnessSource } from '../wellness.fields';

/** One field's readings by day, per source (never merged here: HRV must not mix sources). */
export type FieldDays = Record<string, Partial<Record<WellnessSource, number>>>;

/** An activity as the engine reads it (from analytics' facts, under the analytics data use). */
export interface EngineActivity {
  id: string;
  name: string;
  day: string;
  sport: string;
  movingS: number;
  /** Easy-run (or easy-ride) efficiency, when analytics counts it as an efficiency point. */
  ef: number | null;
  /** Seconds above threshold heart rate and seconds zoned, from the stored HR histogram (null without one). */
  aboveS: number | null;
  zonedS: number | null;
}

/** A counted run best effort, with its age grade when the athlete's birth date and sex are known. */
export interface EngineEffort {
  activityId: string;
  name: string;
  day: string;
  distanceM: number;
  timeS: number;
  ageGradePct: number | null;
}

export interface EngineData {
  /** The window gathered (local days, inclusive). */
  from: string;
  to: string;
  wellness: Partial<Record<NumericFieldKey, FieldDays>>;
  /** Training load by day (days with training only) and TSB every day from the first training day. */
  load: Record<string, number>;
  tsb: Record<string, number>;
  /** The first day with training ever (ramps and days off need the weeks before to mean anything). */
  firstTrainingDay: string | null;
  activities: EngineActivity[];
  /** Every counted run effort (PBs compare with all before them, so these are not cut to the window). */
  efforts: EngineEffort[];
}

/** Where an input's value for a day came from: a wellness source, or the athlete's activities. */
export type InputSource = WellnessSource | 'activities';

/** A stretch this long without any training ends a stretch of the record. */
export const RECORD_GAP_DAYS = 42;
/** A stretch with fewer training days than this, and a gap after it, is a few stray files rather than a record. */
export const RECORD_MIN_DAYS = 10;

/**
 * The day the training record the engine reads begins (issue 55): the first day of its first stretch of at least
 * RECORD_MIN_DAYS training days or still going on `to`, stretches being split by more than RECORD_GAP_DAYS without
 * any. Three years-old files then nothing record no weeks in between: their zeros made "training days" findings
 * from nothing. Null: no training in the window, or only stray files.
 */
export function trainingStart(data: Pick<EngineData, 'from' | 'to' | 'load' | 'activities'>): string | null {
  const days = [...new Set([...Object.keys(data.load), ...data.activities.map((a) => a.day)])].filter((d) => d <= data.to).sort();
  if (!days.some((d) => d >= data.from)) return null;
  const gap = (a: string, b: string) => toEpochDay(b) - toEpochDay(a) > RECORD_GAP_DAYS;
  let start = 0;
  for (let i = 1; i <= days.length; i++) {
    const last = i === days.length;
    if (!last && !gap(days[i - 1]!, days[i]!)) continue;
    if (i - start >= RECORD_MIN_DAYS || (last && !gap(days[i - 1]!, data.to))) return days[start]!;
    start = i;
  }
  return null;
}
