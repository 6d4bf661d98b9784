import type { ActivityRow } from './activities.repo';
import type { ActivitySource, Sport } from './activity.types';
import { SOURCE_PREFERENCE } from './source-preference';

// One effort recorded twice (two devices, or a file and its Strava copy) is linked when the two
// recordings cover the same stretch of time, with a similar distance, in the same sport family.
// See docs/decisions/013-duplicate-linking.md.

/** Starts this close always count as the same moment (short efforts, records without elapsed time). */
export const DEDUP_WINDOW_S = 60;
/**
 * The overlap must cover this share of the shorter recording. Two devices started and stopped by hand
 * differ by a minute or two at each end; 80 % leaves 12 min of slop on an hour and still rejects two
 * back-to-back efforts, which share no time at all.
 */
export const MIN_OVERLAP_SHARE = 0.8;
/**
 * Candidate queries look this far back from a row's start: a recording longer than this that began
 * earlier would be missed. Bounding by start keeps the query on the (user_id, start_time) index.
 */
export const MAX_ACTIVITY_S = 48 * 3600;
const DISTANCE_TOLERANCE = 0.03;

const FAMILY: Record<Sport, string> = {
  run: 'foot',
  walk: 'foot',
  hike: 'foot',
  ride: 'ride',
  swim: 'swim',
  strength: 'strength',
  other: 'other',
};

type Timed = Pick<ActivityRow, 'startTime' | 'elapsedTimeS'>;
const endMs = (a: Timed) => a.startTime.getTime() + Math.max(0, a.elapsedTimeS) * 1000;

/** The share of the shorter recording that the two have in common (0–1). */
export function overlapShare(a: Timed, b: Timed): number {
  const overlap = Math.min(endMs(a), endMs(b)) - Math.max(a.startTime.getTime(), b.startTime.getTime());
  const shorter = Math.min(a.elapsedTimeS, b.elapsedTimeS) * 1000;
  if (overlap <= 0 || shorter <= 0) return 0;
  return Math.min(1, overlap / shorter);
}

type Effort = Pick<ActivityRow, 'sport' | 'startTime' | 'distanceM' | 'elapsedTimeS'>;

export function isSameEffort(a: Effort, b: Effort): boolean {
  if (FAMILY[a.sport] !== FAMILY[b.sport]) return false;
  const closeStarts = Math.abs(a.startTime.getTime() - b.startTime.getTime()) <= DEDUP_WINDOW_S * 1000;
  if (!closeStarts && overlapShare(a, b) < MIN_OVERLAP_SHARE) return false;
  const longer = Math.max(a.distanceM, b.distanceM);
  // Efforts without distance (strength, some swims) match on duration instead.
  if (longer < 1) return Math.abs(a.elapsedTimeS - b.elapsedTimeS) <= Math.max(60, 0.1 * Math.max(a.elapsedTimeS, b.elapsedTimeS));
  return Math.abs(a.distanceM - b.distanceM) / longer <= DISTANCE_TOLERANCE;
}

/** The row to show and count for a group of duplicates: the athlete's own files first, then detail, then the oldest. */
export function pickCanonical<T extends Pick<ActivityRow, 'id' | 'source' | 'detailComplete' | 'createdAt'>>(rows: T[]): T {
  const rank = (r: T) => SOURCE_PREFERENCE.indexOf(r.source);
  const sorted = [...rows].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(b.detailComplete) - Number(a.detailComplete) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  const best = sorted[0];
  if (!best) throw new Error('pickCanonical of an empty group');
  return best;
}

/** A copy's identity that outlives the row: the athlete can delete a file and import it again. */
export interface SourceKey {
  source: ActivitySource;
  externalId: string;
}
const keyOf = (r: SourceKey) => `${r.source}\u0000${r.externalId}`;

/** The pair in one order, so (a, b) and (b, a) are stored as one row. */
export function orderedPair<T extends SourceKey>(x: T, y: T): [T, T] {
  return keyOf(x) <= keyOf(y) ? [x, y] : [y, x];
}

/** Pairs the athlete said are different activities. */
export class UnlinkSet {
  private readonly pairs = new Set<string>();
  constructor(rows: Iterable<{ aSource: ActivitySource; aExternalId: string; bSource: ActivitySource; bExternalId: string }>) {
    for (const r of rows) this.add({ source: r.aSource, externalId: r.aExternalId }, { source: r.bSource, externalId: r.bExternalId });
  }
  add(a: SourceKey, b: SourceKey): void {
    const [x, y] = orderedPair(a, b);
    this.pairs.add(`${keyOf(x)}\u0001${keyOf(y)}`);
  }
  has(a: SourceKey, b: SourceKey): boolean {
    const [x, y] = orderedPair(a, b);
    return this.pairs.has(`${keyOf(x)}\u0001${keyOf(y)}`);
  }
}

type LinkRow = Pick<
  ActivityRow,
  | 'id'
  | 'source'
  | 'externalId'
  | 'sport'
  | 'startTime'
  | 'elapsedTimeS'
  | 'distanceM'
  | 'detailComplete'
  | 'createdAt'
  | 'duplicateOf'
  | 'multisportGroup'
  | 'localStartDate'
