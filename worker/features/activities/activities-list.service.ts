// The activities list's rules (ADR 064): search through the data policy, bulk edits that act on whole
// efforts and keep what Undo needs, and a delete that stays restorable until its window passes.
import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import * as activitiesRepo from './activities.repo';
import * as listRepo from './activities-list.repo';
import type { BulkChange, ListFilter } from './activities-list.repo';
import { linkMany, relinkOrphans } from './activity-links';
import * as tombstones from './tombstones.repo';
import type { PolicyRef } from './policy/policy';

/** How long a bulk edit can be undone; a delete is purged for good once it passes. */
export const UNDO_WINDOW_MS = 10 * 60_000;

export interface BulkEditResult {
  editId: string;
  kind: BulkChange['kind'];
  count: number;
  undoUntil: string;
}

export function createActivityListing(deps: {
  db: Db;
  policy: PolicyRef;
  audit?: AuditService;
  /** The ingest's derived-data hook (loads, bests, daily totals), under the same transaction. */
  changed: (tx: Executor, userId: string, change: { writtenIds: string[]; days: Iterable<string> }) => Promise<void> | undefined;
}) {
  const ownerSources = async () => (await deps.policy()).sourcesFor('owner');
  // Sport and deletes change what the loads, bests and daily totals are built from; tags and hiding do not.
  const derived = (kind: BulkChange['kind']) => kind === 'sport' || kind === 'delete';

  async function purge(tx: Executor, userId: string, before: Date): Promise<number> {
    const gone = await listRepo.purgeDeleted(tx, userId, before);
    if (gone.length === 0) return 0;
    // What the athlete deleted stays deleted: a provider re-delivering it is skipped (ADR 068).
    await tombstones.bury(tx, userId, tombstones.keysOf(gone));
    const days = new Set(gone.map((g) => g.day));
    await relinkOrphans(
      tx,
      userId,
      gone.map((g) => g.id),
      days,
    );
    await deps.changed(tx, userId, { writtenIds: [], days });
    return gone.length;
  }

  return {
    async search(userId: string, filter: ListFilter) {
      return listRepo.searchCanonical(deps.db, userId, await ownerSources(), filter);
    },

    facets: (userId: string) => listRepo.facets(deps.db, userId),

    /**
     * One change to several activities, all or nothing: an id that is not the athlete's (or not shown to
     * them, or deleted already) answers 404 and changes nothing. The previous state is kept for Undo.
     */
    bulkEdit(actor: Actor, ids: string[], change: BulkChange): Promise<BulkEditResult> {
      const unique = [...new Set(ids)];
      return deps.db.transaction(async (tx) => {
        await activitiesRepo.lockUser(tx, actor.id);
        const { found, rows } = await listRepo.editableGroup(tx, actor.id, unique, await ownerSources());
        if (found.length !== unique.length) throw notFound('Activity');
        const touched = rows.map((r) => r.id);
        await listRepo.applyChange(tx, actor.id, touched, change);
        const edit = await listRepo.recordEdit(
          tx,
          actor.id,
          change.kind,
          rows.map(({ day: _d, ...r }) => r),
        );
        // A deleted effort leaves the loads at once; the rows themselves stay until the window passes.
        if (derived(change.kind)) {
          const days = new Set(rows.map((r) => r.day));
          await deps.changed(tx, actor.id, { writtenIds: change.kind === 'sport' ? touched : [], days });
        }
        await deps.audit?.record(
          {
            actor,
            action: 'activity.bulk_edit',
            target: { type: 'activity_bulk_edit', id: edit.id },
            payload: { kind: change.kind, count: found.length, ...(change.kind === 'sport' ? { sport: change.sport } : {}) },
          },
          tx,
        );
        return {
          editId: edit.id,
          kind: change.kind,
          count: found.length,
          undoUntil: new Date(edit.createdAt.getTime() + UNDO_WINDOW_MS).toISOString(),
        };
      });
    },

    /** Puts back what the edit changed. Past the window, or undone already: 409, nothing changed. */
    undo(actor: Actor, editId: string): Promise<{ restored: number }> {
      const now = new Date();
      return deps.db.transaction(async (tx) => {
        await activitiesRepo.lockUser(tx, actor.id);
        const edit = await listRepo.undoableEdit(tx, actor.id, editId, new Date(now.getTime() - UNDO_WINDOW_MS));
        if (!edit) throw notFound('Bulk edit');
        if (!edit.undoable) throw new AppError(ErrorCode.CONFLICT, 'This change can no longer be undone');
        const restored = await listRepo.restore(tx, actor.id, edit.before);
        await listRepo.markUndone(tx, edit.id);
        if (derived(edit.kind as BulkChange['kind'])) {
          const rows = await activitiesRepo.findByIdsList(tx, actor.id, restored);
          const days = new Set(rows.map((r) => r.localStartDate));
          // A copy of the same effort imported while these were deleted was linked to nothing (dedup skips deleted
          // rows): link them now as an ingest would, so the effort counts once.
          if (edit.kind === 'delete') await linkMany(tx, actor.id, rows, days);
          await deps.changed(tx, actor.id, { writtenIds: restored, days });
        }
        await deps.audit?.record(
          {
            actor,
            action: 'activity.bulk_undo',
            target: { type: 'activity_bulk_edit', id: edit.id },
            payload: { kind: edit.kind, restored: restored.length },
          },
          tx,
        );
        return { restored: restored.length };
      });
    },

    /** Deletes for good what was deleted longer ago than the undo window (the cron job; also run per athlete). */
    async purgeDue(): Promise<number> {
      const before = new Date(Date.now() - UNDO_WINDOW_MS);
      let total = 0;
      for (const userId of await listRepo.usersWithDueDeletes(deps.db, before, 500)) {
        total += await deps.db.transaction(async (tx) => {
          await activitiesRepo.lockUser(tx, userId);
          return purge(tx, userId, before);
        });
      }
      await listRepo.dropOldEdits(deps.db, before);
      return total;
    },
  };
}

export type ActivityListing = ReturnType<typeof createActivityListing>;
