import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import { sha256Hex } from '../../lib/crypto';
import { createActivitiesRepo, type ActivitiesRepo, type ActivityRow } from './activities.repo';
import type { ActivityInput, ActivitySource, ActivityStreams } from './activity.types';
import { sourcesAllowedFor, type DataUse } from './data-use.policy';
import { DEDUP_WINDOW_S, isSameEffort, pickCanonical } from './dedup';

export interface IngestResult {
  id: string;
  created: boolean;
  changed: boolean;
  /** Whether the stored row (after this call) has laps/streams. */
  detailComplete: boolean;
}

async function contentHash(input: ActivityInput): Promise<string> {
  return sha256Hex(JSON.stringify(input));
}

/** Regroups `row` with the other sources' copies of the same effort under one canonical row; returns the group's days. */
async function link(repo: ActivitiesRepo, userId: string, row: ActivityRow): Promise<string[]> {
  const near = (await repo.findNear(userId, row.id, row.startTime, DEDUP_WINDOW_S)).filter(
    (other) => other.source !== row.source && isSameEffort(row, other),
  );
  const anchors = [row, ...near];
  const linked = await repo.findLinkedTo(userId, anchors.map((r) => r.id));
  const group = new Map<string, ActivityRow>();
  for (const r of [...anchors, ...linked]) group.set(r.id, r);
  const canonical = pickCanonical([...group.values()]);
  const others = [...group.values()].filter((r) => r.id !== canonical.id && r.duplicateOf !== canonical.id).map((r) => r.id);
  if (canonical.duplicateOf !== null) await repo.setDuplicateOf(userId, [canonical.id], null);
  await repo.setDuplicateOf(userId, others, canonical.id);
  return [...group.values()].map((r) => r.localStartDate);
}

function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bulk linking: candidates of all rows in one query, matched in memory (rows sorted by start time). */
async function linkMany(repo: ActivitiesRepo, userId: string, rows: ActivityRow[], days: Set<string>): Promise<number> {
  if (rows.length === 0) return 0;
  const times = rows.map((r) => r.startTime.getTime());
  const source = rows[0]!.source;
  const others = await repo.findOtherSourcesBetween(
    userId,
    source,
    new Date(Math.min(...times) - DEDUP_WINDOW_S * 1000),
    new Date(Math.max(...times) + DEDUP_WINDOW_S * 1000),
  );
  if (others.length === 0) return 0;
  const starts = others.map((o) => o.startTime.getTime()).sort((a, b) => a - b);
  const sorted = [...others].sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  let linked = 0;
  for (const row of rows) {
    const t = row.startTime.getTime();
    let i = lowerBound(starts, t - DEDUP_WINDOW_S * 1000);
    let match = false;
    for (; i < sorted.length && starts[i]! <= t + DEDUP_WINDOW_S * 1000 && !match; i++) match = isSameEffort(row, sorted[i]!);
    if (!match) continue;
    for (const day of await link(repo, userId, row)) days.add(day);
    linked++;
  }
  return linked;
}

/** After rows were deleted, their duplicates elect a new canonical row among themselves. */
async function relinkOrphans(repo: ActivitiesRepo, userId: string, deletedIds: string[], days: Set<string>): Promise<void> {
  const orphans = await repo.findLinkedTo(userId, deletedIds);
  for (const o of orphans) days.add(o.localStartDate);
  const byOld = new Map<string, ActivityRow[]>();
  for (const o of orphans) byOld.set(o.duplicateOf ?? '', [...(byOld.get(o.duplicateOf ?? '') ?? []), o]);
  for (const group of byOld.values()) {
    const canonical = pickCanonical(group);
    await repo.setDuplicateOf(userId, [canonical.id], null);
    await repo.setDuplicateOf(userId, group.filter((r) => r.id !== canonical.id).map((r) => r.id), canonical.id);
  }
}

/** What a write changed, for whoever keeps derived data (training load, daily totals) in step. */
export interface ActivityChange {
  writtenIds: string[];
  streams?: ReadonlyMap<string, ActivityStreams>;
  days: Iterable<string>;
}

/** Runs inside the write's transaction, under the athlete's lock: derived data commits with the rows or not at all. */
export type OnActivitiesChanged = (tx: Executor, userId: string, change: ActivityChange) => Promise<void>;

