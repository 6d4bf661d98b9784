import type { Executor } from '../../db/executor';
import * as canonicalRepo from './activities-canonical.repo';
import * as activitiesRepo from './activities.repo';
import type { ActivityRow } from './activities.repo';
import type { ActivitySource } from './activity.types';
import * as linksRepo from './activity-links.repo';
import type { PolicyRef } from './policy/policy';
import type { DataUse } from './policy/policy.table';

/** Another copy of the same effort, as the activity page lists it ("Also recorded by …"). */
export interface LinkedCopy {
  id: string;
  source: ActivitySource;
  name: string;
  startTime: Date;
  distanceM: number;
  elapsedTimeS: number;
  /** The copy shown and counted for the group. */
  canonical: boolean;
}

/** The activities service's reads: single statements on the handle, always scoped by owner. */
export function createActivityReads(db: Executor, policy: PolicyRef) {
  const sources = async (use: DataUse) => (await policy()).sourcesFor(use);
  return {
    /** The other copies of this activity's effort (empty when it has none). Scoped by owner. */
    async linkedCopies(userId: string, id: string): Promise<LinkedCopy[]> {
      const row = await activitiesRepo.findById(db, userId, id);
      if (!row) return [];
      const group = await linksRepo.findGroups(db, userId, [row.duplicateOf ?? row.id]);
      return group
        .filter((r) => r.id !== row.id)
        .sort(
          (a, b) =>
            Number(a.duplicateOf !== null) - Number(b.duplicateOf !== null) ||
            a.startTime.getTime() - b.startTime.getTime() ||
            a.id.localeCompare(b.id),
        )
        .map((r) => ({
          id: r.id,
          source: r.source,
          name: r.name,
          startTime: r.startTime,
          distanceM: r.distanceM,
          elapsedTimeS: r.elapsedTimeS,
          canonical: r.duplicateOf === null,
        }));
    },

    /** The owner's activities for a purpose: the data-use policy decides which sources may appear. */
    async list(userId: string, use: DataUse, opts: { limit?: number; before?: Date } = {}): Promise<ActivityRow[]> {
      return canonicalRepo.listCanonical(db, userId, await sources(use), { limit: opts.limit ?? 50, before: opts.before });
    },

    /** Of these ids from one source, the ones still waiting for their detail. */
    withoutDetail: (userId: string, source: ActivitySource, externalIds: string[]) =>
      activitiesRepo.withoutDetail(db, userId, source, externalIds),

    /** Scoped by owner: another athlete's id is simply not found, nor a deleted one (in its undo window too). */
    get: (userId: string, id: string) => activitiesRepo.findLiveById(db, userId, id),
    /** Several of the owner's activities by id in one read (another athlete's ids simply absent): an effort's source and zone. */
    getMany: (userId: string, ids: string[]) => activitiesRepo.findByIdsList(db, userId, ids),

    async count(userId: string, use: DataUse = 'owner'): Promise<number> {
      return canonicalRepo.countCanonical(db, userId, await sources(use));
    },

    /** Each athlete's latest activity a `use` may show (absent for one with none), in one read. */
    latestOfMany: async (userIds: string[], use: DataUse) => canonicalRepo.latestCanonicalOf(db, userIds, await sources(use)),
  };
}
