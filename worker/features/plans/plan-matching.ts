// Matching a range of a plan's days against the athlete's activities: the one place the plan service
// (calendar) and workout control (is this workout completed?) read workouts, activities and manual links.
import { localDayRange } from '../../lib/dates';
import type { ActivitySource } from '../activities';
import { type ActivityForMatch, matchActivities } from './matching';
import type { PlansRepo, WorkoutRow } from './plans.repo';
import type { Sport } from './plans.types';

export const forMatch = (w: WorkoutRow) => ({
  id: w.id,
  date: w.date,
  sport: w.sport as Sport,
  durationSec: w.durationSec,
  distanceM: w.distanceM,
  targetLoad: w.targetLoad,
  skipped: w.skipped,
  done: w.doneAt !== null,
});

/**
 * The plan's workouts from `from` to `to` (local dates), the activities of those days, and which matched
 * which, among the activities of `sources` (the policy's sources for who looks: the athlete's analytics, or their coach).
 */
export async function matchRange(
  r: PlansRepo,
  athlete: { id: string; timeZone: string },
  planId: string,
  from: string,
  to: string,
  sources: ActivitySource[],
) {
  const workouts = await r.workoutsBetween(athlete.id, planId, from, to);
  const activities = await r.activitiesBetween(
    athlete.id,
    sources,
    localDayRange(from, athlete.timeZone).start,
    localDayRange(to, athlete.timeZone).end,
  );
  return { workouts, activities, matches: matchRows(athlete.timeZone, workouts, activities) };
}

/** Which activity completed which of `workouts`: their manual links (or unlinks) first, then matching's rules. */
export function matchRows(timeZone: string, workouts: WorkoutRow[], activities: ActivityForMatch[]) {
  const manual = workouts
    .filter((w) => w.linkMode)
    .map((w) => ({ workoutId: w.id, activityId: w.linkMode === 'manual' ? w.linkedActivityId : null }));
  return matchActivities({ timeZone, workouts: workouts.map(forMatch), activities, manual });
}
