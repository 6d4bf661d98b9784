// Marked race results (ADR 084): only the athlete says an activity was a race, and their place (and the field's size)
// if they want to; the racing achievements read nothing else. A mark or its removal re-evaluates their awards.
import type { Db } from '../../../db/client';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { requeue } from './judgments.repo';
import { createRacesRepo, type RaceRow } from './races.repo';

export interface RaceInput {
  place?: number | null | undefined;
  fieldSize?: number | null | undefined;
}

const out = (r: RaceRow) => ({
  activityId: r.activityId,
  place: r.place,
  fieldSize: r.fieldSize,
  markedAt: new Date(r.markedAt).toISOString(),
});

export function createRaceResultsService(deps: { db: Db }) {
  return {
    async get(userId: string, activityId: string) {
      const repo = createRacesRepo(deps.db);
      if (!(await repo.ownsActivity(userId, activityId))) throw notFound('Activity');
      const r = await repo.get(userId, activityId);
      return { race: r ? out(r) : null };
    },

    /** Marks (or re-marks) one's own activity a race. A place beyond the field's size is refused. */
    async mark(userId: string, activityId: string, input: RaceInput) {
      const place = input.place ?? null;
      const fieldSize = input.fieldSize ?? null;
      if (place !== null && fieldSize !== null && place > fieldSize) {
        const message = 'The place cannot be beyond the number of finishers';
        throw new AppError(ErrorCode.VALIDATION, message, { fields: [{ path: 'place', message }] });
      }
      return deps.db.transaction(async (tx) => {
        const repo = createRacesRepo(tx);
        if (!(await repo.ownsActivity(userId, activityId))) throw notFound('Activity');
        const r = await repo.put(userId, activityId, place, fieldSize);
        await requeue(tx, userId);
        return out(r);
      });
    },

    /** Takes the race mark off; 404 when there was none. */
    async clear(userId: string, activityId: string): Promise<void> {
      await deps.db.transaction(async (tx) => {
        const repo = createRacesRepo(tx);
        if (!(await repo.ownsActivity(userId, activityId)) || !(await repo.remove(userId, activityId))) throw notFound('Race result');
        await requeue(tx, userId);
      });
    },
  };
}
export type RaceResultsService = ReturnType<typeof createRaceResultsService>;
