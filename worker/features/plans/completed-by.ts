// Which planned workout an activity completed, read the way the calendar reads it: the current plan's
// workouts of the activity's local day matched against that day's activities (manual links included),
// with the workout's compliance. The activity page links to it and judges its steps against it.
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { localParts } from '../../lib/dates';
import { type DataUse, fixedPolicy, type PolicyRef } from '../activities';
import type { Athlete } from '../analytics';
import { type Compliance, type ComplianceBand, compliance } from './matching';
import { forMatch, matchRange } from './plan-matching';
import { createPlansRepo } from './plans.repo';
import type { Sport, StepNode, WorkoutType } from './plans.types';

export interface CompletedWorkout {
  planId: string;
  id: string;
  date: string;
  sport: Sport;
  type: WorkoutType;
  title: string;
  durationSec: number;
  distanceM: number | null;
  steps: StepNode[];
  linkMode: 'manual' | 'unlinked' | null;
  compliance: ReturnType<typeof compliance>;
}

export function createCompletedBy(deps: { db: Db; clock: Clock; policy?: PolicyRef }) {
  /** The workout of the athlete's current plan that `activity` completed, or null when it completed none. */
  return async function completedBy(a: Athlete, activity: { id: string; startTime: Date }, use: DataUse = 'analytics') {
    const r = createPlansRepo(deps.db);
    const plan = await r.currentPlan(a.id);
    if (!plan) return null;
    const day = localParts(activity.startTime, a.timeZone).date;
    const { workouts, activities, matches } = await matchRange(
      r,
      a,
      plan.id,
      day,
      day,
      (await (deps.policy ?? fixedPolicy())()).sourcesFor(use),
    );
    const match = matches.find((m) => m.activityId === activity.id);
    const w = match && workouts.find((x) => x.id === match.workoutId);
    const actual = activities.find((x) => x.id === activity.id);
    if (!w || !actual) return null;
    const planned = { ...forMatch(w), type: w.type as WorkoutType, steps: w.steps as StepNode[] };
    return {
      planId: plan.id,
      id: w.id,
      date: w.date,
      sport: w.sport as Sport,
      type: w.type as WorkoutType,
      title: w.title,
      durationSec: w.durationSec,
      distanceM: w.distanceM,
      steps: w.steps as StepNode[],
      linkMode: w.linkMode as CompletedWorkout['linkMode'],
      compliance: compliance(planned, actual, deps.clock.now(), a.timeZone),
    } satisfies CompletedWorkout;
  };
}

export type CompletedBy = ReturnType<typeof createCompletedBy>;

/** A workout the calendar matched to an activity, for its one verdict (issue 55; the intervals feature judges it). */
export interface DoneWorkout {
  workout: { id: string; revision: number; sport: Sport; steps: StepNode[] };
  activityId: string;
  compliance: Compliance;
}

/** By its steps when they were placed on the recording, else the compliance's ratio (the activity page's rule). */
export interface WorkoutVerdict {
  band: ComplianceBand | null;
  by: 'steps' | 'ratio';
  /** By its steps: which side of their ranges the missed work steps fell on, when most agree (issue 58). */
  side?: 'below' | 'above';
}

/** Each done workout's verdict by workout id, as the activity page and the drawer read it. */
export type VerdictsOf = (a: Athlete, done: DoneWorkout[], use: DataUse) => Promise<Map<string, WorkoutVerdict>>;
