// Issue 58: two rules that ease what follows. Unplanned load counts toward the week: when what was done plus what
// is left runs past the week's ramp, the easy sessions left are shortened first (never below 20 minutes, else
// dropped), then the next hard one is turned easy. Low readiness several days running turns the next hard day easy.
// Pure; each change says why.
import { LOAD_GROWTH_MAX } from '../generator/plan-rules';
import { HARD_TYPES, type WorkoutType } from '../plans.types';
import type { DayWorkout } from './missed.calc';

export interface PlannedLeft extends DayWorkout {
  durationSec: number;
}

export type Ease =
  | { kind: 'shorten'; workoutId: string; durationSec: number; load: number; reason: string }
  | { kind: 'drop'; workoutId: string; reason: string }
  | { kind: 'make_easy'; workoutId: string; load: number; reason: string };

/** An easy session is not shortened below this: shorter, it is dropped instead. */
export const MIN_EASY_SEC = 20 * 60;
/** A hard session turned easy keeps its time at easy effort: roughly this share of its load (IF 0.75² vs ~0.9²). */
export const EASY_SHARE = 0.7;
/** Days below the athlete's normal range, running, before the next hard day is made easy. */
export const LOW_READINESS_DAYS = 2;

const isHard = (t: WorkoutType) => HARD_TYPES.includes(t);

/**
 * The week runs hot when its done load plus its planned load left passes the week before × 1.1. Eases the sessions
 * left, in date order: easy ones shortened (or dropped) first, then the first hard one made easy, until it fits.
 * Nothing changes without a week before to ramp from.
 */
export function easeHotWeek(doneLoad: number, left: readonly PlannedLeft[], previousWeekLoad: number | null): Ease[] {
  if (previousWeekLoad === null) return [];
  const cap = previousWeekLoad * (1 + LOAD_GROWTH_MAX);
  let over = doneLoad + left.reduce((s, w) => s + w.load, 0) - cap;
  if (over <= 0) return [];
  const why = `Unplanned training made this week ${Math.round(doneLoad)} so far; with the sessions left it would pass the ${Math.round(cap)} the week before allows (+${Math.round(LOAD_GROWTH_MAX * 100)} %).`;
  const out: Ease[] = [];
  const sorted = [...left].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const w of sorted) {
    if (over <= 0) break;
    if (isHard(w.type) || w.type === 'long' || w.load <= 0) continue;
    const perSec = w.load / w.durationSec;
    const keepSec = Math.max(0, w.durationSec - Math.ceil(over / perSec / 60) * 60);
    if (keepSec < MIN_EASY_SEC) {
      out.push({ kind: 'drop', workoutId: w.id, reason: `${why} This easy session is dropped.` });
      over -= w.load;
    } else {
      const load = Math.round(perSec * keepSec);
      out.push({ kind: 'shorten', workoutId: w.id, durationSec: keepSec, load, reason: `${why} This easy session is shortened.` });
      over -= w.load - load;
    }
  }
  const hard = sorted.find((w) => isHard(w.type));
  if (over > 0 && hard) {
    const load = Math.round(hard.load * EASY_SHARE);
    out.push({ kind: 'make_easy', workoutId: hard.id, load, reason: `${why} The next hard session is done easy instead.` });
  }
  return out;
}

/**
 * Readiness below the athlete's normal range on the last `LOW_READINESS_DAYS` mornings (oldest first; null where
 * the engine had no verdict, which breaks the run) turns the next hard session easy. Nothing changes on a single
 * low morning or without enough history for a normal range (the wellness engine says "not enough data yet").
 */
export function easeForReadiness(mornings: readonly (boolean | null)[], left: readonly PlannedLeft[]): Ease | null {
  const recent = mornings.slice(-LOW_READINESS_DAYS);
  if (recent.length < LOW_READINESS_DAYS || !recent.every((low) => low === true)) return null;
  const hard = [...left].sort((a, b) => (a.date < b.date ? -1 : 1)).find((w) => isHard(w.type));
  if (!hard) return null;
  return {
    kind: 'make_easy',
    workoutId: hard.id,
    load: Math.round(hard.load * EASY_SHARE),
    reason: `Your readiness has been below your normal range for ${LOW_READINESS_DAYS} mornings running: the next hard session is done easy, at the same time.`,
  };
}
