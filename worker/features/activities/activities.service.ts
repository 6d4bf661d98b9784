import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import { turnTaker } from '../../lib/concurrency';
import { sha256Hex } from '../../lib/crypto';
import { notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import * as activitiesRepo from './activities.repo';
import { createActivityReads } from './activities.reads';
import { createActivityListing } from './activities-list.service';
import { fixedPolicy, type PolicyRef } from './policy/policy';
import { linkMany, linkRows, relinkOrphans } from './activity-links';
import { upgradeInPlace } from './activity-upgrade';
import * as linksRepo from './activity-links.repo';
import type { ActivityInput, ActivitySource, ActivityStreams } from './activity.types';
import { regroupWithout } from './dedup';
import { checkActivity } from './plausibility';
import { createTombstones } from './tombstones';
import * as tombstones from './tombstones.repo';

/** Samples checked between turns given back to the isolate. */
const CHECK_TURN_POINTS = 50_000;

export interface IngestResult {
  id: string;
  created: boolean;
  changed: boolean;
  /** Whether the stored row (after this call) has laps/streams. */
  detailComplete: boolean;
  /** The athlete deleted this activity (a tombstone, ADR 068): nothing stored, and `id` is empty. */
  skippedDeleted?: true;
}

async function contentHash(input: ActivityInput): Promise<string> {
  return sha256Hex(JSON.stringify(input));
}

export interface IngestManyResult {
  created: number;
  updated: number;
  /** Strava API copies replaced in place by the athlete's originals (ADR 037). */
  upgraded: number;
  /** Archive summaries not stored: their Strava copy has the recording. */
  keptStrava: number;
  unchanged: number;
  linked: number;
  createdIds: string[];
  /** Activities the athlete deleted that the provider delivered again: not stored (ADR 068); absent when none. */
  skippedDeleted?: number;
}

/** What a write changed, for whoever keeps derived data (training load, daily totals) in step. */
export interface ActivityChange {
  writtenIds: string[];
  streams?: ReadonlyMap<string, ActivityStreams>;
  days: Iterable<string>;
}

/** Runs inside the write's transaction, under the athlete's lock: derived data commits with the rows or not at all. */
export type OnActivitiesChanged = (tx: Executor, userId: string, change: ActivityChange) => Promise<void>;

/** `audit` records athlete actions (a split); every production caller passes it (worker/wiring/). */
export function createActivitiesService(deps: {
  db: Db;
  onChange?: OnActivitiesChanged;
  audit?: AuditService;
  /** The unit of work's data policy; absent, the default mode (tests and tools without the flag). */
  policy?: PolicyRef;
}) {
  const policy = deps.policy ?? fixedPolicy();
  const changed = (tx: Executor, userId: string, change: ActivityChange) => deps.onChange?.(tx, userId, change);

  /** Deletes a source's rows (all, or the one with `externalId`); their duplicates regroup among themselves. */
  function remove(userId: string, source: ActivitySource, externalId?: string): Promise<number> {
    return deps.db.transaction(async (tx) => {
      await activitiesRepo.lockUser(tx, userId);
      const deleted = await activitiesRepo.deleteWhere(tx, userId, source, externalId);
      const days = new Set(deleted.map((d) => d.day));
      await relinkOrphans(
        tx,
        userId,
        deleted.map((d) => d.id),
        days,
      );
      if (deleted.length > 0) await changed(tx, userId, { writtenIds: [], days });
      return deleted.length;
    });
  }

  return {
    ...createActivityReads(deps.db, policy),
    /** The activities list: search, filters and bulk edits with undo (ADR 064). */
    listing: createActivityListing({ db: deps.db, policy, audit: deps.audit, changed }),
    /** Deleted activities kept out of later syncs, and bringing one back (ADR 068). */
    tombstones: createTombstones({ db: deps.db, audit: deps.audit }),
    /** The unit of work's data policy (read once): what each source may feed. */
    policy,

    /** Idempotent: the same input twice changes nothing; recordings of the same effort (any sources, ADR 013) are linked. */
    ingest(userId: string, raw: ActivityInput): Promise<IngestResult> {
      // Every source passes the plausibility layer before anything is stored or derived (ADR 012).
      const input = checkActivity(raw);
      return deps.db.transaction(async (tx) => {
        await activitiesRepo.lockUser(tx, userId);
        if ((await tombstones.skipBuried(tx, userId, [input])).size > 0)
          return { id: '', created: false, changed: false, detailComplete: false, skippedDeleted: true };
        // The athlete's own file replaced this activity (ADR 037): the API does not add it again.
        if (input.source === 'strava') {
          const replaced = (await activitiesRepo.replacedStravaIds(tx, userId, [input.externalId])).get(input.externalId);
          if (replaced) return { id: replaced.id, created: false, changed: false, detailComplete: replaced.detailComplete };
        }
        const days = new Set([input.localStartDate, ...(await activitiesRepo.daysOf(tx, userId, input.source, [input.externalId]))]);
        const result = await activitiesRepo.upsert(tx, userId, input, await contentHash(input));
        if (result.changed) {
          if (input.streams) await activitiesRepo.upsertStreams(tx, result.id, input.streams);
          const row = await activitiesRepo.findById(tx, userId, result.id);
          if (row) await linkRows(tx, userId, [row], days);
          await changed(tx, userId, {
            writtenIds: [result.id],
            streams: input.streams ? new Map([[result.id, input.streams]]) : undefined,
            days,
          });
        }
        return result;
      });
    },

    /**
     * Many activities at once (file imports, a Strava list page): one statement per chunk, then one pass
     * of duplicate linking against every overlapping row (chunks of 500 in time order). An original that
     * replaces a Strava API copy is written into that row instead (upgrade in place, ADR 037): `upgraded`;
     * an archive summary whose Strava copy has the recording is left out: `keptStrava`.
     */
    async ingestMany(userId: string, inputs: ActivityInput[]): Promise<IngestManyResult> {
      // The plausibility checks read every sample: a batch's turns on the isolate are shared with its other requests.
      const take = turnTaker(CHECK_TURN_POINTS);
      const checked: ActivityInput[] = [];
      for (const raw of inputs) {
        checked.push(checkActivity(raw));
        await take((raw.streams?.t.length ?? 0) + 1);
      }
      const hashed = await Promise.all(checked.map(async (input) => ({ input, contentHash: await contentHash(input) })));
      return deps.db.transaction(async (tx) => {
        await activitiesRepo.lockUser(tx, userId);
        const days = new Set<string>();
        // Strava API copies of activities the athlete's own files replaced are not added again.
        const apiIds = hashed.filter((x) => x.input.source === 'strava').map((x) => x.input.externalId);
        const replaced = await activitiesRepo.replacedStravaIds(tx, userId, apiIds);
        // Nor are those the athlete deleted (ADR 068).
        const buried = await tombstones.skipBuried(
          tx,
          userId,
          hashed.map((x) => x.input),
        );
        const fresh = hashed.filter(
          (x) => !(x.input.source === 'strava' && replaced.has(x.input.externalId)) && !buried.has(tombstones.tombKey(x.input)),
        );
        const up = await upgradeInPlace(tx, userId, fresh, days);
        const items = up.rest;
        const bySource = new Map<ActivitySource, string[]>();
        for (const { input } of items) bySource.set(input.source, [...(bySource.get(input.source) ?? []), input.externalId]);
        for (const [source, ids] of bySource) for (const day of await activitiesRepo.daysOf(tx, userId, source, ids)) days.add(day);
        const written: { id: string; externalId: string; created: boolean }[] = [];
        for (let i = 0; i < items.length; i += 500) written.push(...(await activitiesRepo.upsertMany(tx, userId, items.slice(i, i + 500))));
        const byExternal = new Map(items.map((x) => [x.input.externalId, x.input]));
        const streams = new Map<string, ActivityStreams>(up.streams);
        for (const w of written) {
          const input = byExternal.get(w.externalId);
          if (input) days.add(input.localStartDate);
          if (input?.streams) {
            await activitiesRepo.upsertStreams(tx, w.id, input.streams);
            streams.set(w.id, input.streams);
          }
        }
        const writtenIds = [...written.map((w) => w.id), ...up.upgraded.map((u) => u.id)];
        const linked = await linkMany(tx, userId, await activitiesRepo.findByIdsList(tx, userId, writtenIds), days);
        if (writtenIds.length > 0) await changed(tx, userId, { writtenIds, streams, days });
        const createdIds = written.filter((w) => w.created).map((w) => w.id);
        const created = createdIds.length;
        return {
          created,
          updated: written.length - created,
          upgraded: up.upgraded.length,
          keptStrava: up.kept,
          unchanged: inputs.length - writtenIds.length - up.kept - buried.size,
          linked,
          createdIds,
          ...(buried.size ? { skippedDeleted: buried.size } : {}),
        };
      });
    },

    /** Deletes one source's copy of an activity (e.g. a Strava delete event). */
    removeOne(userId: string, source: ActivitySource, externalId: string): Promise<number> {
      return remove(userId, source, externalId);
    },

    /** Deletes everything a source brought (disconnect, deauthorization); other sources' copies stay, re-linked. */
    removeSource(userId: string, source: ActivitySource): Promise<number> {
      return remove(userId, source);
    },

    remove,

    /**
     * "These are different activities": detaches the activity from its duplicate group. The split is
     * stored by (source, external id) against every other member, so it survives re-imports and
     * re-syncs; the rest of the group stays together under a re-elected canonical row.
     */
    split(actor: Actor, id: string): Promise<{ detached: number }> {
      return deps.db.transaction(async (tx) => {
        await activitiesRepo.lockUser(tx, actor.id);
        // A deleted activity (its undo window too) is not there to split.
        const row = await activitiesRepo.findLiveById(tx, actor.id, id);
        if (!row) throw notFound('Activity');
        const group = await linksRepo.findGroups(tx, actor.id, [row.duplicateOf ?? row.id]);
        const others = group.filter((r) => r.id !== row.id);
        // Already alone: nothing to record, the same answer as the first time.
        if (others.length === 0) return { detached: 0 };
        await linksRepo.insertUnlinks(
          tx,
          actor.id,
          others.map((o) => [row, o]),
        );
        await linksRepo.applyLinks(tx, actor.id, regroupWithout(group, row.id));
        await changed(tx, actor.id, { writtenIds: [], days: new Set(group.map((r) => r.localStartDate)) });
        await deps.audit?.record(
          { actor, action: 'activity.split', target: { type: 'activity', id: row.id }, payload: { detached: others.length } },
          tx,
        );
        return { detached: others.length };
      });
    },
  };
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
