// Which bests a prediction may rest on. The caller's validation (analytics' plausibility layer, ADR 007) already
// drops most faults; this is the calc's own guard so a bad row is excluded with its reason instead of crashing or
// bending the fit.

import { addDays, daysBetween } from '../../lib/dates';
import type { ExcludedBest, RaceBest } from './races.types';
import { vdotOf } from './vdot.calc';

/** Bests older than this many days before today have aged out: fitness moves in half a year. */
export const RECENT_DAYS = 180;
/** Bests older than this still count but widen the range (`oldBests`). */
export const FRESH_DAYS = 90;
/** Riegel (1981) fitted 3.5–230 min and Daniels' tables start at 1500 m: shorter efforts are sprint-dominated. */
export const MIN_DISTANCE_M = 1500;

/**
 * Men's world records (s), the fastest any human has run (World Athletics, checked 2026): 1500 m 3:26.00
 * El Guerrouj 1998, mile 3:43.13 El Guerrouj 1999, 5000 m 12:35.36 Cheptegei 2020, 10,000 m 26:11.00 Cheptegei
 * 2020, half 56:42 Kiplimo 2025, marathon 2:00:35 Kiptum 2023. Between them, interpolated on log–log axes.
 */
const WORLD_RECORDS: readonly [number, number][] = [
  [1500, 206],
  [1609.344, 223.13],
  [5000, 755.36],
  [10000, 1571],
  [21097.5, 3402],
  [42195, 7235],
];

/** The world-record time at `distanceM` (log–log between records; the end segments extend past them). */
export function worldRecordS(distanceM: number): number {
  let i = WORLD_RECORDS.findIndex(([d]) => d >= distanceM);
  if (i <= 0) i = i === 0 ? 1 : WORLD_RECORDS.length - 1;
  const [d0, t0] = WORLD_RECORDS[i - 1]!;
  const [d1, t1] = WORLD_RECORDS[i]!;
  const k = Math.log(t1 / t0) / Math.log(d1 / d0);
  return t0 * (distanceM / d0) ** k;
}

export interface RecentBests {
  /** The fastest usable best at each distance, newest first among equals. */
  used: RaceBest[];
  excluded: ExcludedBest[];
  /** Used bests dated more than FRESH_DAYS before today. */
  old: RaceBest[];
}

function exclusionOf(b: RaceBest, today: string): string | null {
  if (!Number.isFinite(b.distanceM) || !Number.isFinite(b.timeS) || b.distanceM <= 0 || b.timeS <= 0)
    return 'not a usable distance and time';
  if (b.distanceM < MIN_DISTANCE_M) return `shorter than ${MIN_DISTANCE_M} m: sprint-dominated, outside what Riegel and Daniels fitted`;
  if (b.timeS < worldRecordS(b.distanceM)) return 'faster than the world record at this distance: a recording fault, not a best';
  // A real calendar day survives the round trip through day numbers; '2026-13-45' does not.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(b.date) || addDays(b.date, 0) !== b.date) return 'no valid date';
  const age = daysBetween(b.date, today);
  if (age < 0) return 'dated after today';
  if (age > RECENT_DAYS) return `older than ${RECENT_DAYS} days: aged out`;
  return null;
}

/** Two distances within 1 % are the same distance (a 5 km best and a 5.02 km one). */
const sameDistance = (a: number, b: number) => Math.abs(a - b) <= 0.01 * Math.min(a, b);

export function recentBests(bests: RaceBest[], today: string): RecentBests {
  const excluded: ExcludedBest[] = [];
  const candidates: RaceBest[] = [];
  for (const best of bests) {
    const reason = exclusionOf(best, today);
    if (reason) excluded.push({ best, reason });
    else candidates.push(best);
  }
  // Fastest pace first (then newest), so the first kept at each distance is its best.
  candidates.sort((a, b) => a.timeS / a.distanceM - b.timeS / b.distanceM || b.date.localeCompare(a.date));
  const used: RaceBest[] = [];
  for (const best of candidates) {
    if (used.some((u) => sameDistance(u.distanceM, best.distanceM)))
      excluded.push({ best, reason: 'a faster recent best at this distance counts instead' });
    else used.push(best);
  }
  const own = oneEffortPerActivity(used, excluded);
  own.sort((a, b) => a.distanceM - b.distanceM);
  const old = own.filter((b) => daysBetween(b.date, today) > FRESH_DAYS);
  return { used: own, excluded, old };
}

/**
 * One best per activity: the mile and 5 km splits of a 10 km race were not run all-out at those distances, and fitted
 * with it they flatten the athlete's exponent towards 1 (as flat curve points biased W′, ADR 063). Within an activity
 * the best with the highest VDOT is the effort it was run for (the 10 km of a 10 km race, the 5 km of a 5 km race with
 * a cool-down after it); the others are parts of it or diluted by it.
 */
function oneEffortPerActivity(used: RaceBest[], excluded: ExcludedBest[]): RaceBest[] {
  const effort = new Map<string, RaceBest>();
  for (const b of used) {
    const kept = effort.get(b.activityId);
    if (!kept || vdotOf(b.distanceM, b.timeS) > vdotOf(kept.distanceM, kept.timeS)) effort.set(b.activityId, b);
  }
  const out: RaceBest[] = [];
  for (const b of used) {
    const kept = effort.get(b.activityId)!;
    if (kept === b) out.push(b);
    else
      excluded.push({ best: b, reason: `part of the ${km(kept.distanceM)} effort in the same activity, not run all-out at this distance` });
  }
  return out;
}

const km = (m: number) => `${Number((m / 1000).toFixed(m < 10_000 ? 2 : 1))} km`;
