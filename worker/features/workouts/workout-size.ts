// How big a workout is as a whole, its repeats multiplied in as the tree is walked, never unrolled: a
// 99×99×99 repeat is three multiplications, not a million steps. What a workout sent may add up to
// (issue 55: a repeat tree is bounded as a plan's flat steps are, not left to overflow a row).
import { WORKOUT_LIMITS } from './workout.schema';
import { LAP_STEP_SEC } from './workout-totals.calc';
import type { Workout, WorkoutNode } from './workout.types';

export const TOO_LONG = 'The steps add up to more than 12 hours';
export const TOO_HARD = 'The steps add up to a planned load over 1,000';

export interface WorkoutSize {
  /** Timed steps, and lap steps as the totals take them; a distance step's time needs a pace (the totals'). */
  sec: number;
  /** Distance steps. */
  m: number;
  /** Steps done, repeats counted. */
  steps: number;
}

export function workoutSize(nodes: WorkoutNode[]): WorkoutSize {
  const size = { sec: 0, m: 0, steps: 0 };
  const walk = (list: WorkoutNode[], times: number) => {
    for (const n of list) {
      if (n.kind === 'repeat') {
        walk(n.steps, times * n.count);
        continue;
      }
      size.steps += times;
      if (n.distanceM !== null) size.m += n.distanceM * times;
      else size.sec += (n.durationSec ?? LAP_STEP_SEC) * times;
    }
  };
  walk(nodes, 1);
  return size;
}

/** Why a workout sent is too big as a whole, or null. */
export function oversized(w: Pick<Workout, 'steps'>): string | null {
  const size = workoutSize(w.steps);
  if (size.sec > WORKOUT_LIMITS.totalSec) return TOO_LONG;
  if (size.m > WORKOUT_LIMITS.totalM) return 'The steps add up to more than 400 km';
  if (size.steps > WORKOUT_LIMITS.stepsDone)
    return `At most ${WORKOUT_LIMITS.stepsDone.toLocaleString('en')} steps with the repeats counted`;
  return null;
}
