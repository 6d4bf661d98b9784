// The plan's calendar: how many weeks, which phase each week is in, where the recovery weeks and the
// taper fall. Pure; the numbers are in plan-rules.ts and their reasons in ADR 016.

import { addDays, daysBetween } from '../../../lib/dates';
import type { Goal, Phase } from '../plans.types';
import {
  GENERAL_FITNESS_WEEKS,
  GOALS,
  MASTERS_AGE,
  MASTERS_RECOVERY_EVERY,
  PHASE_SHARE,
  RECOVERY_EVERY,
  SHORT_RACE_WEEK_DAYS,
  TAPER_CEILING,
  TAPER_VOLUME,
} from './plan-rules';

export type NominalPhase = Exclude<Phase, 'recovery'>;

export interface WeekFrame {
  /** 1-based. */
  week: number;
  startDate: string;
  /** Last day of the week inside the plan (the event day in the race week). */
  endDate: string;
  days: number;
  phase: Phase;
  /** The phase the week belongs to when it is a recovery week. */
  nominal: NominalPhase;
  /**
   * 0-based position in the taper, the taper's volume as a share of peak volume, and whether tuning towards
   * race-day form may move it (every week but the first of a taper of two or more weeks).
   */
  taper: { index: number; of: number; volume: number; tuned: boolean } | null;
  raceWeek: boolean;
  /** A recovery week was due here but the taper starts next week (it unloads instead). */
  taperNext: boolean;
}

export interface Periodization {
  startDate: string;
  endDate: string;
  /** The race day; null without an event. */
  eventDate: string | null;
  weeks: WeekFrame[];
  /** Shorter than the goal's minimum: phases compressed (the API warns). */
  compressed: boolean;
  recoveryEvery: number;
  /** First and last week of each nominal phase, for the explanations. */
  ranges: Partial<Record<NominalPhase, [number, number]>>;
}

/** Recovery cadence: every 4th week, every 3rd from age 45 (base, build and peak). */
export const recoveryCadence = (age: number | null): number =>
  age !== null && age >= MASTERS_AGE ? MASTERS_RECOVERY_EVERY : RECOVERY_EVERY;

/** The other end of a 2–3-week taper range (marathon, 70.3) when the plan is long enough for the longer one. */
export function alternativeTaper(goal: Goal['kind'], weeks: number): number | null {
  const g = GOALS[goal];
  return g.longTaper && weeks >= g.longTaper.weeks ? g.taperWeeks : null;
}

/** Taper weeks for a plan of `weeks` weeks (before the short-race-week extra). */
export function taperWeeksFor(goal: Goal['kind'], weeks: number): number {
  const g = GOALS[goal];
  let taper = g.longTaper && weeks >= g.longTaper.weeks ? g.longTaper.taperWeeks : g.taperWeeks;
  // Compressed: the taper shrinks with the plan, never below a week.
  if (taper > 0 && weeks < g.minWeeks) taper = Math.max(1, Math.round((taper * weeks) / g.minWeeks));
  return taper;
}

/** Phase lengths for the weeks before the taper: base 45–50 %, build 30–35 %, peak 10–15 % (normalised). */
export function splitPhases(weeks: number, withPeak: boolean): NominalPhase[] {
  if (weeks <= 0) return [];
  if (!withPeak) {
    const base = Math.ceil(weeks / 2);
    return [...Array<NominalPhase>(base).fill('base'), ...Array<NominalPhase>(weeks - base).fill('build')];
  }
  if (weeks === 1) return ['peak'];
  if (weeks === 2) return ['build', 'peak'];
  const total = PHASE_SHARE.base + PHASE_SHARE.build + PHASE_SHARE.peak;
  const peak = Math.max(1, Math.round((weeks * PHASE_SHARE.peak) / total));
  const build = Math.max(1, Math.round((weeks * PHASE_SHARE.build) / total));
  const base = Math.max(1, weeks - peak - build);
  const fit = weeks - base - peak;
  return [...Array<NominalPhase>(base).fill('base'), ...Array<NominalPhase>(fit).fill('build'), ...Array<NominalPhase>(peak).fill('peak')];
}

