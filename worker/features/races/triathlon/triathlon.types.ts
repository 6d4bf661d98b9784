// The triathlon plan's inputs and answer. Seconds, metres, m/s, watts; dates local (YYYY-MM-DD); nothing rounded.
import type { TriFormat } from './formats';
import type { SessionRow } from '../../analytics';

/** A threshold in effect on the day, with its date and where it came from (ADR 065): the leg's receipt. */
export interface ThresholdReceipt {
  value: number;
  source: 'manual' | 'estimated';
  effectiveFrom: string;
  activityId: string | null;
  note: string | null;
}

/** A ride or run: analytics' `sessionsBetween` row. */
export type TriSession = SessionRow;

export interface TriInput {
  format: TriFormat;
  today: string;
  /** Swim threshold (CSS), m/s. */
  css: ThresholdReceipt | null;
  /** FTP, W. */
  ftp: ThresholdReceipt | null;
  /** Run threshold speed (threshold pace = CS, ADR 065), m/s; D′ from the run model when there is one. */
  runThreshold: ThresholdReceipt | null;
  runDPrimeM?: number | null;
  sessions: TriSession[];
  /** The athlete's expected bike time, hours: used when no long ride with power gives the speed. */
  bikeHours?: number | null;
  flatCourse?: boolean;
}

export interface NotEnough {
  state: 'notEnoughData';
  reason: string;
  help: string[];
}

export interface SwimLeg {
  state: 'planned';
  distanceM: number;
  fraction: number;
  paceSPer100m: number;
  timeS: number;
  threshold: ThresholdReceipt;
}

export interface LongRide {
  activityId: string;
  name: string;
  date: string;
  durationS: number;
  normalizedPowerW: number;
  intensityFactor: number;
  variabilityIndex: number | null;
  speedMps: number;
}

export interface BikeLeg {
  state: 'planned';
  distanceM: number;
  tssBudget: number;
  budgetSource: 'domain reference' | 'assumption';
  /** TSS the plan spends: the budget, or less when IF is capped at 1. */
  tss: number;
  hours: number;
  timeS: number;
  intensityFactor: number;
  capped: boolean;
  targetPowerW: number;
  speedMps: number;
  timeSource: 'longRides' | 'input';
  ftp: ThresholdReceipt;
  longRides: LongRide[];
  check: { state: 'held' | 'above' | 'noLongRides' | 'ftpLow'; text: string };
  viTarget: number;
}

export interface Brick {
  runId: string;
  runName: string;
  rideId: string;
  rideName: string;
  date: string;
  gapS: number;
  rideIntensityFactor: number | null;
  brickPaceSPerKm: number;
  freshPaceSPerKm: number;
  freshRuns: number;
  slowdown: number;
}

export type BrickCalibration =
  | { state: 'calibrated'; slowdown: number; bricks: Brick[]; excluded: { runId: string; runName: string; date: string; reason: string }[] }
  | {
      state: 'uncalibrated';
      slowdown: number;
      reason: string;
      bricks: Brick[];
      excluded: { runId: string; runName: string; date: string; reason: string }[];
    };

export interface RunLeg {
  state: 'planned';
  distanceM: number;
  freshTimeS: number;
  freshPaceSPerKm: number;
  slowdown: number;
  paceSPerKm: number;
  timeS: number;
  threshold: ThresholdReceipt;
  dPrimeM: number | null;
}

export interface WhatIf {
  ifDelta: number;
  intensityFactor: number;
  bikeSecondsSaved: number;
  tssAdded: number;
  /** Seconds the run loses; null when the bricks cannot say (`runCostWhy`). */
  runCostS: number | null;
  runCostWhy: string;
}

export interface TriPlan {
  format: TriFormat;
  swim: SwimLeg | NotEnough;
  bike: BikeLeg | NotEnough;
  run: RunLeg | NotEnough;
  bricks: BrickCalibration;
  whatIf: WhatIf[] | null;
  whatIfWhy: string | null;
  transitions: { t1S: number; t2S: number; basis: string };
  /** Swim + T1 + bike + T2 + run, when every leg is planned. */
  totalS: number | null;
}
