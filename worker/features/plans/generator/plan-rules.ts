// Every number the plan generator uses, in one place, with where it comes from
// (docs/decisions/016-plan-generation.md). The other generator modules only read these.

import type { GoalKind, Phase, WorkoutType } from '../plans.types';

export type EnduranceSport = 'run' | 'bike' | 'swim';
export type Family = 'run' | 'tri' | 'bike' | 'general';
export type Zone = 1 | 2 | 3 | 4 | 5;

export interface GoalRules {
  label: string;
  family: Family;
  /** Below this many weeks the plan is compressed (still built; the API warns). */
  minWeeks: number;
  /** Plan length without an event date. */
  typicalWeeks: number;
  taperWeeks: number;
  /** A longer taper when the plan runs at least `weeks` (marathon and 70.3: 2–3 weeks). */
  longTaper: { weeks: number; taperWeeks: number } | null;
  /** Typical age-group finishing time: the race workout's estimate (intensity: RACE_PACE), editable by the athlete. */
  race: { minutes: number; distanceM: number | null } | null;
  /** Longest long session by sport, in minutes. */
  longCap: Partial<Record<EnduranceSport, number>>;
  /** Largest share of the sport's weekly time one long session may take. */
  longShare: Partial<Record<EnduranceSport, number>>;
  /** Share of weekly endurance time by sport (general fitness uses the athlete's own mix). */
  sportShare: Partial<Record<EnduranceSport, number>>;
  /** Sessions per sport and week when days allow (triathlon: 2 for sprint/olympic, 3 for 70.3/full). */
  sessionsPerSport: number;
}

const RUNNER = { longShare: { run: 0.3 }, sportShare: { run: 1 }, sessionsPerSport: 0 };
// With 2–3 runs a week the runners' 30 % would make a triathlete's long run the shortest run: 40 %.
const TRIATHLETE = { family: 'tri' as const, longShare: { run: 0.4, bike: 0.55 }, longTaper: null };

export const GOALS: Record<GoalKind, GoalRules> = {
  run_5k: {
    ...RUNNER,
    label: '5 km',
    family: 'run',
    minWeeks: 6,
    typicalWeeks: 8,
    taperWeeks: 1,
    longTaper: null,
    race: { minutes: 28, distanceM: 5_000 },
    longCap: { run: 90 },
  },
  run_10k: {
    ...RUNNER,
    label: '10 km',
    family: 'run',
    minWeeks: 8,
    typicalWeeks: 10,
    taperWeeks: 1,
    longTaper: null,
    race: { minutes: 58, distanceM: 10_000 },
    longCap: { run: 105 },
  },
  run_half: {
    ...RUNNER,
    label: 'Half marathon',
    family: 'run',
    minWeeks: 12,
    typicalWeeks: 14,
    taperWeeks: 2,
    longTaper: null,
    race: { minutes: 125, distanceM: 21_097 },
    longCap: { run: 120 },
  },
  run_marathon: {
    ...RUNNER,
    label: 'Marathon',
    family: 'run',
    minWeeks: 16,
    typicalWeeks: 18,
    taperWeeks: 2,
    longTaper: { weeks: 18, taperWeeks: 3 },
    race: { minutes: 270, distanceM: 42_195 },
    longCap: { run: 150 },
  },
  tri_sprint: {
    ...TRIATHLETE,
    label: 'Sprint triathlon',
    minWeeks: 12,
    typicalWeeks: 12,
    taperWeeks: 2,
    race: { minutes: 90, distanceM: null },
    longCap: { run: 75, bike: 120 },
    sportShare: { swim: 0.22, bike: 0.45, run: 0.33 },
    sessionsPerSport: 2,
  },
  tri_olympic: {
    ...TRIATHLETE,
    label: 'Olympic triathlon',
    minWeeks: 14,
    typicalWeeks: 16,
    taperWeeks: 2,
    race: { minutes: 170, distanceM: null },
    longCap: { run: 90, bike: 180 },
    sportShare: { swim: 0.2, bike: 0.48, run: 0.32 },
    sessionsPerSport: 2,
  },
  tri_70_3: {
    ...TRIATHLETE,
    label: '70.3 triathlon',
    minWeeks: 12,
    typicalWeeks: 16,
    taperWeeks: 2,
    longTaper: { weeks: 18, taperWeeks: 3 },
    race: { minutes: 360, distanceM: null },
    longCap: { run: 120, bike: 240 },
    sportShare: { swim: 0.18, bike: 0.52, run: 0.3 },
    sessionsPerSport: 3,
  },
  tri_full: {
    ...TRIATHLETE,
    label: 'Full-distance triathlon',
    minWeeks: 20,
    typicalWeeks: 24,
    taperWeeks: 3,
    race: { minutes: 780, distanceM: null },
    longCap: { run: 150, bike: 300 },
    sportShare: { swim: 0.15, bike: 0.55, run: 0.3 },
    sessionsPerSport: 3,
  },
  bike_event: {
    label: 'Bike event',
    family: 'bike',
    minWeeks: 12,
    typicalWeeks: 16,
    taperWeeks: 2,
    longTaper: null,
    race: { minutes: 240, distanceM: null },
    longCap: { bike: 300 },
    longShare: { bike: 0.45 },
    sportShare: { bike: 1 },
    sessionsPerSport: 0,
  },
  // No event: a rolling block; the sports are the athlete's own mix (generate-plan reads it from their hours).
  general_fitness: {
    label: 'General fitness',
    family: 'general',
    minWeeks: 8,
    typicalWeeks: 8,
    taperWeeks: 0,
    longTaper: null,
    race: null,
    longCap: { run: 120, bike: 180 },
    longShare: { run: 0.3, bike: 0.45 },
    sportShare: { run: 1 },
    sessionsPerSport: 0,
  },
};

