// Workout control's actions beyond move and skip: edit, add, swap two days, adjust a week's load, and
// re-link or unlink a match. Each runs through the core's `change()` (lock, active plan, entitlement,
// rate limit, change log) and returns what it changed, so undo restores it from the log.
import { addDays, todayIn } from '../../../lib/dates';
import { ErrorReason, notFound, nothingToUpdate } from '../../../lib/errors';
import type { ActivitySource, DataUse } from '../../activities';
import { matchRange } from '../plan-matching';
import type { PlanRow, PlansRepo, WorkoutRow } from '../plans.repo';
import type { Changed } from './edit-checks';
import { type ChangeBy, changeUse } from './workout-access';
import type { WorkoutAction } from './workout-access';
import { ADJUST_BOUNDS, EDIT_FIELDS } from './workout-control.schema';
import { isStructured, type Thresholds } from '../../workouts';
import { HARD_TYPES, type Slot } from '../plans.types';
import { editedShape, fieldsOf, fitOrRefuse, newShape, type NewWorkout, type WorkoutFields, type WorkoutPatch } from './workout-shape';
import { ownDescription, type TreeInput, treeFields, treeOf } from './workout-tree';
import { onDay, scaled } from './workout-steps';
import { conflict, invalid, same, stateOf, type States, weekOf, weekPhase, withinPlan } from './workout-state';

export type { NewWorkout, WorkoutFields, WorkoutPatch } from './workout-shape';

/** What the actions need of the core (workout-control.service.ts). */
export interface ControlCore {
  now: () => Date;
  change: (
    by: ChangeBy,
    planId: string,
    action: WorkoutAction,
    apply: (r: PlansRepo, plan: PlanRow) => Promise<{ before: States; after: States }>,
  ) => Promise<Changed>;
  editable: (r: PlansRepo, by: ChangeBy, planId: string, workoutId: string) => Promise<WorkoutRow>;
  completedAmong: (r: PlansRepo, by: ChangeBy, planId: string, dates: string[]) => Promise<Set<string>>;
  /** The sources plan matching may read (the unit of work's data policy). */
  matchSources: () => Promise<ActivitySource[]>;
  /** The athlete's thresholds in effect on a day: a structured workout's totals follow from them. */
  thresholds: (userId: string, day: string, use?: DataUse) => Promise<Thresholds>;
}

/** An edit: the workout's fields, or a structured workout (tree or text) in place of its steps. */
export type WorkoutEdit = WorkoutPatch & TreeInput & { slot?: Slot | null };
/**
 * An add: as an edit, on a day; the duration follows from a structured workout, else it is required. `why`: what the
 * athlete reads under "Why this workout" when the add has its own (a library workout: its coach's reason, or nothing).
 */
export type AddWorkout = Omit<NewWorkout, 'durationSec'> & { durationSec?: number; why?: string; slot?: Slot | null } & TreeInput;

/** Why a workout is there once its steps or type are the athlete's: the plan's reason told the old session. */
const editedWhy = (w: WorkoutRow) => `Edited by hand in week ${w.week}; ${w.phase} phase. The steps are yours, no longer the plan's.`;

/** What follows from a tree and was sent anyway must be what follows (as for the flat steps). */
function sentFollows(sent: WorkoutPatch, got: Omit<WorkoutFields, 'sport' | 'type'>) {
  for (const k of ['durationSec', 'targetLoad'] as const)
    if (sent[k] !== undefined && sent[k] !== got[k])
      throw invalid(k, `The ${k === 'durationSec' ? 'duration' : 'load'} follows from the workout's steps (${got[k]}): leave it out.`);
}

/** On a structured row, what the page's form sends back unchanged (its time, load and intensity) is not a change. */
function withoutEcho(w: WorkoutRow, patch: WorkoutPatch): WorkoutPatch {
  const moves = (k: 'sport' | 'type') => patch[k] !== undefined && patch[k] !== w[k];
  if (patch.steps !== undefined || moves('sport') || moves('type') || !isStructured(fieldsOf(w).steps)) return patch;
  const echo = (k: 'durationSec' | 'targetLoad' | 'intensity') =>
    patch[k] !== undefined && JSON.stringify(patch[k]) === JSON.stringify(w[k]);
  return Object.fromEntries(
    Object.entries(patch).filter(([k]) => !(['durationSec', 'targetLoad', 'intensity'].includes(k) && echo(k as 'durationSec'))),
  ) as WorkoutPatch;
}

