import type { ActivityRow } from './activities.repo';
import type { Sport } from './activity.types';
import { SOURCE_PREFERENCE } from './data-use.policy';

// The same effort from two sources: starts within 60 s, distance within 3 %, same sport family.
export const DEDUP_WINDOW_S = 60;
const DISTANCE_TOLERANCE = 0.03;

const FAMILY: Record<Sport, string> = { run: 'foot', walk: 'foot', hike: 'foot', ride: 'ride', swim: 'swim', strength: 'strength', other: 'other' };

export function isSameEffort(a: Pick<ActivityRow, 'sport' | 'startTime' | 'distanceM' | 'elapsedTimeS'>, b: typeof a): boolean {
  if (FAMILY[a.sport] !== FAMILY[b.sport]) return false;
  if (Math.abs(a.startTime.getTime() - b.startTime.getTime()) > DEDUP_WINDOW_S * 1000) return false;
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
