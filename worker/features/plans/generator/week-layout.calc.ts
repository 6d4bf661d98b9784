// Placing a week's sessions on its days: only the athlete's available days (at most six, one full rest
// day), the long session on their long day, hard days never back to back (across weeks and before the
// race too), strength on easy days. Pure.

import { addDays, daysBetween, toEpochDay } from '../../../lib/dates';
import { HARD_TYPES } from '../plans.types';
import { MAX_TRAINING_DAYS } from './plan-rules';
import type { SessionSpec } from './workouts.calc';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOf = (ymd: string): number => (((toEpochDay(ymd) + 3) % 7) + 7) % 7;

export const isHardSpec = (s: Pick<SessionSpec, 'type'>): boolean => HARD_TYPES.includes(s.type);

export interface DayPlan {
  /** The week's days in the plan (the race week ends on the event day). */
  dates: string[];
  /** Days that hold training (available, at most six, the race day not counted). */
  training: string[];
  /** The long-session day, when the week has training days. */
  longDate: string | null;
}

/** The week's training days: the available ones, and with all seven available the day after the long block rests. */
export function trainingDays(
  weekStart: string,
  days: number,
  available: ReadonlySet<number>,
  longDay: number,
  raceDate: string | null,
  twoLongs: boolean,
): DayPlan {
  const dates = Array.from({ length: days }, (_, i) => addDays(weekStart, i));
  let training = dates.filter((d) => d !== raceDate && available.has(weekdayOf(d)));
  if (training.length > MAX_TRAINING_DAYS) {
    // Two long days (triathlon: long ride, long run the day after) push the rest day one later.
    const longIsLast = weekdayOf(dates[dates.length - 1]!) === longDay;
    const rest = (longDay + 1 + (twoLongs && !longIsLast ? 1 : 0)) % 7;
    training = training.filter((d) => weekdayOf(d) !== rest);
  }
  // Race week keeps a rest day too: two days before the race (the eve is the shakeout).
  if (raceDate && training.length >= 5) training = training.filter((d) => d !== addDays(raceDate, -2));
  const longDate = training.find((d) => weekdayOf(d) === longDay) ?? training.at(-1) ?? null;
  return { dates, training, longDate };
}

export interface Placed {
  spec: SessionSpec;
  date: string;
  /** Set when a hard session found no hard day and was made easy. */
  madeEasy?: boolean;
}

export interface Layout {
  placed: Placed[];
  hardDates: string[];
  /** Sessions that found no day (their minutes are not planned). */
  unplaced: SessionSpec[];
}

/**
 * The best set of `k` non-adjacent candidate days: spread out, not next to a long day, and in race week
 * about three days before the race; earlier days win ties.
 */
function bestHardDays(
  candidates: string[],
  k: number,
  blocked: (d: string) => boolean,
  longs: string[],
  race: string | null,
): string[] | null {
  const ok = candidates.filter((d) => !blocked(d));
  let best: string[] | null = null;
  let bestScore = -Infinity;
  const pick = (from: number, chosen: string[]) => {
    if (chosen.length === k) {
      const gaps = chosen.slice(1).map((d, i) => daysBetween(chosen[i]!, d));
      const spread = gaps.length ? Math.min(3, ...gaps) : 3;
      const nearLong = chosen.filter((d) => longs.some((l) => Math.abs(daysBetween(d, l)) === 1)).length;
      const toRace = race ? chosen.reduce((sum, d) => sum + Math.abs(daysBetween(d, race) - 3), 0) : 0;
      const score = spread * 2 - nearLong * 3 - toRace * 2;
      if (score > bestScore) {
        bestScore = score;
        best = [...chosen];
      }
      return;
    }
    for (let i = from; i < ok.length; i++) {
      const d = ok[i]!;
      if (chosen.length && daysBetween(chosen[chosen.length - 1]!, d) < 2) continue;
      pick(i + 1, [...chosen, d]);
    }
  };
  pick(0, []);
  return best;
}

const floor5 = (minutes: number) => Math.floor(minutes / 5) * 5;

/** A hard session with no hard day left for it: the same time, easy (a brick becomes an easy ride). */
function easyVersion(s: SessionSpec): SessionSpec {
  const sport = s.sport === 'brick' ? 'bike' : s.sport;
  return { sport, role: 'easy', type: sport === 'swim' ? 'technique' : 'easy', minutes: floor5(s.minutes), work: 0 };
}

const sportsOf = (s: SessionSpec): string[] => (s.sport === 'brick' ? ['bike', 'run'] : [s.sport]);
const HARD_ORDER = { brick: 0, run: 1, bike: 2, swim: 3, strength: 4 } as const;

/**
 * Places sessions on the week's training days. `prevHard`/`prevLong`: the day before the week held a hard
 * or long session; `raceDate`: this week's race day; `eventDate`: the race, whatever week it is in (the
 * day before it is never hard). `perDay`: endurance sessions a day may hold (1; triathlon 2, of different
 * sports). `eveOpen`: the race's eve may take an easy session besides the shakeout (a race week tuned up
 * towards race-day form).
 */
