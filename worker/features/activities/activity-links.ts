import type { Executor } from '../../db/executor';
import * as activitiesRepo from './activities.repo';
import type { ActivityRow } from './activities.repo';
import * as linksRepo from './activity-links.repo';
import { pickCanonical, planLinks, UnlinkSet } from './dedup';

// Keeping duplicate groups true after a write (ADR 013): the rules are in dedup.ts, this reads and writes the rows they apply to.
// Every function runs in the write's transaction, under the athlete's lock.

/** Reads what linking needs around rows spanning [from, to]: every row they could match, those rows' whole groups, and the athlete's splits. */
async function linkPool(tx: Executor, userId: string, from: Date, to: Date): Promise<ActivityRow[]> {
  const near = await linksRepo.findOverlapping(tx, userId, from, to);
  const have = new Set(near.map((r) => r.id));
  const canonicalIds = [...new Set(near.map((r) => r.duplicateOf ?? r.id))];
  const members = (await linksRepo.findGroups(tx, userId, canonicalIds)).filter((r) => !have.has(r.id));
  return [...near, ...members];
}

const spanEnd = (r: ActivityRow) => new Date(r.startTime.getTime() + Math.max(0, r.elapsedTimeS) * 1000);

/** Regroups written rows with every overlapping copy of the same effort; adds the touched days; returns how many of them share a group. */
export async function linkRows(tx: Executor, userId: string, rows: ActivityRow[], days: Set<string>, unlinks?: UnlinkSet): Promise<number> {
  if (rows.length === 0) return 0;
  const splits = unlinks ?? new UnlinkSet(await linksRepo.unlinks(tx, userId));
  const from = new Date(Math.min(...rows.map((r) => r.startTime.getTime())));
  const to = new Date(Math.max(...rows.map((r) => spanEnd(r).getTime())));
  const plan = planLinks(rows, await linkPool(tx, userId, from, to), splits);
  await linksRepo.applyLinks(tx, userId, plan.updates);
  for (const day of plan.days) days.add(day);
  return plan.linked.size;
}

/** Bulk linking: rows in time order, one candidate query per chunk of 500, matched in memory. */
export async function linkMany(tx: Executor, userId: string, rows: ActivityRow[], days: Set<string>): Promise<number> {
  if (rows.length === 0) return 0;
  const unlinks = new UnlinkSet(await linksRepo.unlinks(tx, userId));
  const sorted = [...rows].sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  let grouped = 0;
  // Chunks run in order, each reading after the previous one's writes, so groups spanning a chunk edge merge.
  for (let i = 0; i < sorted.length; i += 500) grouped += await linkRows(tx, userId, sorted.slice(i, i + 500), days, unlinks);
  if (grouped === 0) return 0;
  // How many written rows repeat an effort already there: in a group of only new rows (two devices in
  // one export), all but one do. Read once at the end, as chunks may have regrouped each other's rows.
  const written = new Set(rows.map((r) => r.id));
  const now = await activitiesRepo.findByIdsList(tx, userId, [...written]);
  const groups = new Map<string, ActivityRow[]>();
  for (const r of await linksRepo.findGroups(tx, userId, [...new Set(now.map((r) => r.duplicateOf ?? r.id))])) {
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
export async function relinkOrphans(tx: Executor, userId: string, deletedIds: string[], days: Set<string>): Promise<void> {
  const orphans = await linksRepo.findLinkedTo(tx, userId, deletedIds);
  for (const o of orphans) days.add(o.localStartDate);
  const byOld = new Map<string, ActivityRow[]>();
  for (const o of orphans) byOld.set(o.duplicateOf ?? '', [...(byOld.get(o.duplicateOf ?? '') ?? []), o]);
  for (const group of byOld.values()) {
    const canonical = pickCanonical(group);
    await linksRepo.setDuplicateOf(tx, userId, [canonical.id], null);
    await linksRepo.setDuplicateOf(
      tx,
      userId,
      group.filter((r) => r.id !== canonical.id).map((r) => r.id),
      canonical.id,
    );
  }
}