export function createActivitiesService(deps: { db: Db; onChange?: OnActivitiesChanged }) {
  const inTx = <T>(fn: (repo: ActivitiesRepo, tx: Executor) => Promise<T>) =>
    deps.db.transaction(async (tx) => {
      const repo = createActivitiesRepo(tx);
      return fn(repo, tx);
    });
  const changed = (tx: Executor, userId: string, change: ActivityChange) => deps.onChange?.(tx, userId, change);

  return {
    /** Idempotent: the same input twice changes nothing; duplicates across sources are linked. */
    ingest(userId: string, input: ActivityInput): Promise<IngestResult> {
      return inTx(async (repo, tx) => {
        await repo.lockUser(userId);
        const days = new Set([input.localStartDate, ...(await repo.daysOf(userId, input.source, [input.externalId]))]);
        const result = await repo.upsert(userId, input, await contentHash(input));
        if (result.changed) {
          if (input.streams) await repo.upsertStreams(result.id, input.streams);
          const row = await repo.findById(userId, result.id);
          if (row) for (const day of await link(repo, userId, row)) days.add(day);
          await changed(tx, userId, { writtenIds: [result.id], streams: input.streams ? new Map([[result.id, input.streams]]) : undefined, days });
        }
        return result;
      });
    },

    /**
     * Many activities of one source at once (file imports): one statement per chunk, then one pass
     * of duplicate linking against the other sources in the same time span.
     */
    async ingestMany(userId: string, inputs: ActivityInput[]): Promise<{ created: number; updated: number; unchanged: number; linked: number }> {
      const hashed = await Promise.all(inputs.map(async (input) => ({ input, contentHash: await contentHash(input) })));
      return inTx(async (repo, tx) => {
        await repo.lockUser(userId);
        const days = new Set<string>();
        const bySource = new Map<ActivitySource, string[]>();
        for (const { input } of hashed) bySource.set(input.source, [...(bySource.get(input.source) ?? []), input.externalId]);
        for (const [source, ids] of bySource) for (const day of await repo.daysOf(userId, source, ids)) days.add(day);
        const written: { id: string; externalId: string; created: boolean }[] = [];
        for (let i = 0; i < hashed.length; i += 500) written.push(...(await repo.upsertMany(userId, hashed.slice(i, i + 500))));
        const byExternal = new Map(hashed.map((x) => [x.input.externalId, x.input]));
        const streams = new Map<string, ActivityStreams>();
        for (const w of written) {
          const input = byExternal.get(w.externalId);
          if (input) days.add(input.localStartDate);
          if (input?.streams) {
            await repo.upsertStreams(w.id, input.streams);
            streams.set(w.id, input.streams);
          }
        }
        const linked = await linkMany(repo, userId, await repo.findByIdsList(userId, written.map((w) => w.id)), days);
        if (written.length > 0) await changed(tx, userId, { writtenIds: written.map((w) => w.id), streams, days });
        const created = written.filter((w) => w.created).length;
        return { created, updated: written.length - created, unchanged: inputs.length - written.length, linked };
      });
    },

    /** Deletes one source's copy of an activity (e.g. a Strava delete event). */
    removeOne(userId: string, source: ActivitySource, externalId: string): Promise<number> {
      return this.remove(userId, source, externalId);
    },

    /** Deletes everything a source brought (disconnect, deauthorization); other sources' copies stay, re-linked. */
    removeSource(userId: string, source: ActivitySource): Promise<number> {
      return this.remove(userId, source);
    },

    remove(userId: string, source: ActivitySource, externalId?: string): Promise<number> {
      return inTx(async (repo, tx) => {
        await repo.lockUser(userId);
        const deleted = await repo.deleteWhere(userId, source, externalId);
        const days = new Set(deleted.map((d) => d.day));
        await relinkOrphans(repo, userId, deleted.map((d) => d.id), days);
        if (deleted.length > 0) await changed(tx, userId, { writtenIds: [], days });
        return deleted.length;
      });
    },

    /** The owner's activities for a purpose: the data-use policy decides which sources may appear. */
    list(userId: string, use: DataUse, opts: { limit?: number; before?: Date } = {}): Promise<ActivityRow[]> {
      return createActivitiesRepo(deps.db).listCanonical(userId, sourcesAllowedFor(use), { limit: opts.limit ?? 50, before: opts.before });
    },

    /** Of these ids from one source, the ones still waiting for their detail. */
    withoutDetail: (userId: string, source: ActivitySource, externalIds: string[]) => createActivitiesRepo(deps.db).withoutDetail(userId, source, externalIds),

    /** Scoped by owner: another athlete's id is simply not found. */
    get: (userId: string, id: string) => createActivitiesRepo(deps.db).findById(userId, id),

    count(userId: string, use: DataUse = 'owner_display'): Promise<number> {
      return createActivitiesRepo(deps.db).countCanonical(userId, sourcesAllowedFor(use));
    },
  };
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
