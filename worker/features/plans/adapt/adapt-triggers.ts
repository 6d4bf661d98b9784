// Which triggers the athlete's days hold now (issue 58): a missed session of the last week, a session just judged, an
// activity that completed no workout, a run of low-readiness mornings, an illness or injury note, a new threshold.
// Each trigger's key is its identity, so reading the same days again proposes nothing twice. Pure.
import { addDays } from '../../../lib/dates';
import type { AdaptState, Trigger } from './adapt.types';

/** How far back a miss, a judged session or an unplanned activity still sets a re-plan off. */
export const LOOKBACK_DAYS = 7;
/** A threshold moved by less than this share is the same threshold (a rounding, a re-read). */
export const THRESHOLD_CHANGE = 0.01;

/** The thresholds in effect on a day, by name (null: not known). */
export type ThresholdSnapshot = Record<string, number | null>;

export function triggersOf(state: AdaptState): Trigger[] {
  const since = addDays(state.today, -LOOKBACK_DAYS);
  const recent = (d: string) => d >= since && d <= state.today;
  const out: Trigger[] = [];
  for (const w of state.workouts) {
    if (w.status === 'missed' && recent(w.date) && w.date < state.today) out.push({ kind: 'missed', workoutId: w.id });
    if (w.status === 'completed' && recent(w.date) && state.outcomes.some((o) => o.workoutId === w.id))
      out.push({ kind: 'completed', workoutId: w.id });
  }
  for (const u of state.unplanned) if (recent(u.date)) out.push({ kind: 'unplanned', activityId: u.activityId });
  if (state.mornings.at(-1) === true) out.push({ kind: 'readiness', day: spellStart(state.mornings, state.today) });
  for (const n of state.health)
    if ((n.to ?? state.today) >= addDays(state.today, -LOOKBACK_DAYS)) out.push({ kind: 'health', noteId: n.id });
  return out;
}

/**
 * The first morning of the low spell that runs to today (mornings oldest first, today last): a 7-day mean stays low
 * for days after the mornings recover, and one spell is one change.
 */
export function spellStart(mornings: readonly (boolean | null)[], today: string): string {
  let i = mornings.length - 1;
  while (i > 0 && mornings[i - 1] === true) i--;
  return addDays(today, i - (mornings.length - 1));
}

/** A threshold that moved since the pass last read it (never on the first read: there is nothing to compare). */
export function thresholdTriggers(before: ThresholdSnapshot | null, now: ThresholdSnapshot, today: string): Trigger[] {
  if (!before) return [];
  return Object.entries(now).flatMap(([metric, to]) => {
    const from = before[metric];
    if (from == null || to == null || Math.abs(to - from) / from < THRESHOLD_CHANGE) return [];
    return [{ kind: 'threshold' as const, metric, from, to, day: today }];
  });
}
