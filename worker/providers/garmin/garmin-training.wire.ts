// Garmin Training API V2's workout JSON as we send it (sources in docs/decisions/057-garmin-training-api.md):
// one segment for a single-sport workout, its steps WorkoutStep or WorkoutRepeatStep, numbered by stepOrder in
// the order a watch runs them (a repeat before the steps it holds). Pure types: no fetch, no zod.

export type GarminSport = 'RUNNING' | 'CYCLING' | 'LAP_SWIMMING' | 'STRENGTH_TRAINING' | 'CARDIO_TRAINING' | 'GENERIC';
export type GarminIntensity = 'REST' | 'WARMUP' | 'COOLDOWN' | 'RECOVERY' | 'ACTIVE' | 'INTERVAL';
export type GarminDurationType = 'TIME' | 'DISTANCE' | 'OPEN';
/** PACE is sent as speed in m/s (low = the slower end); HEART_RATE in bpm or a zone; POWER in watts or % FTP. */
export type GarminTargetType = 'PACE' | 'HEART_RATE' | 'POWER' | 'CADENCE' | 'OPEN';

export interface GarminWorkoutStep {
  type: 'WorkoutStep';
  stepOrder: number;
  intensity: GarminIntensity;
  description: string | null;
  durationType: GarminDurationType;
  durationValue: number | null;
  durationValueType: 'METER' | null;
  targetType: GarminTargetType | null;
  /** A zone (HR 1–5, power 1–7) instead of a range. */
  targetValue: number | null;
  targetValueLow: number | null;
  targetValueHigh: number | null;
  targetValueType: 'PERCENT' | null;
}

export interface GarminRepeatStep {
  type: 'WorkoutRepeatStep';
  stepOrder: number;
  repeatType: 'REPEAT_UNTIL_STEPS_CMPLT';
  repeatValue: number;
  skipLastRestStep: boolean;
  steps: GarminStep[];
}

export type GarminStep = GarminWorkoutStep | GarminRepeatStep;

export interface GarminSegment {
  segmentOrder: number;
  sport: GarminSport;
  poolLength: number | null;
  poolLengthUnit: 'METER' | 'YARD' | null;
  steps: GarminStep[];
}

export interface GarminWorkout {
  workoutName: string;
  description: string | null;
  sport: GarminSport;
  poolLength: number | null;
  poolLengthUnit: 'METER' | 'YARD' | null;
  /** Shown to the athlete and kept for tracking; at most 20 characters each. */
  workoutProvider: string;
  workoutSourceId: string;
  isSessionTransitionEnabled: boolean;
  segments: GarminSegment[];
}

/** The permission an athlete grants on Garmin's consent page for workouts to be written to their account. */
export const WORKOUT_IMPORT = 'WORKOUT_IMPORT';
/** Garmin's limits: a workout name's and step description's lengths, steps in one single-sport workout. */
export const WORKOUT_DESCRIPTION_MAX = 1024;
export const STEP_DESCRIPTION_MAX = 512;
