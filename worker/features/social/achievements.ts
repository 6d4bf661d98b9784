// Achievements (ADR 082): the catalog, `evaluate(history)` → awards with receipts and points, and
// `diffAwards` → what a change of history grants and withdraws (a late import can award, a deletion can
// withdraw, and the page says so). Deterministic: the same history always gives the same awards.
import {
  distanceFirst,
  type HistoryActivity,
  monthHours,
  multisport,
  personalBest,
  race,
  type Rule,
  streak,
  weekHours,
  yearHours,
} from './achievement-rules';
import { localDater } from './local-day';

export interface AchievementDef {
  key: string;
  title: string;
  points: number;
  rule: Rule;
}

const HALF_M = 21_097.5;
const MARATHON_M = 42_195;

/** The catalog, in the order pages list it. Keys are stored with awards: never rename one. */
export const ACHIEVEMENTS: readonly AchievementDef[] = [
  { key: 'first_5k', title: 'First 5 km run', points: 10, rule: distanceFirst('run', 5000) },
  { key: 'first_10k', title: 'First 10 km run', points: 20, rule: distanceFirst('run', 10_000) },
  { key: 'first_half_marathon', title: 'First half marathon', points: 40, rule: distanceFirst('run', HALF_M) },
  { key: 'first_marathon', title: 'First marathon', points: 80, rule: distanceFirst('run', MARATHON_M) },
  { key: 'first_ultra', title: 'First 50 km run', points: 100, rule: distanceFirst('run', 50_000) },
  { key: 'century_ride', title: 'First 100 km ride', points: 60, rule: distanceFirst('ride', 100_000) },
  { key: 'week_10h', title: '10-hour week', points: 30, rule: weekHours(10) },
  { key: 'week_15h', title: '15-hour week', points: 50, rule: weekHours(15) },
  { key: 'month_50h', title: '50-hour month', points: 60, rule: monthHours(50) },
  { key: 'year_500h', title: '500-hour year', points: 150, rule: yearHours(500) },
  { key: 'streak_7', title: '7-day streak', points: 15, rule: streak(7) },
  { key: 'streak_30', title: '30-day streak', points: 50, rule: streak(30) },
  { key: 'streak_100', title: '100-day streak', points: 120, rule: streak(100) },
  { key: 'streak_365', title: '365-day streak', points: 300, rule: streak(365) },
  { key: 'first_race', title: 'First race', points: 20, rule: race() },
  { key: 'first_podium', title: 'First podium', points: 60, rule: race((p) => p !== null && p >= 1 && p <= 3) },
  { key: 'first_win', title: 'First win', points: 100, rule: race((p) => p === 1) },
  {
    key: 'first_brick',
    title: 'First brick',
    points: 25,
    rule: multisport([
      { sport: 'ride', metres: 5000 },
      { sport: 'run', metres: 1000 },
    ]),
  },
  {
    key: 'first_triathlon',
    title: 'First triathlon',
    points: 60,
    // A super-sprint (400 m, 10 km, 2.5 km) and up.
    rule: multisport([
      { sport: 'swim', metres: 400 },
      { sport: 'ride', metres: 10_000 },
      { sport: 'run', metres: 2500 },
    ]),
  },
  {
    key: 'first_half_iron',
    title: 'First half-iron distance',
    points: 120,
    rule: multisport([
      { sport: 'swim', metres: 1900 },
      { sport: 'ride', metres: 90_000 },
      { sport: 'run', metres: HALF_M },
    ]),
  },
  {
    key: 'first_iron_distance',
    title: 'First iron distance',
    points: 200,
    rule: multisport([
      { sport: 'swim', metres: 3800 },
      { sport: 'ride', metres: 180_000 },
      { sport: 'run', metres: MARATHON_M },
    ]),
  },
  { key: 'pb_5k', title: 'New 5 km best', points: 15, rule: personalBest(5000) },
  { key: 'pb_10k', title: 'New 10 km best', points: 15, rule: personalBest(10_000) },
  { key: 'pb_half_marathon', title: 'New half-marathon best', points: 20, rule: personalBest(HALF_M) },
  { key: 'pb_marathon', title: 'New marathon best', points: 25, rule: personalBest(MARATHON_M) },
];

export interface Award {
  key: string;
  points: number;
  /** The activities that earned it, oldest first. */
  receipts: string[];
  earnedAt: Date;
}

export interface AthleteHistory {
  /** The athlete's zone: their days, Monday-start weeks, months and years. */
  timeZone: string;
  activities: readonly HistoryActivity[];
}

/** Every award the history earns, in catalog order. Excluded activities are dropped first. */
export function evaluate(history: AthleteHistory): Award[] {
  const counted = history.activities
    .filter((a) => !a.excluded)
    .sort((a, b) => a.startTime.getTime() - b.startTime.getTime() || a.id.localeCompare(b.id));
  const dater = localDater(history.timeZone);
  const days = new Map(counted.map((a) => [a, dater(a.startTime)]));
  const dayOf = (a: HistoryActivity) => days.get(a) ?? dater(a.startTime);
  const out: Award[] = [];
  for (const def of ACHIEVEMENTS) {
    const m = def.rule(counted, dayOf);
    if (m) out.push({ key: def.key, points: def.points, receipts: m.receipts, earnedAt: m.earnedAt });
  }
  return out;
}

export interface AwardDiff {
  granted: Award[];
  /** Held before, earned no longer (the page says it was withdrawn and why: its receipts are gone). */
  withdrawn: Award[];
  /** Still held, on other receipts (an earlier activity was imported, or a receipt deleted). */
  moved: Award[];
}

/** What changed between the awards stored and those a new evaluation gives. */
export function diffAwards(previous: readonly Award[], next: readonly Award[]): AwardDiff {
  const before = new Map(previous.map((a) => [a.key, a]));
  const after = new Map(next.map((a) => [a.key, a]));
  const same = (a: Award, b: Award) =>
    a.receipts.join('\u0000') === b.receipts.join('\u0000') && a.earnedAt.getTime() === b.earnedAt.getTime();
  return {
    granted: next.filter((a) => !before.has(a.key)),
    withdrawn: previous.filter((a) => !after.has(a.key)),
    moved: next.filter((a) => before.has(a.key) && !same(before.get(a.key)!, a)),
  };
}
