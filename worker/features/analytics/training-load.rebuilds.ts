import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import * as loadRepo from './training-load.repo';

// Requests for a full rebuild (estimates moved during ingestion, an operator's button, a change to load
// rules): queued as rows, drained by the cron, or run at once for one athlete.

/** A request with this reason re-reads every stream (migrations 0040 and 0042 queue one per athlete with streams: their curves, their zone histograms). */
export const DERIVE_REASON = 'curves';
const optsFor = (reason: string) => (reason === DERIVE_REASON ? { derive: true } : {});

export function createRebuildRequests(deps: {
  db: Db;
  audit: AuditService;
  rebuild: (userId: string, opts?: { derive?: boolean }) => Promise<{ activities: number; durationMs: number }>;
}) {
  return {
    /** Queues a rebuild of every athlete (after a change to load rules); the cron drains 20 a minute. */
    async requestRebuildForAll(actor: Actor): Promise<number> {
      const n = await loadRepo.requestRebuildForAll(deps.db, 'operator');
      await deps.audit.record({
        actor,
        action: 'analytics.rebuild_all',
        target: { type: 'system', id: 'analytics' },
        payload: { queued: n },
      });
      return n;
    },

    /** Rebuilds one athlete now, for an operator; audited. */
    async rebuildFor(actor: Actor, userId: string, derive: boolean) {
      if (!(await loadRepo.userExists(deps.db, userId))) throw notFound('User');
      const result = await deps.rebuild(userId, { derive });
      await deps.audit.record({
        actor,
        action: 'analytics.rebuild',
        target: { type: 'user', id: userId },
        payload: { derive, activities: result.activities, durationMs: result.durationMs },
      });
      return result;
    },

    /**
     * Drains pending rebuild requests (estimates moved during ingestion). `onRebuilt` hears of each athlete
     * rebuilt, after the rebuild committed (the load warnings look at the new numbers).
     */
    async drainRebuilds(limit = 20, onRebuilt?: (userId: string, reason: string) => Promise<void>): Promise<number> {
      const pending = await loadRepo.takeRebuilds(deps.db, limit);
      // The claimed rows are gone: one athlete's failure must not lose the others', so it is asked again and
      // the rest still run; the first error is raised at the end for the cron's log.
      let failure: unknown = null;
      for (const p of pending) {
        try {
          await deps.rebuild(p.userId, optsFor(p.reason));
        } catch (err) {
          await loadRepo.requestRebuild(deps.db, p.userId, p.reason);
          failure ??= err;
          continue;
        }
        await onRebuilt?.(p.userId, p.reason);
      }
      if (failure) throw failure;
      return pending.length;
    },

    /**
     * Runs this athlete's pending rebuild now, if ingestion asked for one, instead of within the minute: what
     * is told after an import must be the numbers the dashboard will show. Answers whether one ran.
     */
    async settle(userId: string): Promise<boolean> {
      const taken = await loadRepo.takeRebuildOf(deps.db, userId);
      if (!taken) return false;
      try {
        await deps.rebuild(userId, optsFor(taken.reason));
      } catch (err) {
        await loadRepo.requestRebuild(deps.db, userId, taken.reason);
        throw err;
      }
      return true;
    },
  };
}