export function layoutWeek(
  plan: DayPlan,
  sessions: SessionSpec[],
  opts: { prevHard: boolean; prevLong: boolean; raceDate: string | null; eventDate: string | null; perDay: number; eveOpen?: boolean },
): Layout {
  const { training, longDate } = plan;
  const byDate = new Map<string, Placed[]>(training.map((d) => [d, []]));
  const placed: Placed[] = [];
  const unplaced: SessionSpec[] = [];
  const endurance = (d: string) => byDate.get(d)!.filter((p) => p.spec.sport !== 'strength');
  const fits = (d: string, s: SessionSpec) => {
    const here = endurance(d);
    return here.length < opts.perDay && !here.some((p) => sportsOf(p.spec).some((x) => sportsOf(s).includes(x)));
  };
  const put = (d: string, spec: SessionSpec, madeEasy = false) => {
    const p: Placed = madeEasy ? { spec, date: d, madeEasy } : { spec, date: d };
    byDate.get(d)!.push(p);
    placed.push(p);
  };
  if (!training.length || !longDate) return { placed, hardDates: [], unplaced: [...sessions] };

  // Long sessions: the first on the long day, a second (a triathlete's long run) as near to it as possible.
  const longs = sessions.filter((s) => s.role === 'long');
  const longDates: string[] = [];
  for (const [i, s] of longs.entries()) {
    const near = [...training].sort((a, b) => Math.abs(daysBetween(longDate, a)) - Math.abs(daysBetween(longDate, b)) || (a < b ? 1 : -1));
    const d = i === 0 ? longDate : near.find((x) => !longDates.includes(x) && fits(x, s));
    if (d) {
      put(d, s);
      longDates.push(d);
    } else unplaced.push(s);
  }

  // Hard days: as many as the hard sessions need, never next to each other, the race or last week's hard day.
  const hard = sessions.filter((s) => s.role === 'hard' || s.role === 'opener').sort((a, b) => HARD_ORDER[a.sport] - HARD_ORDER[b.sport]);
  // The event day is hard even when it falls in the next week (a race week of one day).
  const fixedHard = [...(opts.prevHard ? [addDays(plan.dates[0]!, -1)] : []), ...(opts.eventDate ? [opts.eventDate] : [])];
  const blocked = (d: string) => fixedHard.some((f) => Math.abs(daysBetween(f, d)) <= 1);
  const candidates = training.filter((d) => !longDates.includes(d));
  let hardDates: string[] = [];
  const nearLongs = opts.prevLong ? [...longDates, addDays(plan.dates[0]!, -1)] : longDates;
  for (let k = Math.min(hard.length, candidates.length); k > 0; k--) {
    const chosen = bestHardDays(candidates, k, blocked, nearLongs, opts.raceDate);
    if (chosen) {
      hardDates = chosen;
      break;
    }
  }
  const easyLater: Placed[] = [];
  for (const s of hard) {
    const d = [...hardDates]
      .sort((a, b) => endurance(a).length - endurance(b).length || (a < b ? -1 : 1))
      .find((x) => fits(x, s) && (endurance(x).length === 0 || s.sport === 'swim' || endurance(x).some((p) => p.spec.sport === 'swim')));
    if (d) put(d, s);
    else easyLater.push({ spec: easyVersion(s), date: '', madeEasy: true });
  }

  // The shakeout goes on the race's eve; easy sessions on the emptiest days, away from hard and long days.
  const easy = [...easyLater.map((p) => p.spec), ...sessions.filter((s) => s.role === 'easy' || s.role === 'shakeout')];
  const madeEasy = new Set(easyLater.map((p) => p.spec));
  const eve = opts.raceDate ? addDays(opts.raceDate, -1) : null;
  for (const s of easy) {
    if (s.role === 'shakeout') {
      if (eve && byDate.has(eve) && fits(eve, s)) put(eve, s);
      continue;
    }
    // Spread out: a day whose neighbours already train costs a little more.
    const busy = (d: string) =>
      [addDays(d, -1), addDays(d, 1)].filter((n) => byDate.get(n)?.some((p) => p.spec.sport !== 'strength')).length;
    const cost = (d: string) =>
      endurance(d).length * 10 +
      (hardDates.includes(d) ? 3 : 0) +
      (longDates.includes(d) ? 2 : 0) +
      (d === eve && !opts.eveOpen ? 4 : 0) +
      busy(d);
    const d = training.filter((x) => fits(x, s)).sort((a, b) => cost(a) - cost(b) || (a < b ? -1 : 1))[0];
    if (d) put(d, s, madeEasy.has(s));
    else unplaced.push(s);
  }

  // Strength on days without hard work, one a day, spread out.
  for (const s of sessions.filter((x) => x.role === 'strength')) {
    const strengthDays = placed.filter((p) => p.spec.sport === 'strength').map((p) => p.date);
    const cost = (d: string) =>
      (longDates.includes(d) ? 5 : 0) + (d === eve ? 5 : 0) + strengthDays.filter((x) => Math.abs(daysBetween(x, d)) <= 1).length * 2;
    const d = training
      .filter((x) => !hardDates.includes(x) && !strengthDays.includes(x))
      .sort((a, b) => cost(a) - cost(b) || (a < b ? -1 : 1))[0];
    if (d) put(d, s);
    else unplaced.push(s);
  }
  placed.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { placed, hardDates: hardDates.filter((d) => byDate.get(d)!.some((p) => isHardSpec(p.spec))), unplaced };
}
