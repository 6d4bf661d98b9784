// The athlete's note and RPE per activity. Only the athlete writes them; others read them only as the
// activity's source allows (a linked coach: `coach`; the AI coach reads its own way, `ai`), as the unit of work's data policy says.
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { hasChanges, notFound, nothingToUpdate } from '../../lib/errors';
import { type ActivitySource, type DataUse, fixedPolicy, type Policy, type PolicyRef } from '../activities';
import * as notesRepo from './activity-notes.repo';
import type { ActivityNotes, ActivityNotesPatch } from './activity-notes.schema';

/** How far back a coach's list of notes reaches. */
export const SHARED_NOTES_DAYS = 42;
const SHARED_NOTES_LIMIT = 30;

const present = (
  policy: Policy,
  activityId: string,
  source: ActivitySource,
  r: { note: string | null; rpe: number | null; updatedAt: Date | null },
): ActivityNotes => ({
  activityId,
  note: r.note,
  rpe: r.rpe,
  updatedAt: r.updatedAt?.toISOString() ?? null,
  shownToOthers: policy.allows(source, 'coach'),
});

export function createActivityNotesService(deps: { db: Db; clock: Clock; policy?: PolicyRef }) {
  const policyRef = deps.policy ?? fixedPolicy();
  return {
    /** The athlete's own note and RPE on their activity (nulls when none); 404 for anyone else's. */
    async get(userId: string, activityId: string, use: DataUse = 'owner'): Promise<ActivityNotes> {
      const row = await notesRepo.forActivity(deps.db, userId, activityId);
      const policy = await policyRef();
      if (!row || !policy.allows(row.source, use)) throw notFound('Activity');
      return present(policy, activityId, row.source, row);
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
        return present(await policyRef(), activityId, row.source, { note: null, rpe: null, updatedAt: null });
      }
      return present(
        await policyRef(),
        activityId,
        row.source,
        await notesRepo.upsert(deps.db, userId, activityId, note, rpe, deps.clock.now()),
      );
    },

    /** The athlete's notes on recent activities others may see (a linked coach's view), newest first. */
    async recentShared(userId: string) {
      const since = new Date(deps.clock.now().getTime() - SHARED_NOTES_DAYS * 86_400_000);
      const policy = await policyRef();
      const rows = await notesRepo.recent(deps.db, userId, policy.sourcesFor('coach'), since, SHARED_NOTES_LIMIT);
      return rows.map((r) => ({ ...present(policy, r.activityId, r.source, r), name: r.name, sport: r.sport, date: r.date }));
    },
  };
}

export type ActivityNotesService = ReturnType<typeof createActivityNotesService>;
