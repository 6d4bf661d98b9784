// An activity's intervals: the work and recovery segments its streams show, the planned workout it
// completed, that workout's reps against what was done and how each of its steps went (ADR 062). Reads
// with the activity's own thresholds, as its zones and load do: the day's, raised by the activity (issue 55).
import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import { type DataUse, fixedPolicy, type PolicyRef } from '../activities';
import type { AnalyticsService, Athlete } from '../analytics';
import type { CompletedBy } from '../plans';
import { isStructured, type WorkoutNode } from '../workouts';
import { detectIntervals } from './detect.calc';
import * as intervalsRepo from './intervals.repo';
import type { ActivityIntervals } from './intervals.schema';
import { type DayThresholds, planVsDone, repsOf } from './plan-vs-done.calc';
import { repRanges } from './step-anchors.calc';
import { stepCompliance } from './step-compliance.calc';
import { executedSteps } from './step-targets.calc';
import { workoutVerdict } from './verdict.calc';

export function createIntervalsService(deps: {
  db: Db;
  analytics: Pick<AnalyticsService, 'activityAnalysis'>;
  completedBy: CompletedBy;
  policy?: PolicyRef;
}) {
  return {
    /** 404 unless the activity is the athlete's and `use` may read its source. */
    async forActivity(a: Athlete, activityId: string, use: DataUse = 'owner'): Promise<ActivityIntervals> {
      const row = await intervalsRepo.activityWithStreams(deps.db, a.id, activityId);
      if (!row || !(await (deps.policy ?? fixedPolicy())()).allows(row.source, use)) throw notFound('Activity');
      // Matching it to a planned workout combines it with the plan: the owner's view asks as analytics does.
      const matchUse = use === 'owner' ? 'analytics' : use;
      const [analysis, workout] = await Promise.all([deps.analytics.activityAnalysis(a, activityId), deps.completedBy(a, row, matchUse)]);
      const t: DayThresholds = analysis?.thresholdsRead ?? {};
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
      return {
        hasStreams: row.streams !== null,
        detection,
        workout: workout && {
          planId: workout.planId,
          id: workout.id,
          date: workout.date,
          title: workout.title,
          type: workout.type,
          sport: workout.sport,
          status: workout.compliance.status,
          compliance: { band: workout.compliance.band, ratio: workout.compliance.ratio, by: workout.compliance.by },
          verdict: workoutVerdict(workout.compliance, steps),
        },
        planVsDone: plan,
        steps,
      };
    },
  };
}

export type IntervalsService = ReturnType<typeof createIntervalsService>;