/** The workout nearest to `date`; on a tie the earlier one. `all` is in date order. */
function nearestTo(all: WorkoutRow[], date: string): WorkoutRow | undefined {
  let best: WorkoutRow | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const w of all) {
    const gap = Math.abs(Date.parse(w.date) - Date.parse(date));
    if (gap < bestGap) [best, bestGap] = [w, gap];
  }
  return best;
}

/**
 * Puts a new workout on a day of the plan: its week from the day, its phase from the nearest workout (else
 * the week's); its steps as sent or the plan's session of its type at that length (workout-shape.ts).
 */
/** A new workout; `fields` when they already follow from a structured workout, else from the plan's session (newShape). */
type NewRow = NewWorkout & { fields?: WorkoutFields; why?: string; slot?: Slot | null };

/** An add as its new row: a structured workout's fields follow from its tree with the thresholds of its day. */
export async function newRow(
  thresholds: ControlCore['thresholds'],
  by: ChangeBy,
  plan: PlanRow,
  { workout, text, ...input }: AddWorkout,
): Promise<NewRow> {
  if (workout === undefined && text === undefined) {
    if (input.durationSec === undefined) throw invalid('durationSec', 'Send the duration, or a structured workout.');
    return { ...input, durationSec: input.durationSec };
  }
  withinPlan(plan, 'date', input.date);
  if (input.steps !== undefined) throw invalid('steps', 'Send the steps or a structured workout, not both.');
  fitOrRefuse(input.type, input.sport);
  const tree = treeOf(input.sport, { workout, text })!;
  const base = { ...input, description: input.description ?? '' };
  const got = treeFields(tree, base, input, await thresholds(by.athlete.id, input.date, changeUse(by)), HARD_TYPES.includes(input.type));
  sentFollows(input, got);
  return { ...input, durationSec: got.durationSec, fields: { sport: input.sport, type: input.type, ...got } };
}

export async function insertNew(r: PlansRepo, by: ChangeBy, plan: PlanRow, input: NewRow): Promise<WorkoutRow> {
  return (await insertMany(r, by, plan, [input], 'Added by hand'))[0]!;
}

/** Several new workouts at once (a template's block): one read of the plan's workouts, one insert. */
export async function insertMany(r: PlansRepo, by: ChangeBy, plan: PlanRow, inputs: NewRow[], how: string): Promise<WorkoutRow[]> {
  for (const input of inputs) withinPlan(plan, 'date', input.date);
  const existing = await r.workoutsBetween(by.athlete.id, plan.id, plan.startDate, plan.endDate);
  return r.insertWorkouts(
    inputs.map((input) => {
      const week = weekOf(plan, input.date);
      const phase = nearestTo(existing, input.date)?.phase ?? weekPhase(plan, week) ?? 'base';
      return {
        planId: plan.id,
        userId: by.athlete.id,
        date: input.date,
        ...(input.fields ?? newShape(plan, input)),
        slot: input.slot ?? null,
        phase,
        week,
        why: input.why ?? `${how} in week ${week}; ${phase} phase, as the nearest workout.`,
        source: by.source,
      };
    }),
  );
}

