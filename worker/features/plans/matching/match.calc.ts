// Completed → planned: which activity completed which planned workout. Pure; the rules are in README.md.
// Days are the athlete's local days (an activity's start instant read in their zone), each day is solved
// as an assignment maximizing the total score, and the athlete's own links are taken as given.
import { localDateOf } from '../../../lib/dates.ts';
import type { Sport as ActivitySport } from '../../activities';
import type { Sport } from '../plans.types.ts';
import { familyOf, sportFit } from './sport-family.ts';

/** What matching needs of a planned workout (a planned_workouts row, sport narrowed). */
export interface PlannedForMatch {
  id: string;
  /** The athlete's local date, YYYY-MM-DD. */
  date: string;
  sport: Sport;
  durationSec: number;
  distanceM: number | null;
  targetLoad: number;
  skipped: boolean;
  /** The athlete marked it done themselves (ADR 080): completed while no activity matched. Matching ignores it. */
  done?: boolean;
}

/** What matching needs of an activity (the shape of the plans repo's activitiesBetween rows). */
export interface ActivityForMatch {
  id: string;
  sport: ActivitySport;
  startTime: Date;
  movingTimeS: number;
  /** Used when no moving time was recorded (0). */
  elapsedTimeS?: number;
  distanceM: number;
  /** Analytics' load (activity_metrics); null until it is computed. */
  load: number | null;
  /** The sport was inferred from speed, not named by the source: a less exact fit. */
  sportInferred?: boolean;
}

/** The athlete's say: this workout was done by this activity, or (null) by none. Never reassigned. */
export interface ManualLink {
  workoutId: string;
  activityId: string | null;
}

export interface Match {
  workoutId: string;
  activityId: string;
  source: 'auto' | 'manual';
  /** The pair's score in [0, 1]; null for a manual link (the athlete's word is not scored). */
  score: number | null;
}

/** The time an activity counts for: moving time, else elapsed time. */
export const activityDurationS = (a: ActivityForMatch): number => (a.movingTimeS > 0 ? a.movingTimeS : (a.elapsedTimeS ?? 0));

/** The athlete's local date of an activity's start. */
export const activityLocalDate = (a: ActivityForMatch, timeZone: string): string => localDateOf(a.startTime, timeZone);

/** 1 at actual = planned, falling linearly by the relative difference (0 at 0 % or 200 %). */
const closeness = (actual: number, planned: number): number => Math.max(0, 1 - Math.abs(actual / planned - 1));

/** actual within 40–150 % of planned, in integers so 40 % and 150 % are exact. */
const withinGate = (actual: number, planned: number): boolean => actual * 10 >= planned * 4 && actual * 2 <= planned * 3;

/**
 * The score of a pair on the same local day, or null when it may not match: another family, a rest
 * day, or the activity outside 40–150 % of the planned duration (of the planned distance when the
 * workout plans no duration). score = 0.6·D + 0.25·S + 0.15·X (see README.md).
 */
function pairScore(w: PlannedForMatch, a: ActivityForMatch): number | null {
  const fit = sportFit(w.sport, familyOf(a.sport));
  if (fit === null) return null;
  const duration = activityDurationS(a);
  const plannedDistance = w.distanceM !== null && w.distanceM > 0 ? w.distanceM : null;
  if (w.durationSec > 0) {
    if (!withinGate(duration, w.durationSec)) return null;
  } else if (plannedDistance !== null && !withinGate(a.distanceM, plannedDistance)) {
    return null;
  }
  const secondary: number[] = [];
  if (plannedDistance !== null && a.distanceM > 0) secondary.push(closeness(a.distanceM, plannedDistance));
  if (w.targetLoad > 0 && a.load !== null) secondary.push(closeness(a.load, w.targetLoad));
  const x = secondary.length ? secondary.reduce((s, v) => s + v, 0) / secondary.length : null;
  const d = w.durationSec > 0 ? closeness(duration, w.durationSec) : (x ?? 0.5);
  const s = fit * (a.sportInferred ? 0.8 : 1);
  return 0.6 * d + 0.25 * s + 0.15 * (x ?? d);
}

/** The score of a workout–activity pair in the athlete's zone, or null when the pair may not match. */
export function scorePair(w: PlannedForMatch, a: ActivityForMatch, timeZone: string): number | null {
  if (w.skipped || activityLocalDate(a, timeZone) !== w.date) return null;
  return pairScore(w, a);
}

// Scores compare as integers (micro-units) so sums are exact and ties are real ties.
const quantize = (score: number) => Math.round(score * 1e6);

interface Plan {
  score: number;
  /** Per workout from the current one on: the chosen activity's index, or -1. */
  picks: number[];
}

/**
 * The assignment maximizing the total score (every allowed pair scores above 0, so a free pair always
 * adds); ties go to the first pairing in canonical order: the earlier workout takes the earlier activity.
 * Exhaustive over used-activity sets, memoized per (workout, used set).
 */
function bestAssignment(edges: (number | null)[][], activityCount: number): number[] {
  const memo = new Map<string, Plan>();
  const go = (i: number, used: string): Plan => {
    if (i === edges.length) return { score: 0, picks: [] };
    const key = `${i}:${used}`;
    const cached = memo.get(key);
    if (cached) return cached;
    let best: Plan | null = null;
    const consider = (j: number, gain: number, rest: Plan) => {
      // Strictly better only: among equal totals the first tried (earliest activity, skipping last) stays.
      if (best === null || rest.score + gain > best.score) best = { score: rest.score + gain, picks: [j, ...rest.picks] };
    };
    for (let j = 0; j < activityCount; j++) {
      const e = edges[i]![j];
      if (e === null || e === undefined || used[j] === '1') continue;
      consider(j, e, go(i + 1, `${used.slice(0, j)}1${used.slice(j + 1)}`));
    }
    consider(-1, 0, go(i + 1, used));
    memo.set(key, best!);
    return best!;
  };
  return go(0, '0'.repeat(activityCount)).picks;
}

