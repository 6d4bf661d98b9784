// Workout libraries (ADR 058): an athlete's own and a coaching org's, one set of rules for both — a library
// workout is a planned workout's fields without its day, its steps checked by workout control's schema at
// the door. Putting one on a day goes through workout control (the plan's lock, history, undo, limits).
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import {
  type AddWorkout,
  boundedTotals,
  type ChangeBy,
  createPlansRepo,
  type NewWorkout,
  type PlansService,
  type StepNode,
  type Target,
  treeOf,
  type WorkoutControl,
} from '../plans';
import { isStructured } from '../workouts';
import { createLibraryRepo, type LibraryRow, type Owner } from './library.repo';
import type { LibraryQuery, LibraryWorkoutInput, LibraryWorkoutPatch } from './library.schema';

export type { Owner } from './library.repo';

interface Deps {
  db: Db;
  clock: Clock;
  plans: Pick<PlansService, 'activePlanOf'>;
  workoutControl: Pick<WorkoutControl, 'add'>;
}

/**
 * The fields a library workout gives a planned one on `date`: its steps (or, without steps, its intensity)
 * and words; its load and the rest follow from them by the plan's rule (workout-shape.ts), as for any add.
 */
export const asNewWorkout = (w: LibraryRow, date: string, why?: string): AddWorkout => {
  const steps = w.steps as StepNode[];
  const base = {
    ...(why === undefined ? {} : { why }),
    date,
    sport: w.sport as NewWorkout['sport'],
    type: w.type as NewWorkout['type'],
    title: w.title,
    description: w.description,
  };
  // A structured workout goes as its tree: its time, distance and load follow from the athlete's thresholds.
  if (steps.length && isStructured(steps)) return { ...base, workout: { steps } };
  return {
    ...base,
    durationSec: w.durationSec,
    distanceM: w.distanceM,
    ...(steps.length ? { steps } : w.intensity ? { intensity: w.intensity as Target } : {}),
  };
};

type TreeSent = { sport: string; workout?: { steps: unknown[]; poolLengthM?: number } | undefined; text?: string | undefined };

/**
 * A structured workout sent (tree or text) as a library row's steps and time. There is no athlete yet, so
 * no thresholds: the load and distance kept are what the steps say alone; an add recomputes them for the athlete.
 */
function treeRow(sent: TreeSent) {
  const tree = treeOf(sent.sport as NewWorkout['sport'], { workout: sent.workout, text: sent.text });
  if (!tree) return null;
  const totals = boundedTotals(tree, {}, sent.text !== undefined ? 'text' : 'workout');
  if (!tree.steps.length || totals.durationSec < 1)
    throw new AppError(ErrorCode.VALIDATION, 'A structured workout has at least one timed step.', {
      fields: [{ path: sent.text !== undefined ? 'text' : 'workout', message: 'Add a step' }],
    });
  return {
    steps: tree.steps as StepNode[],
    durationSec: Math.round(totals.durationSec),
    distanceM: totals.distanceM > 0 ? Math.round(totals.distanceM) : null,
    targetLoad: Math.round(totals.load),
  };
}

const bothRefused = () =>
  new AppError(ErrorCode.VALIDATION, 'Send the steps or a structured workout, not both.', {
    fields: [{ path: 'steps', message: 'Send one of steps, workout or text' }],
  });

const uniqueTags = (tags: string[] | undefined) => (tags ? [...new Set(tags)].sort() : undefined);

export function createLibraryService(deps: Deps) {
  const repo = () => createLibraryRepo(deps.db);

  async function get(o: Owner, id: string) {
    const w = await repo().get(o, id);
    if (!w) throw notFound('Library workout');
    return w;
  }

  return {
    list: (o: Owner, q: LibraryQuery) => repo().list(o, q),
    get,

    async create(o: Owner, actorId: string, { workout, text, ...input }: LibraryWorkoutInput) {
      const tree = treeRow({ sport: input.sport, workout, text });
      if (tree && input.steps) throw bothRefused();
      if (!tree && input.durationSec === undefined)
        throw new AppError(ErrorCode.VALIDATION, 'Send the duration, or a structured workout.', {
          fields: [{ path: 'durationSec', message: 'Required without a structured workout' }],
        });
      return repo().insert(o, {
        createdBy: actorId,
        sport: input.sport,
        type: input.type,
        title: input.title,
        description: input.description ?? '',
        durationSec: input.durationSec ?? 0,
        distanceM: input.distanceM ?? null,
        targetLoad: input.targetLoad ?? 0,
        intensity: input.intensity ?? null,
        steps: input.steps ?? [],
        ...(tree ?? {}),
        folder: input.folder ?? null,
        tags: uniqueTags(input.tags) ?? [],
      });
    },

    /** The fields sent; another owner's id is not found, and an empty patch is refused after that. */
    async update(o: Owner, id: string, { workout, text, ...patch }: LibraryWorkoutPatch) {
      const was = await get(o, id);
      // New steps written out replace the old ones and what follows from them.
      const tree = treeRow({ sport: patch.sport ?? was.sport, workout, text });
      if (tree && patch.steps) throw bothRefused();
      const sent = Object.fromEntries(
        Object.entries({ ...patch, ...(tree ?? {}), tags: uniqueTags(patch.tags) }).filter(([, v]) => v !== undefined),
      );
      if (!Object.keys(sent).length) throw new AppError(ErrorCode.VALIDATION, 'Send at least one field to change.');
      return (await repo().update(o, id, sent, deps.clock.now()))!;
    },

    async remove(o: Owner, id: string) {
      if (!(await repo().remove(o, id))) throw notFound('Library workout');
    },

    /** A copy in the same library, named so the two are told apart. */
    async duplicate(o: Owner, actorId: string, id: string) {
      const { id: _id, userId: _u, orgId: _o, createdAt: _c, updatedAt: _up, ...w } = await get(o, id);
      return repo().insert(o, { ...w, createdBy: actorId, title: `${w.title.slice(0, 192)} (copy)` });
    },

    /** "Save to library": one of the athlete's planned workouts, without its day, into their own library. */
    async saveFromPlanned(
      userId: string,
      planId: string,
      workoutId: string,
      org: { folder?: string | null | undefined; tags?: string[] | undefined },
    ) {
      const [w] = await createPlansRepo(deps.db).workouts(userId, planId, [workoutId]);
      if (!w) throw notFound('Workout');
      return repo().insert(
        { userId },
        {
          createdBy: userId,
          sport: w.sport,
          type: w.type,
          title: w.title,
          description: w.description,
          durationSec: w.durationSec,
          distanceM: w.distanceM,
          targetLoad: w.targetLoad,
          intensity: w.intensity,
          steps: w.steps,
          folder: org.folder ?? null,
          tags: uniqueTags(org.tags) ?? [],
        },
      );
    },

    /** A library workout as a new planned workout on `date` (a coach's add to a client's plan). */
    /** One library workout onto a client's day: a workout chosen, not generated, so "added by hand in week n" is no
     *  reason; the coach's own (`why`) or none. */
    asNewWorkout: async (o: Owner, id: string, date: string, why?: string) => asNewWorkout(await get(o, id), date, why ?? ''),

    /** "Add to calendar": the athlete's library workout onto a day of their active plan, as workout control's add. */
    async schedule(by: ChangeBy, id: string, date: string) {
      const w = await get({ userId: by.athlete.id }, id);
      const plan = await deps.plans.activePlanOf(by.athlete.id);
      return deps.workoutControl.add(by, plan.id, asNewWorkout(w, date, ''));
    },
  };
}
export type LibraryService = ReturnType<typeof createLibraryService>;
