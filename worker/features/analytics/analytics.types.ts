// The analytics contract: what the service computes and the API returns. All internal values are SI
// (metres, seconds, m/s, watts, bpm); presentation converts to the athlete's units at the edge.

import type { Sport } from '../activities';

export type Units = 'km' | 'mi';

/** One activity a number was computed from: enough for a person to recognise it and check the value. */
export interface Receipt {
  activityId: string;
  /** The athlete's local calendar date, YYYY-MM-DD. */
  date: string;
  name: string;
  sport: Sport;
  distanceM: number;
  movingTimeS: number;
  /** The key values this receipt contributes (e.g. { load: 84, avgHr: 142 }). */
  values: Record<string, number | string | null>;
}

export type ThresholdKind = 'ftp' | 'threshold_pace' | 'css' | 'lthr' | 'max_hr' | 'resting_hr';

/** ftp W; threshold_pace and css as speed m/s; heart rates bpm. */
export interface Threshold {
  kind: ThresholdKind;
  value: number;
  /** First local date the value applies to. */
  effectiveFrom: string;
  source: 'manual' | 'estimated';
  /** For estimates: the activity the value came from. */
  receipt: Receipt | null;
  note: string | null;
}

export type LoadMethod = 'power_tss' | 'rtss' | 'hr_tss' | 'swim_tss' | 'duration_estimate';

export interface ActivityLoad {
  load: number;
  method: LoadMethod;
  /** Intensity factor used (NP/FTP, NGP/threshold pace, HRR ratio...), null for the estimate. */
  intensity: number | null;
  confidence: 'high' | 'medium' | 'low';
}

/** Facts derived once from an activity's streams (and provider best efforts), kept for rebuilds. */
export interface DerivedFacts {
  /** Normalized power from the power stream (W). */
  normalizedPower: number | null;
  /** Normalized graded speed (m/s): grade-adjusted, 30-s rolling, 4th-power mean. */
  ngpMps: number | null;
  /** Pa:HR decoupling in percent (second half vs first half efficiency), steady sessions only. */
  decouplingPct: number | null;
  /** Average speed (m/s) over samples within ±3 bpm of the fixed heart rate, when ≥ 5 min of them. */
  speedAtFixedHrMps: number | null;
  /** Best mean power for each duration in seconds (5, 60, 300, 1200, 3600). */
  powerBests: Record<number, number>;
  /** Fastest time in seconds for each run distance in metres (400, 1000, 1609, 5000, 10000, 21098, 42195). */
  runBests: Record<number, { timeS: number; startOffsetS: number | null; from: 'provider' | 'stream' | 'whole' }>;
  /** Best average speed (m/s) over a continuous 30-min window (runs): the threshold-pace estimate's input. */
  best30MinSpeedMps: number | null;
  /** Highest heart rate that was held for at least 5 s (bpm): the max HR estimate's input. */
  peakHr: number | null;
  /**
   * Set when a run's speed stream adds up to more than 10 % off the activity's own distance: the stream
   * was not searched for bests (absent on facts derived before this check).
   */
  streamDistanceMismatch?: { streamM: number; activityM: number } | null;
}

/** Why a stored best effort does not count as a best (ADR 007, "Implausible bests"). */
export const EFFORT_EXCLUSIONS = ['world_record', 'power_ceiling', 'beyond_history', 'sport_inferred', 'implausible_effort'] as const;
export type EffortExclusion = (typeof EFFORT_EXCLUSIONS)[number];

export interface FitnessDay {
  date: string;
  load: number;
  ctl: number;
  atl: number;
  /** Yesterday's CTL − yesterday's ATL. */
  tsb: number;
}

export type FormStatus = 'fresh' | 'neutral' | 'productive' | 'overreaching';
export type RampBand = 'detraining' | 'maintaining' | 'building' | 'high' | 'very_high';

export interface WeekVolume {
  /** Monday, YYYY-MM-DD, in the athlete's time zone. */
  weekStart: string;
  bySport: Partial<Record<Sport, { distanceM: number; movingS: number; load: number; count: number }>>;
  total: { distanceM: number; movingS: number; load: number; count: number };
}

export interface EfficiencyPoint {
  activityId: string;
  date: string;
  name: string;
  sport: 'run' | 'ride';
  /** Runs: metres per heartbeat; rides: watts per bpm. */
  efficiency: number;
  avgHr: number;
  speedMps: number | null;
  power: number | null;
  speedAtFixedHrMps: number | null;
  decouplingPct: number | null;
}

export type InsightKind =
  | 'efficiency_trend'
  | 'volume_consistency'
  | 'pb_milestone'
  | 'long_run_progression'
  | 'ramp_rate'
  | 'negative_form'
  | 'week_jump';

export interface Insight {
  kind: InsightKind;
  /** Stable per (kind, window): lets the page keep a card's expanded state. */
  id: string;
  status: 'ok' | 'insufficient';
  tone: 'info' | 'positive' | 'caution';
  title: string;
  /** One factual sentence; for 'insufficient', what is missing. */
  finding: string;
  numbers: Record<string, number>;
  window: { from: string; to: string };
  minSample: { required: number; actual: number; unit: string };
  receipts: Receipt[];
}
