// A structured workout sent to workout control (ADR 055): the step tree or its compact text, checked for
// its sport, and what follows from it with the athlete's thresholds of the day — time, distance, load and
// the headline intensity — so a tree is one story as the flat steps are (workout-shape.ts). Pure.
import { AppError, ErrorCode } from '../../../lib/errors';
import {
  oversized,
  parseWorkoutText,
  TOO_HARD,
  TOO_LONG,
  type Thresholds,
  type Workout,
  type WorkoutNode,
  WorkoutSchema,
  type WorkoutSport,
  type WorkoutStep,
  WORKOUT_LIMITS,
  workoutTotals,
  type WorkoutTotals,
} from '../../workouts';
import type { Sport, StepNode, Target } from '../plans.types';
import { describeSession } from '../generator';
import { STATES_SHAPE, type WorkoutFields } from './workout-shape';
import { invalid } from './workout-state';

export type TreeInput = { workout?: { steps: unknown[]; poolLengthM?: number }; text?: string };

const leaves = (nodes: WorkoutNode[]): WorkoutStep[] => nodes.flatMap((n) => (n.kind === 'repeat' ? leaves(n.steps) : [n]));

/**
 * The tree sent, or the text parsed: a text that does not parse is a 400 listing each bad token, and a
 * tree bigger as a whole than flat steps may be (12 h, repeats counted) a 400 naming it.
 */
export function treeOf(sport: Sport, input: TreeInput): Workout | null {
  const tree = sentTree(sport, input);
  const why = tree && oversized(tree);
  if (why) throw invalid(input.text !== undefined ? 'text' : 'workout.steps', why);
  return tree;
}

function sentTree(sport: Sport, input: TreeInput): Workout | null {
  if (input.workout && input.text !== undefined) throw invalid('text', 'Send the workout or its text, not both.');
  if (input.text !== undefined) {
    const parsed = parseWorkoutText(input.text, sport as WorkoutSport);
    if (!parsed.ok) {
      const first = parsed.errors[0]!;
      throw new AppError(ErrorCode.VALIDATION, `Line ${first.line}, column ${first.column}: ${first.message}`, {
        fields: [{ path: 'text', message: first.message }],
        textErrors: parsed.errors,
      });
    }
    return parsed.workout;
  }
  if (!input.workout) return null;
  const checked = WorkoutSchema.safeParse({ ...input.workout, sport });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw invalid(['workout', ...issue.path].join('.'), issue.message);
  }
  return checked.data;
}

/**
 * A tree's totals with `thresholds`, within a workout row's bounds: distance steps timed by a pace, or hard
 * targets, can take a tree `treeOf` let through past 12 h or a load of 1,000 (400, not a row out of range).
 */
export function boundedTotals(tree: Workout, thresholds: Thresholds, path: string): WorkoutTotals {
  const totals = workoutTotals(tree, thresholds);
  if (totals.durationSec > WORKOUT_LIMITS.totalSec) throw invalid(path, TOO_LONG);
  if (totals.load > WORKOUT_LIMITS.totalLoad) throw invalid(path, TOO_HARD);
  return totals;
}

/** A stored target the plans' readers know (a zone label and its fractions): the headline intensity, when a step has one. */
const planTarget = (t: WorkoutStep['target']): Target | null =>
  t && 'zone' in t && 'low' in t && t.zone !== undefined && !('unit' in t) ? (t as Target) : null;

/** The headline: a hard session's first work step's target, else the longest timed step's, when it is one the plans read. */
function headlineOf(hard: boolean, steps: WorkoutNode[]): Target | null {
  const flat = leaves(steps);
  const main =
    (hard ? flat.find((s) => s.kind === 'work') : undefined) ?? [...flat].sort((a, b) => (b.durationSec ?? 0) - (a.durationSec ?? 0))[0];
  return planTarget(main?.target ?? null);
}

/**
 * The fields a structured workout gives its row: the tree as its steps, its totals with `thresholds`, the
 * headline intensity; the words sent, else the workout's own (an add without a description has none: its steps say it).
 */
export function treeFields(
  tree: Workout,
  base: Pick<WorkoutFields, 'sport' | 'type' | 'title' | 'description'>,
  sent: { title?: string; description?: string; distanceM?: number | null },
  thresholds: Thresholds,
  hard: boolean,
): Omit<WorkoutFields, 'sport' | 'type'> {
  if (!tree.steps.length) throw invalid('workout.steps', 'A structured workout has at least one step.');
  const totals = boundedTotals(tree, thresholds, 'workout.steps');
  if (totals.durationSec < 1) throw invalid('workout.steps', 'The steps add up to no time.');
  return {
    title: sent.title ?? base.title,
    description: sent.description ?? base.description,
    steps: tree.steps as StepNode[],
    durationSec: Math.round(totals.durationSec),
    distanceM: totals.distanceM > 0 ? Math.round(totals.distanceM) : (sent.distanceM ?? null),
    targetLoad: Math.round(totals.load),
    intensity: headlineOf(hard, tree.steps),
  };
}

/**
 * A description kept when a structured workout's steps are replaced: the athlete's own words (no lengths,
 * reps or zones), else none, as an added structured workout (its steps say it; the plan's words told the old ones).
 */
export function ownDescription(was: WorkoutFields): string {
  const d = was.description;
  return d === describeSession(was.sport, was.type, was.steps) || STATES_SHAPE.test(d) ? '' : d;
}