/** Memo states the exhaustive search may visit: workouts × the activity sets of at most that many. */
function stateBound(workouts: number, activities: number): number {
  let sets = 0;
  let choose = 1;
  for (let k = 0; k <= Math.min(workouts, activities); k++) {
    sets += choose;
    choose = (choose * (activities - k)) / (k + 1);
  }
  return workouts * sets;
}
/** Past this, a group is paired greedily by score (dozens of same-sport workouts on one day: never a real plan). */
const EXHAUSTIVE_LIMIT = 200_000;

function greedyAssignment(edges: (number | null)[][]): number[] {
  const all = edges.flatMap((row, i) => row.flatMap((e, j) => (e === null ? [] : [{ i, j, e }])));
  all.sort((x, y) => y.e - x.e || x.i - y.i || x.j - y.j);
  const picks = edges.map(() => -1);
  const taken = new Set<number>();
  for (const { i, j } of all) {
    if (picks[i] !== -1 || taken.has(j)) continue;
    picks[i] = j;
    taken.add(j);
  }
  return picks;
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byId = (x: { id: string }, y: { id: string }) => cmp(x.id, y.id);
const byStart = (x: ActivityForMatch, y: ActivityForMatch) => x.startTime.getTime() - y.startTime.getTime() || byId(x, y);

/** One local day: workouts × activities that may pair, split into connected groups, each solved exactly. */
function matchDay(workouts: PlannedForMatch[], activities: ActivityForMatch[]): Match[] {
  const ws = [...workouts].sort(byId);
  const as = [...activities].sort(byStart);
  const scores = ws.map((w) => as.map((a) => pairScore(w, a)));
  // Connected groups of the day's graph (a run never competes with a swim): workout i's group id.
  const group = ws.map((_, i) => i);
  const find = (i: number): number => {
    while (group[i] !== i) i = group[i]!;
    return i;
  };
  as.forEach((_, j) => {
    const linked = ws.flatMap((_, i) => (scores[i]![j] === null ? [] : [i]));
    for (const i of linked.slice(1)) group[find(i)] = find(linked[0]!);
  });
  const out: Match[] = [];
  for (const root of new Set(ws.map((_, i) => find(i)))) {
    const wi = ws.flatMap((_, i) => (find(i) === root ? [i] : []));
    const aj = as.flatMap((_, j) => (wi.some((i) => scores[i]![j] !== null) ? [j] : []));
    if (!aj.length) continue;
    const edges = wi.map((i) => aj.map((j) => (scores[i]![j] === null ? null : quantize(scores[i]![j]!))));
    const picks = stateBound(wi.length, aj.length) > EXHAUSTIVE_LIMIT ? greedyAssignment(edges) : bestAssignment(edges, aj.length);
    picks.forEach((p, k) => {
      if (p < 0) return;
      const i = wi[k]!;
      const j = aj[p]!;
      out.push({ workoutId: ws[i]!.id, activityId: as[j]!.id, source: 'auto', score: Math.round(scores[i]![j]! * 1e4) / 1e4 });
    });
  }
  return out;
}

/**
 * Which activity completed which planned workout. Manual links come first and are never reassigned
 * (an unlink keeps the workout unmatched); skipped workouts never match, nor do rest days automatically.
 * The result is independent of input order, sorted by workout date then id.
 */
export function matchActivities(input: {
  timeZone: string;
  workouts: PlannedForMatch[];
  activities: ActivityForMatch[];
  manual: ManualLink[];
}): Match[] {
  const { timeZone, workouts, activities } = input;
  const activityIds = new Set(activities.map((a) => a.id));
  // One link per workout; duplicates resolve the same way whatever their order.
  const pins = new Map<string, string | null>();
  const links = [...input.manual].sort((x, y) => cmp(x.workoutId, y.workoutId) || cmp(x.activityId ?? '', y.activityId ?? ''));
  for (const l of links) if (!pins.has(l.workoutId)) pins.set(l.workoutId, l.activityId);

  const byDateThenId = (x: PlannedForMatch, y: PlannedForMatch) => cmp(x.date, y.date) || byId(x, y);
  const out: Match[] = [];
  const claimed = new Set<string>();
  for (const w of workouts.filter((x) => pins.has(x.id) && !x.skipped).sort(byDateThenId)) {
    const activityId = pins.get(w.id);
    // Two workouts pinned to one activity: the earlier workout keeps it. A pin to an activity not passed in matches nothing.
    if (!activityId || !activityIds.has(activityId) || claimed.has(activityId)) continue;
    claimed.add(activityId);
    out.push({ workoutId: w.id, activityId, source: 'manual', score: null });
  }

  const days = new Map<string, { ws: PlannedForMatch[]; as: ActivityForMatch[] }>();
  const day = (date: string) => days.get(date) ?? days.set(date, { ws: [], as: [] }).get(date)!;
  for (const w of workouts) if (!w.skipped && !pins.has(w.id) && w.sport !== 'rest') day(w.date).ws.push(w);
  for (const a of activities) if (!claimed.has(a.id) && familyOf(a.sport) !== null) day(activityLocalDate(a, timeZone)).as.push(a);
  for (const { ws, as } of days.values()) if (ws.length && as.length) out.push(...matchDay(ws, as));

  const dateOf = new Map(workouts.map((w) => [w.id, w.date]));
  return out.sort((x, y) => cmp(dateOf.get(x.workoutId)!, dateOf.get(y.workoutId)!) || cmp(x.workoutId, y.workoutId));
}