>;

/** Two rows that may never share a group: the athlete split them, or they are legs of one multisport file. */
export function mayNotLink(a: LinkRow, b: LinkRow, unlinks: UnlinkSet): boolean {
  if (a.id === b.id) return false;
  if (a.multisportGroup !== null && a.multisportGroup === b.multisportGroup) return true;
  return unlinks.has(a, b);
}

export interface LinkPlan {
  /** Rows whose `duplicate_of` must change, to the value it must become. */
  updates: Map<string, string | null>;
  /** Local dates of every row in a group that was touched (their daily totals may change). */
  days: Set<string>;
  /** Seeds that share a group with another row afterwards. */
  linked: Set<string>;
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

/**
 * Regroups `seeds` (rows just written) among `pool`, which must hold every row a seed could match and
 * every member of those rows' groups. A written row first leaves its old group (it may have moved
 * or changed), then joins each matching row's group unless that would put two rows the athlete split,
 * or two legs of one multisport file, in one group. Pure: the caller reads the pool and writes the plan.
 */
export function planLinks(seeds: LinkRow[], pool: LinkRow[], unlinks: UnlinkSet): LinkPlan {
  const byId = new Map<string, LinkRow>();
  for (const r of [...pool, ...seeds]) byId.set(r.id, r);
  // Current groups, keyed by their canonical row's id.
  const groupOf = new Map<string, Set<LinkRow>>();
  for (const r of byId.values()) {
    const key = r.duplicateOf ?? r.id;
    let g = groupOf.get(key);
    if (!g) {
      g = new Set();
      groupOf.set(key, g);
    }
    g.add(r);
  }
  const memberOf = new Map<string, Set<LinkRow>>();
  for (const g of groupOf.values()) for (const r of g) memberOf.set(r.id, g);
  const touched = new Set<Set<LinkRow>>();

  const ordered = [...new Map(seeds.map((s) => [s.id, byId.get(s.id)!])).values()].sort(
    (a, b) => a.startTime.getTime() - b.startTime.getTime() || a.id.localeCompare(b.id),
  );
  for (const seed of ordered) {
    const old = memberOf.get(seed.id)!;
    if (old.size > 1) {
      old.delete(seed);
      touched.add(old);
      const alone = new Set([seed]);
      memberOf.set(seed.id, alone);
    }
  }
  // Sorted by start, so each seed looks only at rows that can overlap it.
  const byStart = [...byId.values()].sort((a, b) => a.startTime.getTime() - b.startTime.getTime() || a.id.localeCompare(b.id));
  const starts = byStart.map((r) => r.startTime.getTime());
  for (const seed of ordered) {
    touched.add(memberOf.get(seed.id)!);
    const candidates: LinkRow[] = [];
    const last = endMs(seed) + DEDUP_WINDOW_S * 1000;
    for (let i = lowerBound(starts, seed.startTime.getTime() - MAX_ACTIVITY_S * 1000); i < byStart.length && starts[i]! <= last; i++) {
      const o = byStart[i]!;
      if (o.id !== seed.id && !mayNotLink(seed, o, unlinks) && isSameEffort(seed, o)) candidates.push(o);
    }
    for (const c of candidates) {
      const mine = memberOf.get(seed.id)!;
      const theirs = memberOf.get(c.id)!;
      if (mine === theirs) continue;
      if ([...mine].some((x) => [...theirs].some((y) => mayNotLink(x, y, unlinks)))) continue;
      for (const y of theirs) {
        mine.add(y);
        memberOf.set(y.id, mine);
      }
      theirs.clear();
      touched.delete(theirs);
      touched.add(mine);
    }
  }

  const plan: LinkPlan = { updates: new Map(), days: new Set(), linked: new Set() };
  const seedIds = new Set(ordered.map((s) => s.id));
  for (const g of touched) {
    if (g.size === 0) continue;
    const members = [...g];
    const canonical = pickCanonical(members);
    for (const r of members) {
      if (g.size > 1 && seedIds.has(r.id)) plan.linked.add(r.id);
      plan.days.add(r.localStartDate);
      const want = r.id === canonical.id ? null : canonical.id;
      if (r.duplicateOf !== want) plan.updates.set(r.id, want);
    }
  }
  return plan;
}

/** The rest of a group after `leaving` is split off: a new canonical row when it was the canonical one. */
export function regroupWithout(group: LinkRow[], leaving: string): Map<string, string | null> {
  const updates = new Map<string, string | null>();
  const rest = group.filter((r) => r.id !== leaving);
  const me = group.find((r) => r.id === leaving);
  if (me && me.duplicateOf !== null) updates.set(me.id, null);
  if (rest.length === 0) return updates;
  const canonical = pickCanonical(rest);
  for (const r of rest) {
    const want = r.id === canonical.id ? null : canonical.id;
    if (r.duplicateOf !== want) updates.set(r.id, want);
  }
  return updates;
}
