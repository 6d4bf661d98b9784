// What the N=1 engine keeps of one athlete: the daily series it reads its inputs and outcomes from, compact enough
// to store as one JSON value (wellness_engine_state) and patched day by day after a check-in or a pushed sleep.
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
