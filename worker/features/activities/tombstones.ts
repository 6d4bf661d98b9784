// Deleted activities kept out of later syncs (ADR 068): what the settings' data page lists, and bringing one back,
// after which the provider's next delivery (a sync, a backfill, a live door) stores it again.
import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import * as repo from './tombstones.repo';
import type { TombstoneKey } from './tombstones.repo';

export function createTombstones(deps: { db: Db; audit?: AuditService }) {
  return {
    async list(userId: string) {
      const rows = await repo.list(deps.db, userId);
      return rows.map((r) => ({
        source: r.source,
        externalId: r.externalId,
        deletedAt: r.deletedAt.toISOString(),
        skippedCount: r.skippedCount,
        lastSkippedAt: r.lastSkippedAt?.toISOString() ?? null,
      }));
    },

    /**
     * Whether the athlete deleted this provider's activity (counted as a skip when so): a job checks before it spends
     * provider calls on fetching it. The write paths check again under the athlete's lock.
     */
    async skips(userId: string, key: TombstoneKey): Promise<boolean> {
      return (await repo.skipBuried(deps.db, userId, [key])).size > 0;
    },

    /** How many deleted activities each provider re-delivered since `since` (a sync's start), skipped. */
    skippedSince: (userId: string, since: Date) => repo.skippedSince(deps.db, userId, since),

    /** Lets the provider deliver the activity again; 404 when it is not kept out. */
    bringBack(actor: Actor, key: TombstoneKey): Promise<{ broughtBack: true }> {
      return deps.db.transaction(async (tx) => {
        if (!(await repo.unbury(tx, actor.id, key))) throw notFound('Deleted activity');
        // The provider's id only: nothing else of the activity is left to record.
        await deps.audit?.record(
          {
            actor,
            action: 'activity.tombstone_removed',
            target: { type: 'activity_tombstone', id: key.externalId },
            payload: { source: key.source },
          },
          tx,
        );
        return { broughtBack: true };
      });
    },
  };
}

export type Tombstones = ReturnType<typeof createTombstones>;
