// Input of the insights engine: everything it reads, already loaded by the caller. The engine is pure
// (no DB, no clock, no HTTP) so every finding can be reproduced from these values alone.

import type { Establishment } from '../calc/establishing.calc';
import type { EfficiencyPoint, FitnessDay, Insight, Receipt, Units, WeekVolume } from '../analytics.types';

export interface RunSample {
  receipt: Receipt;
  distanceM: number;
  movingTimeS: number;
}

export interface PbEvent {
  distanceM: number;
  /** Display name of the distance, e.g. "10 km". */
  label: string;
  timeS: number;
  date: string;
  previousBestS: number | null;
  previousDate: string | null;
  ageGradePct: number | null;
  receipt: Receipt;
  /** Efforts at this distance up to and including this one: what the PB was judged among. */
  efforts: number;
}

export interface InsightInputs {
  /** Athlete-local YYYY-MM-DD. */
  today: string;
  units: Units;
  /** Earliest canonical activity (history length). */
  firstActivityDate: string | null;
  /** Days with recorded training, ascending, all of history: where the record has gaps (calc/establishing.calc.ts). */
  trainingDays: string[];
  /** Whether fitness is established today (calc/establishing.calc.ts): load warnings wait for it. */
  establishment: Establishment;
  /** Ascending, one per day, ending at `today`; days before the first activity are absent. */
  fitness: FitnessDay[];
  /** Ascending Monday weeks; the last one is the current (incomplete) week. */
  weeks: WeekVolume[];
  /** Ascending by date; runs are already filtered to easy runs by the caller. */
  efficiency: EfficiencyPoint[];
  /** All canonical runs in the last 12 weeks, ascending. */
  runs: RunSample[];
  /** Receipts of all canonical activities in the last 12 weeks keyed by date; values include { load }. */
  activitiesByDate: Record<string, Receipt[]>;
  /** All-time PB improvements in the last 30 days. */
  pbEvents: PbEvent[];
}

export type InsightRule = (inputs: InsightInputs) => Insight | Insight[] | null;
