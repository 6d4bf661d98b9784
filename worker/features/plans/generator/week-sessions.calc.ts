// What one week holds: how many sessions of each sport, which are long, which are hard and how much
// hard work fits the 80/20 budget, and the easy sessions that fill the rest. Pure.

import type { GoalKind, WorkoutType } from '../plans.types';
import type { WeekFrame } from './periodization.calc';
import {
  BRICK_RUN_MIN,
  type EnduranceSport,
  GOALS,
  MINUTES_PER_SESSION,
  RACE_WEEK_EASY_MAX,
  SESSION_MIN,
  STRENGTH_MINUTES,
  STRENGTH_SESSIONS,
} from './plan-rules';
import { type HardPhase, sizedHardSessions } from './hard-sessions.calc';
import type { SessionSpec } from './workouts.calc';

export interface SportMix {
  sport: EnduranceSport;
  share: number;
}

export interface WeekSessionsInput {
  goal: GoalKind;
  frame: WeekFrame;
  /** Endurance minutes to plan (strength and the race come on top). */
  minutes: number;
  /** Days the athlete trains this week (the race day not counted). */
  trainingDays: number;
  mix: SportMix[];
  /** Longest long session this week may hold, by sport (progression, recovery and taper applied). */
  longLimit: Partial<Record<EnduranceSport, number>>;
  includeStrength: boolean;
  /** Share of the 20 % hard budget to use (the builder lowers it when rounding leaves the week short). */
  hardScale?: number;
  /** How much the taper's tuning towards race-day form grew the week (≥ 1): race-week sessions grow with it. */
  growth?: number;
}

/** Session lengths as a coach writes them: whole 5 minutes, rounded down so no cap is crossed. */
const floor5 = (minutes: number) => Math.floor(minutes / 5) * 5;

/** Sessions per sport: enough to carry the minutes, within the days (triathlon: 2–3 of each when days allow). */
function sessionCounts(input: WeekSessionsInput): Map<EnduranceSport, number> {
  const rules = GOALS[input.goal];
  const counts = new Map<EnduranceSport, number>();
  const days = input.trainingDays;
  if (rules.family === 'tri') {
    const target = rules.sessionsPerSport === 3 && days >= 5 ? 3 : 2;
    for (const { sport, share } of input.mix) {
      counts.set(sport, Math.min(target, Math.floor((input.minutes * share) / SESSION_MIN[sport])));
    }
    return counts;
  }
  // Race week: short sessions on every training day.
  const wanted = input.frame.raceWeek ? days : Math.ceil(input.minutes / MINUTES_PER_SESSION[rules.family]);
  const total = Math.min(days, Math.max(Math.min(3, days), wanted));
  let left = total;
  input.mix.forEach(({ sport, share }, i) => {
    const n = i === input.mix.length - 1 ? left : Math.max(1, Math.min(left - (input.mix.length - 1 - i), Math.round(total * share)));
    counts.set(sport, Math.max(0, n));
    left -= Math.max(0, n);
  });
  return counts;
}

/** Whether a session is (partly) in the sport: a brick is a ride and a run. */
const involves = (spec: SessionSpec, sport: EnduranceSport) =>
  spec.sport === sport || (spec.sport === 'brick' && (sport === 'bike' || sport === 'run'));

/** A brick's run is a third of its work (workouts.calc); the rest, with warm-up and spin-down, is riding. */
const brickRun = (spec: SessionSpec) => Math.max(BRICK_RUN_MIN, Math.round(spec.work / 3));
const minutesIn = (spec: SessionSpec, sport: EnduranceSport): number =>
  spec.sport !== 'brick'
    ? spec.sport === sport
      ? spec.minutes
      : 0
    : sport === 'run'
      ? brickRun(spec)
      : sport === 'bike'
        ? spec.minutes - brickRun(spec)
        : 0;

export interface WeekSessions {
  sessions: SessionSpec[];
  /** Hard sessions left out because the 80/20 budget or the sport's time could not hold them. */
  droppedHard: number;
}

