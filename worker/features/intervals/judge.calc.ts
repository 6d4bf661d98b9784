// What the streams say about an activity and the workout it completed: the work found, the reps against the
// plan and each step. One function, so the activity page, the drawer and the calendar's cards judge alike.
import type { StepNode } from '../plans';
import { isStructured, type WorkoutNode } from '../workouts';
import { detectIntervals } from './detect.calc';
import type { activityWithStreams } from './intervals.repo';
import { type DayThresholds, planVsDone, repsOf } from './plan-vs-done.calc';
import { repRanges } from './step-anchors.calc';
import { stepCompliance } from './step-compliance.calc';
import { executedSteps } from './step-targets.calc';

type Row = NonNullable<Awaited<ReturnType<typeof activityWithStreams>>>;

export function judge(row: Row, workout: { sport: string; steps: StepNode[] } | null, t: DayThresholds) {
  const detection = row.streams
    ? detectIntervals(row.streams, row.sport, { speedMps: row.sport === 'swim' ? t.css : t.threshold_pace, powerW: t.ftp })
    : null;
  // Every stored step list is a workout tree (ADR 055): the generator's and the builder's alike. The rep table
  // reads its targets as the steps do, and time-placed steps sit on the reps it found (step-anchors).
  const tree = workout && workout.steps.length > 0 ? (workout.steps as WorkoutNode[]) : null;
  const ranges = tree && isStructured(tree) ? repRanges(executedSteps(tree, workout!.sport), t) : undefined;
  // Without streams nothing can be said rep by rep; the workout's own compliance still stands.
  const plan = workout && row.streams ? planVsDone(repsOf(workout.steps, workout.sport, t), workout.sport, detection, t, ranges) : null;
  const steps = tree
    ? stepCompliance(
        tree,
        workout!.sport,
        row,
        t,
        plan?.reps.map((r) => r.done),
      )
    : null;
  return { detection, plan, steps };
}
