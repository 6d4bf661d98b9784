// "Mark done" (ADR 080): the athlete's own word that a planned workout is done — strength without a watch, an
// activity not synced yet — with a note and an RPE. Completed in the calendar while no activity matched; an
// activity that matches later still links. Not a plan change (nothing of the plan moves): no lock, log or limit.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { ErrorReason, notFound } from '../../../lib/errors';
import { createPlansRepo, type WorkoutRow } from '../plans.repo';
import { conflict, invalid } from './workout-state';

export interface DoneInput {
  note?: string | null;
  rpe?: number | null;
}

export const presentDone = (w: WorkoutRow) => ({
  id: w.id,
  done: w.doneAt !== null,
  doneAt: w.doneAt?.toISOString() ?? null,
  doneNote: w.doneNote,
  doneRpe: w.doneRpe,
});

export function createWorkoutDone(deps: { db: Db; clock: Clock }) {
  /** The athlete's own workout of that plan, or 404 (someone else's is not there at all). */
  async function own(userId: string, planId: string, workoutId: string) {
    const [w] = await createPlansRepo(deps.db).workouts(userId, planId, [workoutId]);
    if (!w) throw notFound('Workout');
    return w;
  }

  return {
    /** Marks it done (the first time is kept; the note and RPE are the latest sent). Sending it again changes nothing more. */
    async mark(userId: string, planId: string, workoutId: string, input: DoneInput) {
      const w = await own(userId, planId, workoutId);
      if (w.sport === 'rest') throw invalid('workoutId', 'A rest day needs no marking.');
      if (w.skipped) throw conflict('This workout is skipped; restore it before marking it done.', ErrorReason.WORKOUT_SKIPPED);
      const note = input.note?.trim() || null;
      const row = await createPlansRepo(deps.db).setDone(userId, planId, workoutId, { note, rpe: input.rpe ?? null }, deps.clock.now());
      return presentDone(row!);
    },
    /** Takes the "done" back; a workout not marked stays as it was. */
    async unmark(userId: string, planId: string, workoutId: string) {
      await own(userId, planId, workoutId);
      const row = await createPlansRepo(deps.db).setDone(userId, planId, workoutId, null, deps.clock.now());
      return presentDone(row!);
    },
  };
}

export type WorkoutDone = ReturnType<typeof createWorkoutDone>;
