// The athlete's note and RPE per activity. Only the athlete writes them; others read them only as the
// activity's source allows (a linked coach: `shown_to_others`; the AI coach reads its own way, `ai_context`).
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { hasChanges, notFound, nothingToUpdate } from '../../lib/errors';
import { type ActivitySource, type DataUse, mayUse, sourcesAllowedFor } from '../activities';
import * as notesRepo from './activity-notes.repo';
import type { ActivityNotes, ActivityNotesPatch } from './activity-notes.schema';

/** How far back a coach's list of notes reaches. */
export const SHARED_NOTES_DAYS = 42;
const SHARED_NOTES_LIMIT = 30;

const present = (
  activityId: string,
  source: ActivitySource,
  r: { note: string | null; rpe: number | null; updatedAt: Date | null },
): ActivityNotes => ({
  activityId,
  note: r.note,
  rpe: r.rpe,
  updatedAt: r.updatedAt?.toISOString() ?? null,
  shownToOthers: mayUse(source, 'shown_to_others'),
});

export function createActivityNotesService(deps: { db: Db; clock: Clock }) {
  return {
    /** The athlete's own note and RPE on their activity (nulls when none); 404 for anyone else's. */
    async get(userId: string, activityId: string, use: DataUse = 'owner_display'): Promise<ActivityNotes> {
      const row = await notesRepo.forActivity(deps.db, userId, activityId);
      if (!row || !mayUse(row.source, use)) throw notFound('Activity');
      return present(activityId, row.source, row);
    },

    /** Changes the fields sent; clearing both removes the row. The activity must be the athlete's own. */
    async update(userId: string, activityId: string, patch: ActivityNotesPatch): Promise<ActivityNotes> {
      const row = await notesRepo.forActivity(deps.db, userId, activityId);
      if (!row) throw notFound('Activity');
      if (!hasChanges(patch)) throw nothingToUpdate(['note', 'rpe']);
      const note = patch.note === undefined ? row.note : patch.note || null;
      const rpe = patch.rpe === undefined ? row.rpe : patch.rpe;
      if (note === null && rpe === null) {
        await notesRepo.remove(deps.db, userId, activityId);
        return present(activityId, row.source, { note: null, rpe: null, updatedAt: null });
      }
      return present(activityId, row.source, await notesRepo.upsert(deps.db, userId, activityId, note, rpe, deps.clock.now()));
    },

    /** The athlete's notes on recent activities others may see (a linked coach's view), newest first. */
    async recentShared(userId: string) {
      const since = new Date(deps.clock.now().getTime() - SHARED_NOTES_DAYS * 86_400_000);
      const rows = await notesRepo.recent(deps.db, userId, sourcesAllowedFor('shown_to_others'), since, SHARED_NOTES_LIMIT);
      return rows.map((r) => ({ ...present(r.activityId, r.source, r), name: r.name, sport: r.sport, date: r.date }));
    },
  };
}

export type ActivityNotesService = ReturnType<typeof createActivityNotesService>;
