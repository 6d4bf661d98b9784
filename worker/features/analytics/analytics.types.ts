// The analytics contract: what the service computes and the API returns. All internal values are SI
// (metres, seconds, m/s, watts, bpm); presentation converts to the athlete's units at the edge.

import type { Sport } from '../activities';

export {
  EFFORT_EXCLUSIONS,
  type DerivedFacts,
  type EffortExclusion,
  type ValueHistogram,
  type ZoneHistograms,
} from '../../db/schema/activity-columns';

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
  /** For estimates: the first day it is stale, no effort behind it left in its window (ADR 065); null otherwise. */
  effectiveUntil: string | null;
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
  /** For threshold-based methods: the threshold read, the one used, and why they differ (not stored). */
  basis?: LoadBasis;
}

/** Why an activity's own efforts raised the threshold its load was computed with (ADR 007, "Thresholds by date"). */
export type ThresholdRaise = 'best_20min' | 'best_30min' | 'hour_intensity';

export interface LoadBasis {
  kind: ThresholdKind;
  /**
   * The athlete's value in effect on the activity's day (FTP W, pace m/s, HR bpm); null when none was (no value set,
   * no estimate from earlier efforts): then the activity's own effort (`raisedBy`) is the threshold, at low confidence.
   */
  inEffect: number | null;
  /** The value the load was computed with: the one in effect, or higher when the activity proves it. */
  used: number;
  raisedBy: ThresholdRaise | null;
}

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