/** No easy session to carry the sport's remaining time: the long session grows (within its caps), then the hard sessions' cool-downs. */
function extendSport(sessions: SessionSpec[], sport: EnduranceSport, long: SessionSpec | null, longCap: number, minutes: number): void {
  let left = minutes;
  if (long && left > 0) {
    const add = Math.min(left, floor5(longCap - long.minutes));
    if (add > 0) {
      long.minutes += add;
      left -= add;
    }
  }
  const hard = sessions.filter((s) => s.sport === sport && (s.role === 'hard' || s.role === 'opener'));
  for (const [i, s] of hard.entries()) {
    const add = floor5(left / (hard.length - i));
    s.extra = (s.extra ?? 0) + add;
    s.minutes += add;
    left -= add;
  }
}

/**
 * After the layout: a long session's share is of the sport's time as placed (a session that found no day,
 * or a brick made an easy ride, changes it). Shortens the long sessions in place.
 */
export function trimLongsToPlaced(goal: GoalKind, placed: SessionSpec[]): void {
  for (const long of placed.filter((s) => s.role === 'long')) {
    const sport = long.sport as EnduranceSport;
    const share = GOALS[goal].longShare[sport] ?? 0.3;
    let total = placed.reduce((sum, s) => sum + minutesIn(s, sport), 0);
    while (long.minutes > share * total && long.minutes > SESSION_MIN[sport]) {
      long.minutes -= 5;
      total -= 5;
    }
    if (long.minutes > share * total) Object.assign(long, { type: 'easy', role: 'easy' });
  }
}

/** The long session's share is of the sport's week as planned: move 5 minutes at a time to the easy sessions (or drop them). */
function keepLongShare(sessions: SessionSpec[], sport: EnduranceSport, long: SessionSpec | null, easy: SessionSpec[], share: number): void {
  if (!long) return;
  let planned = sessions.reduce((sum, s) => sum + minutesIn(s, sport), 0);
  while (long.minutes > share * planned && long.minutes > SESSION_MIN[sport]) {
    long.minutes -= 5;
    const shortest = [...easy].sort((a, b) => a.minutes - b.minutes)[0];
    if (shortest) shortest.minutes += 5;
    else planned -= 5;
  }
  if (long.minutes > share * planned) Object.assign(long, { type: 'easy', role: 'easy' });
}