/** Triathlon legs as shares of the race time, with the distances named in the race workout. */
export const TRI_LEGS: Record<'tri_sprint' | 'tri_olympic' | 'tri_70_3' | 'tri_full', { swim: string; bike: string; run: string }> = {
  tri_sprint: { swim: '750 m', bike: '20 km', run: '5 km' },
  tri_olympic: { swim: '1.5 km', bike: '40 km', run: '10 km' },
  tri_70_3: { swim: '1.9 km', bike: '90 km', run: '21.1 km' },
  tri_full: { swim: '3.8 km', bike: '180 km', run: '42.2 km' },
};
export const TRI_LEG_SHARE = { swim: 0.12, bike: 0.53, run: 0.35 };

/** Race intensity (IF) by leg, for race-pace sessions; a triathlon's run is slower than an open race's. */
export const RACE_PACE: Record<GoalKind, Partial<Record<EnduranceSport, number>>> = {
  run_5k: { run: 1.05 },
  run_10k: { run: 1.0 },
  run_half: { run: 0.9 },
  run_marathon: { run: 0.85 },
  tri_sprint: { swim: 0.97, bike: 0.92, run: 0.95 },
  tri_olympic: { swim: 0.95, bike: 0.88, run: 0.92 },
  tri_70_3: { swim: 0.92, bike: 0.78, run: 0.86 },
  tri_full: { swim: 0.9, bike: 0.7, run: 0.8 },
  bike_event: { bike: 0.75 },
  general_fitness: { run: 0.9, bike: 0.85, swim: 0.95 },
};

// Phase shares of the weeks before the taper (base 45–50 %, build 30–35 %, peak 10–15 % of the plan).
export const PHASE_SHARE = { base: 0.475, build: 0.325, peak: 0.125 };
export const GENERAL_FITNESS_WEEKS = 8;

export const RECOVERY_EVERY = 4;
export const MASTERS_RECOVERY_EVERY = 3;
export const MASTERS_AGE = 45;
export const RECOVERY_VOLUME = 0.7;
/** Taper volume as a share of peak volume, by taper length (about 70 → 50 → 40 %). */
export const TAPER_VOLUME: Record<number, number[]> = { 1: [0.6], 2: [0.7, 0.5], 3: [0.7, 0.5, 0.4] };
/** A final week of fewer days than this holds only the race and its last days, as one more taper week. */
export const SHORT_RACE_WEEK_DAYS = 4;
/**
 * Tuning towards race-day form scales the taper weeks after the first (and a one-week taper) between half their
 * share and TAPER_CEILING (1.75 × 40 % = 70 %): 70 → 35…70 → 20…70 % at the extremes.
 */
export const TAPER_TUNE = { min: 0.5, max: 1.75 };
/** Tuning aims this far inside the window, in at most this many more tries. */
export const TAPER_AIM_MARGIN = 2;
export const TAPER_TUNE_STEPS = 3;
/**
 * A taper week holds its share of peak to within 7.5 points, or half an hour (the shortest ride) when that is
 * more: below a 6 h 40 peak whole sessions of 20–30 minutes are the step. Further off, up to this many tries.
 */
export const TAPER_HOLD = 0.075;
export const TAPER_HOLD_MINUTES = 30;
export const TAPER_FILL_TRIES = 4;
/** No tuned taper week holds more than the first taper week's share of peak volume: a taper never climbs. */
export const TAPER_CEILING = 0.7;
/** Race-day form (TSB) the taper aims at. */
export const RACE_TSB = { low: 5, high: 15 };