/** Taper volume of taper week `index` (0-based) out of `of`: 70 → 50 → 40 % of peak, repeated at the end. */
export function taperVolume(taperWeeks: number, index: number): number {
  const steps = TAPER_VOLUME[Math.min(3, Math.max(1, taperWeeks))]!;
  return steps[Math.min(index, steps.length - 1)]!;
}

/**
 * A taper week's volume as a share of peak volume once tuned towards race-day form: the first week of a
 * taper of two or three weeks keeps its 70 %; the later weeks (and a one-week taper) are scaled, never
 * above 70 %.
 */
export function taperShare(taper: NonNullable<WeekFrame['taper']>, scale: number): number {
  return taper.tuned ? Math.min(TAPER_CEILING, taper.volume * scale) : taper.volume;
}

/** `taperWeeks` overrides the goal's default taper (the generator tries both ends of a 2–3-week range). */
export function periodize(goal: Goal, startDate: string, age: number | null, taperWeeks?: number): Periodization {
  const rules = GOALS[goal.kind];
  // An event before the start (the API rejects it) is read as the first day rather than breaking the plan.
  const event = goal.kind !== 'general_fitness' && goal.eventDate ? goal.eventDate : null;
  const eventDate = event && event < startDate ? startDate : event;
  const weeksWithoutEvent = goal.kind === 'general_fitness' ? GENERAL_FITNESS_WEEKS : rules.typicalWeeks;
  const totalDays = eventDate ? Math.max(1, daysBetween(startDate, eventDate) + 1) : weeksWithoutEvent * 7;
  const n = Math.ceil(totalDays / 7);
  const endDate = addDays(startDate, totalDays - 1);
  const lastDays = totalDays - 7 * (n - 1);

  const baseTaper = taperWeeks ?? taperWeeksFor(goal.kind, n);
  // A race week of 1–3 days holds the race and its eve: one more taper week after the full ones.
  const extra = eventDate && baseTaper > 0 && lastDays < SHORT_RACE_WEEK_DAYS ? 1 : 0;
  const taperCount = Math.min(n, baseTaper + extra);
  const nominal: NominalPhase[] = [...splitPhases(n - taperCount, rules.taperWeeks > 0), ...Array<NominalPhase>(taperCount).fill('taper')];

  const every = recoveryCadence(age);
  const taperFrom = n - taperCount;
  const weeks: WeekFrame[] = nominal.map((phase, i) => {
    const week = i + 1;
    const start = addDays(startDate, 7 * i);
    const days = week === n ? lastDays : 7;
    // The rhythm runs through base, build and peak; a recovery week due right before the taper is not
    // taken (the taper unloads from the next week), so that block runs one week longer.
    const due = phase !== 'taper' && week % every === 0;
    const taperNext = due && taperCount > 0 && i === taperFrom - 1;
    const recovery = due && !taperNext;
    const taperIndex = i - (n - taperCount);
    return {
      week,
      startDate: start,
      endDate: addDays(start, days - 1),
      days,
      phase: recovery ? 'recovery' : phase,
      nominal: phase,
      taper:
        phase === 'taper'
          ? { index: taperIndex, of: taperCount, volume: taperVolume(baseTaper, taperIndex), tuned: taperIndex > 0 || baseTaper < 2 }
          : null,
      raceWeek: eventDate !== null && week === n,
      taperNext,
    };
  });

  const ranges: Periodization['ranges'] = {};
  for (const w of weeks) {
    const r = ranges[w.nominal];
    ranges[w.nominal] = r ? [r[0], w.week] : [w.week, w.week];
  }
  return { startDate, endDate, eventDate, weeks, compressed: eventDate !== null && n < rules.minWeeks, recoveryEvery: every, ranges };
}