export function weekSessions(input: WeekSessionsInput): WeekSessions {
  const { goal, frame } = input;
  const rules = GOALS[goal];
  const counts = sessionCounts(input);
  const main = input.mix[0]!.sport;
  const sportMinutes = new Map(input.mix.map(({ sport, share }) => [sport, input.minutes * share]));
  const longSports: EnduranceSport[] = rules.family === 'tri' ? ['bike', 'run'] : [main];
  const hasLong = !frame.raceWeek;

  // A race week tuned above its share (a fit athlete's form would rise past the window) keeps its sessions
  // short but less so: easy sessions and the shakeout grow with it.
  const growth = input.growth ?? 1;
  const phase: HardPhase | null = frame.raceWeek ? 'taper' : frame.phase === 'recovery' ? null : frame.phase;
  const { sessions, dropped } = sizedHardSessions({
    goal,
    frame,
    phase,
    main,
    counts,
    sportMinutes,
    weekMinutes: input.minutes,
    hardScale: input.hardScale ?? 1,
  });
  let droppedHard = dropped;
  const eveSport: EnduranceSport = rules.family === 'bike' ? 'bike' : 'run';
  if (frame.raceWeek && input.trainingDays > 0 && (sportMinutes.get(eveSport) ?? 0) >= 60) {
    const sport = eveSport;
    const minutes = floor5((sport === 'bike' ? 30 : 20) * growth);
    sessions.push({ sport, type: 'easy', role: 'shakeout', minutes, work: 0, strides: true });
  }

  const maxSessions = rules.family === 'tri' ? 2 * input.trainingDays : input.trainingDays;
  for (const { sport } of input.mix) {
    const total = sportMinutes.get(sport)!;
    const fixed = () => sessions.filter((s) => involves(s, sport));
    const fixedMinutes = () => fixed().reduce((sum, s) => sum + minutesIn(s, sport), 0);
    // The sport's hard sessions must leave room for its other sessions; drop the least important first.
    for (let last = fixed().findLast((s) => s.role !== 'shakeout'); last && fixedMinutes() > total * 0.6; ) {
      sessions.splice(sessions.indexOf(last), 1);
      droppedHard++;
      last = fixed().findLast((s) => s.role !== 'shakeout');
    }
    // A brick is one of the week's rides; its run comes on top of the week's runs.
    const own = fixed().filter((s) => s.sport === sport || (s.sport === 'brick' && sport === 'bike')).length;
    let n = (counts.get(sport) ?? 0) - own;
    let left = total - fixedMinutes();
    const longCap = Math.min(input.longLimit[sport] ?? Infinity, rules.longCap[sport] ?? Infinity, (rules.longShare[sport] ?? 0.3) * total);
    let long: SessionSpec | null = null;
    // A long session when the sport has another session this week (with two hard ones, a 3-day runner keeps the long run).
    if (hasLong && longSports.includes(sport) && n >= 1 && n + own >= 2 && floor5(Math.min(longCap, left)) >= SESSION_MIN[sport]) {
      long = { sport, type: 'long', role: 'long', minutes: floor5(Math.min(longCap, left)), work: 0 };
      sessions.push(long);
      left -= long.minutes;
      n--;
    }
    // Time left that no session carries: one more easy session while a day is free.
    const endurance = sessions.filter((s) => s.sport !== 'strength').length;
    if (n <= 0 && left >= SESSION_MIN[sport] && endurance < maxSessions) n = 1;
    while (n > 0 && left / n < SESSION_MIN[sport]) n--;
    const easyWeek = phase === 'base' || frame.phase === 'recovery' || frame.phase === 'taper';
    const easy: SessionSpec[] = [];
    // Whole 5 minutes, the remainder spread over the first sessions, so the week stays within 5 minutes of its target.
    const units = Math.floor(left / 5);
    for (let i = 0; i < n; i++) {
      const type: WorkoutType = sport === 'swim' && i === 0 && (easyWeek || n >= 2) ? 'technique' : 'easy';
      const strides = sport === 'run' && i === 0 && easyWeek && !frame.raceWeek;
      easy.push({ sport, type, role: 'easy', minutes: (Math.floor(units / n) + (i < units % n ? 1 : 0)) * 5, work: 0, strides });
    }
    // No easy session longer than the long one when the sport's hard sessions can take the excess as longer
    // cool-downs; in race week no easy session longer than a short outing (the excess is not planned).
    const hardOfSport = sessions.some((s) => s.sport === sport && s.role === 'hard');
    const easyMax = frame.raceWeek ? floor5(RACE_WEEK_EASY_MAX[sport] * growth) : hardOfSport ? (long?.minutes ?? Infinity) : Infinity;
    let excess = 0;
    for (const e of easy) {
      const over = Math.max(0, e.minutes - easyMax);
      e.minutes -= floor5(over);
      excess += floor5(over);
    }
    sessions.push(...easy);
    if (!easy.length) extendSport(sessions, sport, long, longCap, floor5(left));
    else if (excess > 0 && !frame.raceWeek) extendSport(sessions, sport, null, 0, excess);
    keepLongShare(sessions, sport, long, easy, rules.longShare[sport] ?? 0.3);
  }
  const strength = input.includeStrength && !frame.raceWeek ? STRENGTH_SESSIONS[frame.phase] : 0;
  for (let i = 0; i < strength; i++)
    sessions.push({ sport: 'strength', type: 'strength', role: 'strength', minutes: STRENGTH_MINUTES, work: 0 });
  return { sessions, droppedHard };
}
