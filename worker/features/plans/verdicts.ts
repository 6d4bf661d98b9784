// Each done workout's one verdict (issue 55), for every list that shows a done workout: the training calendar's
// cards, Home's Today and the coach's list of a client's plan. Intervals judges (the wiring gives `VerdictsOf`);
// this picks what it judges and falls back to the compliance's ratio, so every list says the same of a workout.
import type { DataUse } from '../activities';
import type { Athlete } from '../analytics';
import type { DoneWorkout, VerdictsOf, WorkoutVerdict } from './completed-by';
import type { Compliance } from './matching';

/** A workout as a list holds it: the workout, the activity matched to it (if any) and its compliance. */
export interface Judgeable {
  workout: DoneWorkout['workout'];
  activity: { id: string } | null;
  compliance: Compliance;
}

/**
 * The verdict of each of `items`: done with steps, the activity page's and the drawer's judgement (by its steps
 * when they were placed on the recording); any other, or without `verdicts`, its compliance's band ('ratio').
 * Only done workouts with steps are sent to be judged: the rest cost nothing.
 */
export async function verdictsOf(
  verdicts: VerdictsOf | undefined,
  a: Athlete,
  items: Judgeable[],
  use: DataUse,
): Promise<(x: Judgeable) => WorkoutVerdict> {
  const done: DoneWorkout[] = items.flatMap((x) =>
    x.activity && x.compliance.status === 'completed' && x.workout.steps.length > 0
      ? [{ workout: x.workout, activityId: x.activity.id, compliance: x.compliance }]
      : [],
  );
  const judged = done.length && verdicts ? await verdicts(a, done, use) : new Map<string, WorkoutVerdict>();
  return (x) => judged.get(x.workout.id) ?? { band: x.compliance.band, by: 'ratio' };
}
