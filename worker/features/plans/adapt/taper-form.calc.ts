// Issue 58: "race day still arrives with the form the plan promised". In the taper, the athlete's actual fitness
// (less done than planned lowers CTL more than the taper's ATL) can project race-day form below RACE_TSB; then the
// taper's easy sessions are shortened until it lands back inside. Never the other way: no step raises load in the
// taper, so form above the band is left as it is. Pure; the projection is analytics' own recurrence (ADR 016).
import { addDays } from '../../../lib/dates';
import { fitnessSeries } from '../../analytics';
import { RACE_TSB, TAPER_AIM_MARGIN } from '../generator/plan-rules';
import type { AdaptWorkout } from './adapt.types';

/** Shortening steps tried, in order: the least that lands race-day form in the band (at most half). */
export const TAPER_CUTS = [10, 20, 30, 40, 50] as const;
const EASY = ['easy', 'recovery', 'long'];
const round1 = (x: number) => Math.round(x * 10) / 10;

export interface TaperForm {
  /** Race-day TSB as planned now, and with the cut. */
  projected: number;
  after: number;
  percent: number;
  workoutIds: string[];
}

/** Race-day TSB from tonight's CTL/ATL over the workouts still to come (the race's own load comes after its morning). */
export function projectRaceTsb(
  fitness: { ctl: number; atl: number },
  today: string,
  eventDate: string,
  workouts: readonly AdaptWorkout[],
): number {
  const loads = new Map<string, number>();
  for (const w of workouts) if (w.status === 'planned' && w.date > today) loads.set(w.date, (loads.get(w.date) ?? 0) + w.load);
  return fitnessSeries(loads, addDays(today, 1), eventDate, fitness).at(-1)!.tsb;
}

/**
 * Whether the taper should ease, from tonight's fitness: null while race-day form projects at or above the band's
 * floor. Otherwise the easy sessions from tomorrow to `lastDay` (the guard keeps the race's last days) are shortened
 * by the least of TAPER_CUTS that lands it at the floor plus TAPER_AIM_MARGIN, or by the most when none does.
 */
export function taperForm(
  fitness: { ctl: number; atl: number },
  today: string,
  eventDate: string,
  lastDay: string,
  workouts: readonly AdaptWorkout[],
): TaperForm | null {
  if (today >= eventDate) return null;
  const projected = projectRaceTsb(fitness, today, eventDate, workouts);
  if (projected >= RACE_TSB.low) return null;
  const easy = workouts.filter((w) => w.status === 'planned' && EASY.includes(w.type) && w.date > today && w.date <= lastDay);
  if (!easy.length) return null;
  const ids = new Set(easy.map((w) => w.id));
  let best: TaperForm | null = null;
  for (const percent of TAPER_CUTS) {
    const cut = workouts.map((w) => (ids.has(w.id) ? { ...w, load: w.load * (1 - percent / 100) } : w));
    const after = round1(projectRaceTsb(fitness, today, eventDate, cut));
    best = { projected: round1(projected), after, percent, workoutIds: easy.map((w) => w.id) };
    if (after >= RACE_TSB.low + TAPER_AIM_MARGIN) break;
  }
  return best;
}