export const VOLUME_GROWTH_MAX = 0.1;
/** Planned load may rise as much as volume: +10 % on the last loading week (recovery weeks aside). */
export const LOAD_GROWTH_MAX = 0.1;
/** An athlete with less recent training than this starts here (three short sessions), whatever the 10 % says. */
export const MIN_START_HOURS = 1.5;
/**
 * A triathlete's floor: one session of each sport at its shortest needs every sport's share of the week to
 * reach SESSION_MIN (sprint: swim 20 min ÷ 22 % ≈ 1 h 30), and a week of two short sessions each about
 * 2 h 20; below 2 h 30 the sports that miss their minimum vanish and the plan shrinks to nothing.
 */
export const MIN_START_HOURS_TRI = 2.5;
/** Thin history (intake answers): the first weeks hold at the answered volume. */
export const INTAKE_HOLD_WEEKS = 3;

/** CTL points per week the plan may add, by phase (analytics' building band is +2…+5). */
export const RAMP_CAP: Record<Phase, number> = { base: 4, build: 2, peak: 2, recovery: 2, taper: 2 };
/** Thin history: the lower bounds of the bands. */
export const RAMP_CAP_INTAKE: Record<Phase, number> = { base: 2, build: 1, peak: 1, recovery: 1, taper: 1 };
/** No 7-day window of the projection may gain more (the top of analytics' "building" band). */
export const RAMP_MAX = 5;

export const HARD_SHARE_MAX = 0.2;
/** One hard session takes at most this share of its sport's weekly time. */
export const HARD_SESSION_SHARE = 0.4;
export const MAX_TRAINING_DAYS = 6;
/** Minutes per session used to decide how many sessions a week holds. */
export const MINUTES_PER_SESSION: Record<Family, number> = { run: 70, bike: 90, tri: 60, general: 70 };
export const SESSION_MIN: Record<EnduranceSport, number> = { run: 20, bike: 30, swim: 20 };
/** The first long session: at least this long (a new athlete's "longest" may be nothing). */
export const LONG_FLOOR: Record<EnduranceSport, number> = { run: 30, bike: 45, swim: 20 };
export const LONG_GROWTH_MAX = 0.1;
/** …or this many minutes, when that is more (short long runs grow 5 minutes at a time). */
export const LONG_STEP_MIN = 5;

export const STRENGTH_MINUTES = 30;
export const STRENGTH_SESSIONS: Record<Phase, number> = { base: 2, build: 1, peak: 1, recovery: 1, taper: 1 };

/** Most work minutes one hard session holds, before the 20 % budget is shared out. */
export const MAX_WORK: Record<WorkoutType, number> = {
  easy: 0,
  long: 0,
  recovery: 0,
  rest: 0,
  strength: 0,
  technique: 0,
  tempo: 30,
  threshold: 32,
  intervals: 24,
  vo2max: 20,
  race_pace: 45,
  brick: 45,
};
export const TAPER_WORK_SHARE = 0.6;
export const OPENER_WORK_SHARE = 0.4;
/** A race-week opener is a few short efforts, never a workout, after a 10-minute warm-up. */
export const OPENER_WORK_MAX = 10;
export const OPENER_WARMUP = 10;
/** Race week: short sessions on every training day rather than a few long ones. */
export const RACE_WEEK_EASY_MAX: Record<EnduranceSport, number> = { run: 45, bike: 75, swim: 30 };
/** A brick's least work: a bike set and a 10-minute run off the bike; with less it is a bike session. */
export const BRICK_MIN_WORK = 20;
/** A brick's run off the bike, at least. */
export const BRICK_RUN_MIN = 10;
/** An easy brick (a week too short for a brick's sets): an easy ride of 15–30 minutes, then the run off the bike. */
export const BRICK_EASY_RIDE = 30;
export const BRICK_EASY_RIDE_MIN = 15;
/** A brick's ride takes at most this share of the week's riding (the room week-sessions leaves a sport's hard work). */
export const BRICK_RIDE_SHARE = 0.6;
/** A hard session with less work than this is not worth a hard day: it stays easy. */
export const MIN_WORK = 6;

/** Zone bounds as fractions of threshold: run pace (speed), bike power (Coggan), swim pace (of CSS). */
export const ZONES: Record<EnduranceSport, Record<Zone, [number, number]>> = {
  run: { 1: [0.65, 0.75], 2: [0.75, 0.85], 3: [0.85, 0.93], 4: [0.93, 1.01], 5: [1.01, 1.12] },
  bike: { 1: [0.45, 0.55], 2: [0.56, 0.75], 3: [0.76, 0.9], 4: [0.91, 1.05], 5: [1.06, 1.2] },
  swim: { 1: [0.78, 0.85], 2: [0.85, 0.92], 3: [0.92, 0.97], 4: [0.97, 1.03], 5: [1.03, 1.08] },
};
/** Load exponent on intensity, as analytics computes it: TSS squares IF, swim TSS cubes it. */
export const LOAD_EXPONENT: Record<EnduranceSport, number> = { run: 2, bike: 2, swim: 3 };

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
