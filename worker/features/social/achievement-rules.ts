// The achievement rules (ADR 082), each a pure function of the athlete's counted activities, oldest
// first, returning the first time it was met with its receipts, or null. Days, weeks (Monday 00:00),
// months and years are the athlete's own, in their zone. achievements.ts holds the catalog.
import { mondayOf, toEpochDay } from '../../lib/dates';
import type { Sport } from '../activities';
import { ACTIVE_DAY_MIN_S } from './leaderboard';

export interface HistoryActivity {
  id: string;
  sport: Sport;
  startTime: Date;
  elapsedTimeS: number;
  movingTimeS: number;
  distanceM: number;
  /** Legs of one multisport recording share it. */
  multisportGroup: string | null;
  /** Only what the athlete marked: a race, and their place if they gave it. */
  race: { place: number | null } | null;
  /** Best efforts in the activity; `excluded` ones (implausible, ADR 007) never count. */
  bestEfforts: readonly { distanceM: number; elapsedS: number; excluded: boolean }[];
  /** Left out by eligibility (leaderboard-eligibility.ts): never counts for anything. */
  excluded: boolean;
}

export interface Met {
  /** The activities that earned it, oldest first. */
  receipts: string[];
  /** When the activity that completed it started. */
  earnedAt: Date;
}

/** `dayOf` gives an activity's local start date (YYYY-MM-DD) in the athlete's zone. */
export type Rule = (activities: readonly HistoryActivity[], dayOf: (a: HistoryActivity) => string) => Met | null;

const met = (list: readonly HistoryActivity[]): Met => ({ receipts: list.map((a) => a.id), earnedAt: list[list.length - 1]!.startTime });

/** The first activity of `sport` at least `metres` long. */
export const distanceFirst =
  (sport: Sport, metres: number): Rule =>
  (acts) => {
    const a = acts.find((x) => x.sport === sport && x.distanceM >= metres);
    return a ? met([a]) : null;
  };

/** The first period (keyed by `periodOf`) whose moving time reaches `hours`: its activities are the receipts. */
const volume =
  (hours: number, periodOf: (localDate: string) => string): Rule =>
  (acts, dayOf) => {
    const sums = new Map<string, { s: number; list: HistoryActivity[] }>();
    for (const a of acts) {
      const key = periodOf(dayOf(a));
      const p = sums.get(key) ?? { s: 0, list: [] };
      p.s += a.movingTimeS;
      p.list.push(a);
      sums.set(key, p);
      if (p.s >= hours * 3600) return met(p.list);
    }
    return null;
  };

export const weekHours = (hours: number): Rule => volume(hours, mondayOf);
export const monthHours = (hours: number): Rule => volume(hours, (d) => d.slice(0, 7));
export const yearHours = (hours: number): Rule => volume(hours, (d) => d.slice(0, 4));

/** `days` consecutive local days, each with at least ACTIVE_DAY_MIN_S of counted moving time. */
export const streak =
  (days: number): Rule =>
  (acts, dayOf) => {
    const perDay = new Map<number, { s: number; list: HistoryActivity[] }>();
    const order: number[] = [];
    for (const a of acts) {
      const day = toEpochDay(dayOf(a));
      let d = perDay.get(day);
      if (!d) {
        d = { s: 0, list: [] };
        perDay.set(day, d);
        order.push(day);
      }
      d.s += a.movingTimeS;
      d.list.push(a);
    }
    // A day counts from the activity that took it over the minimum; the streak is met on its N-th day.
    const active = order.filter((day) => perDay.get(day)!.s >= ACTIVE_DAY_MIN_S).sort((x, y) => x - y);
    let run = 0;
    for (let i = 0; i < active.length; i++) {
      run = i > 0 && active[i]! === active[i - 1]! + 1 ? run + 1 : 1;
      if (run === days) return met(active.slice(i - days + 1, i + 1).flatMap((day) => perDay.get(day)!.list));
    }
    return null;
  };

/** The first race the athlete marked whose place satisfies `placed` (any race when omitted). */
export const race =
  (placed: (place: number | null) => boolean = () => true): Rule =>
  (acts) => {
    const a = acts.find((x) => x.race !== null && placed(x.race.place));
    return a ? met([a]) : null;
  };

/** Legs follow each other when one starts within this of the previous one's end (a transition). */
const TRANSITION_S = 30 * 60;
const follows = (prev: HistoryActivity, next: HistoryActivity) =>
  (prev.multisportGroup !== null && prev.multisportGroup === next.multisportGroup) ||
  (next.startTime.getTime() >= prev.startTime.getTime() + prev.elapsedTimeS * 1000 &&
    next.startTime.getTime() - (prev.startTime.getTime() + prev.elapsedTimeS * 1000) <= TRANSITION_S * 1000);

/** The first chain of legs in this order, each at least its distance, each following the one before. */
export const multisport =
  (legs: readonly { sport: Sport; metres: number }[]): Rule =>
  (acts) => {
    const fits = (a: HistoryActivity, k: number) => a.sport === legs[k]!.sport && a.distanceM >= legs[k]!.metres;
    // Chains end at the latest activity seen; the earliest completed chain wins.
    for (let end = 0; end < acts.length; end++) {
      if (!fits(acts[end]!, legs.length - 1)) continue;
      const chain: HistoryActivity[] = [acts[end]!];
      for (let k = legs.length - 2, i = end - 1; k >= 0 && i >= 0; i--) {
        if (fits(acts[i]!, k) && follows(acts[i]!, chain[0]!)) {
          chain.unshift(acts[i]!);
          k--;
        }
      }
      if (chain.length === legs.length) return met(chain);
    }
    return null;
  };

/** The first run whose best effort at `metres` beats an earlier best there (a PB after the first one). */
export const personalBest =
  (metres: number): Rule =>
  (acts) => {
    let best = Number.POSITIVE_INFINITY;
    let holder: HistoryActivity | null = null;
    for (const a of acts) {
      if (a.sport !== 'run') continue;
      const e = a.bestEfforts.filter((x) => !x.excluded && Math.round(x.distanceM) === Math.round(metres)).map((x) => x.elapsedS);
      if (e.length === 0) continue;
      const t = Math.min(...e);
      if (holder && t < best) return met([holder, a]);
      if (t < best) {
        best = t;
        holder = a;
      }
    }
    return null;
  };
