import type { Executor } from '../../db/executor';
import * as activitiesRepo from './activities.repo';
import * as linksRepo from './activity-links.repo';
import type { ActivityInput, ActivityStreams } from './activity.types';
import { DEDUP_WINDOW_S, MAX_ACTIVITY_S, UnlinkSet } from './dedup';
import { FILE_ORIGINALS, planUpgrades } from './upgrade';

// Upgrade in place, inside the write's transaction and under the athlete's lock (rules in upgrade.ts,
// ADR 037): reads the Strava copies a batch could replace, replaces them, and hands back the rest.

type Item = { input: ActivityInput; contentHash: string };

export interface UpgradeResult {
  /** Rows replaced in place (their ids are unchanged). */
  upgraded: { id: string; externalId: string }[];
  streams: Map<string, ActivityStreams>;
  /** Archive summaries left out because the Strava copy has the recording. */
  kept: number;
  /** Inputs to store as usual. */
  rest: Item[];
}

export async function upgradeInPlace(tx: Executor, userId: string, items: Item[], days: Set<string>): Promise<UpgradeResult> {
  const result: UpgradeResult = { upgraded: [], streams: new Map(), kept: 0, rest: items };
  const archiveIds = items.filter((x) => x.input.source === 'strava_archive').map((x) => x.input.externalId);
  const files = items.filter((x) => FILE_ORIGINALS.includes(x.input.source)).map((x) => x.input);
  if (archiveIds.length === 0 && files.length === 0) return result;
  const span = files.length
    ? {
        from: new Date(Math.min(...files.map((a) => a.startTime.getTime())) - MAX_ACTIVITY_S * 1000),
        to: new Date(Math.max(...files.map((a) => a.startTime.getTime() + Math.max(0, a.elapsedTimeS) * 1000)) + DEDUP_WINDOW_S * 1000),
      }
    : undefined;
  const copies = await activitiesRepo.stravaCopies(tx, userId, archiveIds, span);
  if (copies.length === 0) return result;
  const stored = await activitiesRepo.storedKeys(
    tx,
    userId,
    items.map((x) => x.input),
  );
  const plan = planUpgrades(items, copies, stored, new UnlinkSet(await linksRepo.unlinks(tx, userId)));
  for (const { item, row } of plan.upgrades) {
    const a = item.input;
    await activitiesRepo.replaceInPlace(tx, userId, row.id, a, item.contentHash, { source: 'strava', externalId: row.externalId });
    // The API's streams go with the API copy: what the row shows from now on is the file's.
    if (a.streams) {
      await activitiesRepo.upsertStreams(tx, row.id, a.streams);
      result.streams.set(row.id, a.streams);
    } else await activitiesRepo.deleteStreams(tx, row.id);
    await linksRepo.rekeyUnlinks(
      tx,
      userId,
      { source: 'strava', externalId: row.externalId },
      { source: a.source, externalId: a.externalId },
    );
    days.add(row.localStartDate);
    days.add(a.localStartDate);
    result.upgraded.push({ id: row.id, externalId: a.externalId });
  }
  result.kept = plan.kept.length;
  result.rest = plan.rest;
  return result;
}
