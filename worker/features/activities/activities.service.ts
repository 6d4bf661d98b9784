import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import { sha256Hex } from '../../lib/crypto';
import { notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import { createActivitiesRepo, type ActivitiesRepo, type ActivityRow } from './activities.repo';
import type { ActivityInput, ActivitySource, ActivityStreams } from './activity.types';
import { sourcesAllowedFor, type DataUse } from './data-use.policy';
import { pickCanonical, planLinks, regroupWithout, UnlinkSet } from './dedup';
import { checkActivity } from './plausibility';

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

/** Reads what linking needs around rows spanning [from, to]: every row they could match, those rows' whole groups, and the athlete's splits. */
async function linkPool(repo: ActivitiesRepo, userId: string, from: Date, to: Date): Promise<ActivityRow[]> {
  const near = await repo.findOverlapping(userId, from, to);
  const have = new Set(near.map((r) => r.id));
  const canonicalIds = [...new Set(near.map((r) => r.duplicateOf ?? r.id))];
  const members = (await repo.findGroups(userId, canonicalIds)).filter((r) => !have.has(r.id));
  return [...near, ...members];
}

const spanEnd = (r: ActivityRow) => new Date(r.startTime.getTime() + Math.max(0, r.elapsedTimeS) * 1000);

/** Regroups written rows with every overlapping copy of the same effort; adds the touched days; returns how many of them share a group. */
async function linkRows(
  repo: ActivitiesRepo,
  userId: string,
  rows: ActivityRow[],
  days: Set<string>,
  unlinks?: UnlinkSet,
): Promise<number> {
  if (rows.length === 0) return 0;
  const splits = unlinks ?? new UnlinkSet(await repo.unlinks(userId));
  const from = new Date(Math.min(...rows.map((r) => r.startTime.getTime())));
  const to = new Date(Math.max(...rows.map((r) => spanEnd(r).getTime())));
  const plan = planLinks(rows, await linkPool(repo, userId, from, to), splits);
  await repo.applyLinks(userId, plan.updates);
  for (const day of plan.days) days.add(day);
  return plan.linked.size;
}

/** Bulk linking: rows in time order, one candidate query per chunk of 500, matched in memory. */
async function linkMany(repo: ActivitiesRepo, userId: string, rows: ActivityRow[], days: Set<string>): Promise<number> {
  if (rows.length === 0) return 0;
  const unlinks = new UnlinkSet(await repo.unlinks(userId));
  const sorted = [...rows].sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  let grouped = 0;
  // Chunks run in order, each reading after the previous one's writes, so groups spanning a chunk edge merge.
  for (let i = 0; i < sorted.length; i += 500) grouped += await linkRows(repo, userId, sorted.slice(i, i + 500), days, unlinks);
  if (grouped === 0) return 0;
  // How many written rows repeat an effort already there: in a group of only new rows (two devices in
  // one export), all but one do. Read once at the end, as chunks may have regrouped each other's rows.
  const written = new Set(rows.map((r) => r.id));
  const now = await repo.findByIdsList(userId, [...written]);
  const groups = new Map<string, ActivityRow[]>();
  for (const r of await repo.findGroups(userId, [...new Set(now.map((r) => r.duplicateOf ?? r.id))])) {
    const key = r.duplicateOf ?? r.id;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  let linked = 0;
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const mine = g.filter((r) => written.has(r.id)).length;
    linked += mine === g.length ? mine - 1 : mine;
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
    await repo.setDuplicateOf(
      userId,
      group.filter((r) => r.id !== canonical.id).map((r) => r.id),
      canonical.id,
    );
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

/** `audit` records athlete actions (a split); every production caller passes it (worker/wiring/). */
export function createActivitiesService(deps: { db: Db; onChange?: OnActivitiesChanged; audit?: AuditService }) {
  const inTx = <T>(fn: (repo: ActivitiesRepo, tx: Executor) => Promise<T>) =>
    deps.db.transaction(async (tx) => {
      const repo = createActivitiesRepo(tx);
      return fn(repo, tx);
    });
  const changed = (tx: Executor, userId: string, change: ActivityChange) => deps.onChange?.(tx, userId, change);

  return {
    /** Idempotent: the same input twice changes nothing; recordings of the same effort (any sources, ADR 013) are linked. */
    ingest(userId: string, raw: ActivityInput): Promise<IngestResult> {
      // Every source passes the plausibility layer before anything is stored or derived (ADR 012).
      const input = checkActivity(raw);
      return inTx(async (repo, tx) => {
        await repo.lockUser(userId);
        const days = new Set([input.localStartDate, ...(await repo.daysOf(userId, input.source, [input.externalId]))]);
        const result = await repo.upsert(userId, input, await contentHash(input));
        if (result.changed) {
          if (input.streams) await repo.upsertStreams(result.id, input.streams);
          const row = await repo.findById(userId, result.id);
          if (row) await linkRows(repo, userId, [row], days);
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
     * Many activities of one source at once (file imports): one statement per chunk, then one pass
     * of duplicate linking against every overlapping row (chunks of 500 in time order).
     */
    async ingestMany(
      userId: string,
      inputs: ActivityInput[],
    ): Promise<{ created: number; updated: number; unchanged: number; linked: number; createdIds: string[] }> {
      const hashed = await Promise.all(inputs.map(checkActivity).map(async (input) => ({ input, contentHash: await contentHash(input) })));
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
        const linked = await linkMany(
          repo,
          userId,
          await repo.findByIdsList(
            userId,
            written.map((w) => w.id),
          ),
          days,
        );
        if (written.length > 0) await changed(tx, userId, { writtenIds: written.map((w) => w.id), streams, days });
        const createdIds = written.filter((w) => w.created).map((w) => w.id);
        const created = createdIds.length;
        return { created, updated: written.length - created, unchanged: inputs.length - written.length, linked, createdIds };
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
        await relinkOrphans(
          repo,
          userId,
          deleted.map((d) => d.id),
          days,
        );
        if (deleted.length > 0) await changed(tx, userId, { writtenIds: [], days });
        return deleted.length;
      });
    },

    /**
     * "These are different activities": detaches the activity from its duplicate group. The split is
     * stored by (source, external id) against every other member, so it survives re-imports and
     * re-syncs; the rest of the group stays together under a re-elected canonical row.
     */
    split(actor: Actor, id: string): Promise<{ detached: number }> {
      return inTx(async (repo, tx) => {
        await repo.lockUser(actor.id);
        const row = await repo.findById(actor.id, id);
        if (!row) throw notFound('Activity');
        const group = await repo.findGroups(actor.id, [row.duplicateOf ?? row.id]);
        const others = group.filter((r) => r.id !== row.id);
        // Already alone: nothing to record, the same answer as the first time.
        if (others.length === 0) return { detached: 0 };
        await repo.insertUnlinks(
          actor.id,
          others.map((o) => [row, o]),
        );
        await repo.applyLinks(actor.id, regroupWithout(group, row.id));
        await changed(tx, actor.id, { writtenIds: [], days: new Set(group.map((r) => r.localStartDate)) });
        await deps.audit?.record(
          { actor, action: 'activity.split', target: { type: 'activity', id: row.id }, payload: { detached: others.length } },
          tx,
        );
        return { detached: others.length };
      });
    },

    /** The other copies of this activity's effort (empty when it has none). Scoped by owner. */
    async linkedCopies(userId: string, id: string): Promise<LinkedCopy[]> {
      const repo = createActivitiesRepo(deps.db);
      const row = await repo.findById(userId, id);
      if (!row) return [];
      const group = await repo.findGroups(userId, [row.duplicateOf ?? row.id]);
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
    list(userId: string, use: DataUse, opts: { limit?: number; before?: Date } = {}): Promise<ActivityRow[]> {
      return createActivitiesRepo(deps.db).listCanonical(userId, sourcesAllowedFor(use), { limit: opts.limit ?? 50, before: opts.before });
    },

    /** Of these ids from one source, the ones still waiting for their detail. */
    withoutDetail: (userId: string, source: ActivitySource, externalIds: string[]) =>
      createActivitiesRepo(deps.db).withoutDetail(userId, source, externalIds),

    /** Scoped by owner: another athlete's id is simply not found. */
    get: (userId: string, id: string) => createActivitiesRepo(deps.db).findById(userId, id),

    count(userId: string, use: DataUse = 'owner_display'): Promise<number> {
      return createActivitiesRepo(deps.db).countCanonical(userId, sourcesAllowedFor(use));
    },
  };
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