export function workoutEdits(core: ControlCore) {
  const { change, editable, completedAmong, now } = core;
  const logged = (w: WorkoutRow, next: WorkoutRow | undefined) => ({ before: { [w.id]: stateOf(w) }, after: { [w.id]: stateOf(next!) } });

  /** The workout's match: pinned to an activity, forbidden, or (null) automatic. Completed workouts too: that is what a re-link is for. */
  const setLink = (
    by: ChangeBy,
    planId: string,
    workoutId: string,
    action: 'link' | 'auto' | 'unlink',
    activityId: string | null,
    mode: 'manual' | 'unlinked' | null,
  ) =>
    change(by, planId, action, async (r) => {
      const [w] = await r.workouts(by.athlete.id, planId, [workoutId]);
      if (!w) throw notFound('Workout');
      if (w.linkMode === mode && w.linkedActivityId === activityId)
        throw invalid('activityId', mode === 'manual' ? 'Already linked to that activity.' : `Already ${mode ?? 'matched automatically'}.`);
      if (activityId) {
        // Any of the athlete's own canonical activities of the workout's local day (matching's own reading of a day).
        const day = await matchRange(r, by.athlete, planId, w.date, w.date, await core.matchSources());
        if (!day.activities.some((a) => a.id === activityId)) {
          if (!(await r.ownActivity(by.athlete.id, activityId))) throw notFound('Activity');
          throw invalid('activityId', `Link an activity of ${w.date} (in your time zone).`);
        }
        if (day.workouts.some((x) => x.id !== w.id && x.linkMode === 'manual' && x.linkedActivityId === activityId))
          throw conflict('That activity is linked to another workout: unlink that one first.', ErrorReason.WORKOUT_COMPLETED);
      }
      return logged(w, await r.updateWorkout(by.athlete.id, planId, w.id, { linkMode: mode, linkedActivityId: activityId }, now()));
    });

  return {
    /**
     * Edits the fields sent, and with them everything that follows (workout-shape.ts): the workout's
     * steps, duration, load, intensity and words never contradict each other; sport and type must fit.
     */
    edit: (by: ChangeBy, planId: string, workoutId: string, input: WorkoutEdit) =>
      change(by, planId, 'edit', async (r, plan) => {
        const w = await editable(r, by, planId, workoutId);
        const { workout, text, slot: slotSent, ...patch } = input;
        // The slot is the day's, not the session's shape: it changes alone, beside whatever else is sent.
        const slot = slotSent === undefined ? {} : { slot: slotSent };
        const sent = Object.fromEntries(EDIT_FIELDS.flatMap((k) => (patch[k] === undefined ? [] : [[k, patch[k]]]))) as WorkoutPatch;
        if (workout !== undefined || text !== undefined) {
          if (sent.steps !== undefined) throw invalid('steps', 'Send the steps or a structured workout, not both.');
          const was = fieldsOf(w);
          const [sport, type] = [sent.sport ?? was.sport, sent.type ?? was.type];
          fitOrRefuse(type, sport);
          const tree = treeOf(sport, { workout, text })!;
          // New steps take the plan's words and reason with the old ones (issue 55: both stayed, describing another session).
          const reshaped = !same(tree.steps, was.steps) || sport !== was.sport || type !== was.type;
          const base = reshaped ? { ...was, description: ownDescription(was) } : was;
          const got = treeFields(tree, base, sent, await core.thresholds(by.athlete.id, w.date, changeUse(by)), HARD_TYPES.includes(type));
          sentFollows(sent, got);
          const why = reshaped ? { why: editedWhy(w) } : {};
          return logged(w, await r.updateWorkout(by.athlete.id, planId, w.id, { sport, type, ...got, ...why, ...slot }, now()));
        }
        if (!Object.keys(sent).length && slotSent === undefined) throw nothingToUpdate([...EDIT_FIELDS, 'slot']);
        const patchOf = withoutEcho(w, sent);
        const next = Object.keys(patchOf).length ? editedShape(plan, fieldsOf(w), patchOf) : {};
        const rewritten = patchOf.steps !== undefined || (next.type ?? w.type) !== w.type || (next.sport ?? w.sport) !== w.sport;
        const why = next.steps !== undefined && rewritten ? { why: editedWhy(w) } : {};
        return logged(w, await r.updateWorkout(by.athlete.id, planId, w.id, { ...next, ...why, ...slot }, now()));
      }),

    /**
     * Adds a workout on a day of the plan: its week from the day, its phase from the nearest workout (else
     * the week's); its steps as sent or the plan's session of its type at that length (workout-shape.ts).
     */
    add: (by: ChangeBy, planId: string, input: AddWorkout) =>
      change(by, planId, 'add', async (r, plan) => {
        const w = await insertNew(r, by, plan, await newRow(core.thresholds, by, plan, input));
        return { before: { [w.id]: null }, after: { [w.id]: stateOf(w) } };
      }),

    /**
     * Swaps two days: every workout of each day (skipped ones too, so each day's plan moves whole) goes
     * to the other day, its week and phase following the day. A completed workout on either day refuses it.
     */
    swap: (by: ChangeBy, planId: string, from: string, to: string) =>
      change(by, planId, 'swap', async (r, plan) => {
        withinPlan(plan, 'from', from);
        withinPlan(plan, 'to', to);
        const a = await r.workoutsBetween(by.athlete.id, planId, from, from);
        const b = await r.workoutsBetween(by.athlete.id, planId, to, to);
        if (!a.length && !b.length) throw invalid('from', 'Neither day has a workout to swap.');
        const completed = await completedAmong(r, by, planId, [from, to]);
        if ([...a, ...b].some((w) => completed.has(w.id)))
          throw conflict('A workout on one of these days is completed: it no longer moves.', ErrorReason.WORKOUT_COMPLETED);
        const before: States = {};
        const after: States = {};
        for (const [list, date] of [
          [a, to],
          [b, from],
        ] as const) {
          for (const w of list) {
            const moved = await r.updateWorkout(by.athlete.id, planId, w.id, onDay(plan, w, date), now());
            before[w.id] = stateOf(w);
            after[w.id] = stateOf(moved!);
          }
        }
        return { before, after };
      }),

    /**
     * Scales a week's remaining workouts by `percent` (ADJUST_BOUNDS): from the athlete's today on, not
     * skipped, not completed, not the race itself (its distance is the event's).
     */
    adjustWeek: (by: ChangeBy, planId: string, week: number, percent: number) =>
      change(by, planId, 'adjust', async (r, plan) => {
        if (percent < ADJUST_BOUNDS.min || percent > ADJUST_BOUNDS.max || percent === 0)
          throw invalid('percent', `Between ${ADJUST_BOUNDS.min} % and +${ADJUST_BOUNDS.max} %, not 0.`);
        const weeks = (plan.weeks as unknown[]).length;
        if (week > weeks) throw invalid('week', `This plan has ${weeks} weeks.`);
        const start = addDays(plan.startDate, (week - 1) * 7);
        const end = [addDays(start, 6), plan.endDate].sort()[0]!;
        const today = todayIn(by.athlete.timeZone, now());
        const from = [start, today].sort()[1]!;
        const left =
          from > end
            ? []
            : (await r.workoutsBetween(by.athlete.id, planId, from, end)).filter((w) => !w.skipped && w.date !== plan.eventDate);
        const completed = left.length
          ? await completedAmong(
              r,
              by,
              planId,
              left.map((w) => w.date),
            )
          : new Set<string>();
        const before: States = {};
        const after: States = {};
        for (const w of left.filter((x) => !completed.has(x.id) && (x.durationSec > 0 || (x.distanceM ?? 0) > 0 || x.targetLoad > 0))) {
          const next = await r.updateWorkout(by.athlete.id, planId, w.id, scaled(plan, w, percent), now());
          before[w.id] = stateOf(w);
          after[w.id] = stateOf(next!);
        }
        if (!Object.keys(after).length) throw invalid('week', `Week ${week} has nothing left to adjust (from ${today} on).`);
        return { before, after };
      }),

    /** Links the workout to one of the athlete's activities of its day; null gives it back to automatic matching. */
    link: (by: ChangeBy, planId: string, workoutId: string, activityId: string | null) =>
      setLink(by, planId, workoutId, activityId ? 'link' : 'auto', activityId, activityId ? 'manual' : null),

    /** The workout is never matched (the athlete's say: that activity was not this workout). */
    unlink: (by: ChangeBy, planId: string, workoutId: string) => setLink(by, planId, workoutId, 'unlink', null, 'unlinked'),
  };
}
