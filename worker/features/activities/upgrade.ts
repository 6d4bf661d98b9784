import type { ActivityRow } from './activities.repo';
import { type ActivityInput, type ActivitySource, sourceKey } from './activity.types';
import { isSameEffort, type UnlinkSet } from './dedup';

// Upgrade in place (ADR 037): the athlete's own original of an activity replaces its Strava API copy
// in the same row, so the row keeps its id — its duplicate links, notes, intervals and plan matches —
// and takes the file's source, with every use a file has. Pure: the caller reads the candidates and
// writes the plan.
//   - A Strava archive row replaces the API copy with the same Strava activity id.
//   - An original file (FIT, GPX, TCX) replaces the API copy duplicate linking pairs it with.
//   - Never with less: an archive row that brings only a summary (its file missing or unreadable)
//     leaves an API copy that has the recording as it is, and is not stored (its data would be a
//     second, poorer copy of the same effort).

/** Originals that may replace a Strava copy they are linked with. */
export const FILE_ORIGINALS: readonly ActivitySource[] = ['fit_upload', 'gpx_upload', 'tcx_upload'];

type Candidate = Pick<
  ActivityRow,
  'id' | 'source' | 'externalId' | 'sport' | 'startTime' | 'elapsedTimeS' | 'distanceM' | 'detailComplete' | 'localStartDate'
>;

export interface UpgradePlan<T extends { input: ActivityInput }> {
  /** Inputs that replace a Strava copy, with the row they replace. */
  upgrades: { item: T; row: Candidate }[];
  /** Archive rows with only a summary, whose Strava copy has the recording: neither stored nor applied. */
  kept: T[];
  /** Everything else, stored as usual. */
  rest: T[];
}

/**
 * `stravaCopies`: the athlete's Strava API rows that could be replaced (by id and around the inputs'
 * times). `stored`: keys (source, externalId) of the inputs that are already stored — those are
 * updated where they are, never moved into another row.
 */
export function planUpgrades<T extends { input: ActivityInput }>(
  items: T[],
  stravaCopies: Candidate[],
  stored: ReadonlySet<string>,
  unlinks: UnlinkSet,
): UpgradePlan<T> {
  const plan: UpgradePlan<T> = { upgrades: [], kept: [], rest: [] };
  const byId = new Map(stravaCopies.map((r) => [r.externalId, r]));
  const taken = new Set<string>();
  for (const item of items) {
    const a = item.input;
    let row: Candidate | undefined;
    if (!stored.has(sourceKey(a.source, a.externalId))) {
      if (a.source === 'strava_archive') row = byId.get(a.externalId);
      else if (FILE_ORIGINALS.includes(a.source)) row = nearestCopy(a, stravaCopies, taken, unlinks);
    }
    if (!row || taken.has(row.id)) {
      plan.rest.push(item);
      continue;
    }
    if (!a.detailComplete && row.detailComplete) {
      plan.kept.push(item);
      continue;
    }
    taken.add(row.id);
    plan.upgrades.push({ item, row });
  }
  return plan;
}

/** The Strava copy of the same effort whose start is closest, unless the athlete said they are different activities. */
function nearestCopy(a: ActivityInput, copies: Candidate[], taken: ReadonlySet<string>, unlinks: UnlinkSet): Candidate | undefined {
  let best: Candidate | undefined;
  let gap = Number.POSITIVE_INFINITY;
  for (const r of copies) {
    if (taken.has(r.id) || !isSameEffort(a, r)) continue;
    if (unlinks.has(a, r)) continue;
    const d = Math.abs(r.startTime.getTime() - a.startTime.getTime());
    if (d < gap) {
      best = r;
      gap = d;
    }
  }
  return best;
}
