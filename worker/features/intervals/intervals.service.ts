// An activity's intervals: the work and recovery segments its streams show, the planned workout it
// completed, that workout's reps against what was done and how each of its steps went (ADR 062). Reads
// with the activity's own thresholds, as its zones and load do: the day's, raised by the activity (issue 55).
import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import { type DataUse, fixedPolicy, type PolicyRef } from '../activities';
import type { AnalyticsService, Athlete } from '../analytics';
import type { CompletedBy, DoneWorkout, VerdictsOf } from '../plans';
import * as intervalsRepo from './intervals.repo';
import type { ActivityIntervals } from './intervals.schema';
import { judge } from './judge.calc';
import type { DayThresholds } from './plan-vs-done.calc';
import { type WorkoutVerdict, workoutVerdict } from './verdict.calc';

export function createIntervalsService(deps: {
  db: Db;
  analytics: Pick<AnalyticsService, 'activityAnalysis' | 'cached'>;
  completedBy: CompletedBy;
  policy?: PolicyRef;
}) {
  const policy = async () => (deps.policy ?? fixedPolicy())();

  /** The workout's one judgement as the activity page would make it, from the activity the calendar matched. */
  async function verdictOf(a: Athlete, d: DoneWorkout, use: DataUse): Promise<WorkoutVerdict> {
    const ratio = workoutVerdict(d.compliance, null);
    const row = await intervalsRepo.activityWithStreams(deps.db, a.id, d.activityId);
    if (!row || !(await policy()).allows(row.source, use)) return ratio;
    const analysis = await deps.analytics.activityAnalysis(a, d.activityId);
    return workoutVerdict(d.compliance, judge(row, d.workout, analysis?.thresholdsRead ?? {}).steps);
  }

  const verdicts: VerdictsOf = async (a, done, use) => {
    const out = new Map<string, WorkoutVerdict>();
    await Promise.all(
      done.map(async (d) => {
        // Keyed by what it depends on: the workout's revision, the activity matched and its band; the data version
        // (activities, thresholds) is in every analytics key, so a re-match, an edit or a new upload reads afresh.
        const key = { workout: d.workout.id, revision: d.workout.revision, activity: d.activityId, band: d.compliance.band ?? '', use };
        out.set(d.workout.id, await deps.analytics.cached('workout-verdict', a, key, () => verdictOf(a, d, use)));
      }),
    );
    return out;
  };

  return {
    verdicts,
    /** 404 unless the activity is the athlete's and `use` may read its source. */
    async forActivity(a: Athlete, activityId: string, use: DataUse = 'owner'): Promise<ActivityIntervals> {
      const row = await intervalsRepo.activityWithStreams(deps.db, a.id, activityId);
      if (!row || !(await policy()).allows(row.source, use)) throw notFound('Activity');
      // Matching it to a planned workout combines it with the plan: the owner's view asks as analytics does.
      const matchUse = use === 'owner' ? 'analytics' : use;
      const [analysis, workout] = await Promise.all([deps.analytics.activityAnalysis(a, activityId), deps.completedBy(a, row, matchUse)]);
      const t: DayThresholds = analysis?.thresholdsRead ?? {};
      const { detection, plan, steps } = judge(row, workout, t);
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
