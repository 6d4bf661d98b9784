// The week's hard sessions: which ones (by goal and phase) and how much work each holds, within the
// 80/20 budget (20 % of the week's minutes) and 40 % of its own sport's week. Pure.

import type { GoalKind, WorkoutType } from '../plans.types';
import type { WeekFrame } from './periodization.calc';
import {
  BRICK_EASY_RIDE,
  BRICK_EASY_RIDE_MIN,
  BRICK_RUN_MIN,
  BRICK_MIN_WORK,
  BRICK_RIDE_SHARE,
  type EnduranceSport,
  GOALS,
  HARD_SESSION_SHARE,
  HARD_SHARE_MAX,
  MAX_WORK,
  MIN_WORK,
  OPENER_WORK_MAX,
  OPENER_WORK_SHARE,
  TAPER_WORK_SHARE,
} from './plan-rules';
import { type SessionSpec, sessionMinutes } from './workouts.calc';

type HardSpec = { sport: EnduranceSport | 'brick'; type: WorkoutType; racePace?: boolean };
export type HardPhase = 'base' | 'build' | 'peak' | 'taper';
const h = (sport: HardSpec['sport'], type: WorkoutType, racePace = false): HardSpec => ({ sport, type, racePace });

/** Hard sessions by goal and phase, most important first (recovery weeks have none; their easy runs get strides). */
function hardSessions(goal: GoalKind, phase: HardPhase, main: EnduranceSport): HardSpec[] {
  const family = GOALS[goal].family;
  if (family === 'tri') {
    const table: Record<HardPhase, HardSpec[]> = {
      base: [h('bike', 'tempo'), h('run', 'tempo')],
      build: [h('brick', 'brick'), h('run', 'intervals'), h('swim', 'intervals')],
      peak: [h('brick', 'brick', true), h('run', 'race_pace'), h('swim', 'intervals')],
      taper: [h('brick', 'brick', true), h('swim', 'race_pace')],
    };
    return table[phase];
  }
  const short = goal === 'run_5k' || goal === 'run_10k';
  const second: Record<'build' | 'peak', WorkoutType[]> =
    family === 'bike'
      ? { build: ['threshold', 'vo2max'], peak: ['race_pace', 'threshold'] }
      : family === 'general'
        ? { build: ['threshold', 'intervals'], peak: ['threshold', 'intervals'] }
        : short
          ? { build: ['intervals', 'threshold'], peak: ['vo2max', 'race_pace'] }
          : goal === 'run_marathon'
            ? { build: ['threshold', 'race_pace'], peak: ['race_pace', 'threshold'] }
            : { build: ['threshold', 'intervals'], peak: ['race_pace', 'threshold'] };
  if (phase === 'base') return [h(main, 'tempo')];
  if (phase === 'taper') return [h(main, 'race_pace')];
  return second[phase].map((t) => h(main, t));
}

export interface HardInput {
  goal: GoalKind;
  frame: WeekFrame;
  phase: HardPhase | null;
  main: EnduranceSport;
  counts: Map<EnduranceSport, number>;
  sportMinutes: Map<EnduranceSport, number>;
  weekMinutes: number;
  hardScale: number;
}

/** The hard sessions sized to their budget, and how many were left out (too little budget or time). */
export function sizedHardSessions(input: HardInput): { sessions: SessionSpec[]; dropped: number } {
  const { goal, frame, phase, main, counts, sportMinutes } = input;
  const rules = GOALS[goal];
  // Hard sessions share 20 % of the week's minutes; taper and race-week sessions are shorter still.
  let hard = phase ? hardSessions(goal, phase, main) : [];
  if (frame.raceWeek) hard = [h(rules.family === 'run' ? 'run' : 'bike', 'race_pace')];
  hard = hard.filter((s) =>
    s.sport === 'brick' ? (counts.get('bike') ?? 0) > 0 && (counts.get('run') ?? 0) > 0 : (counts.get(s.sport) ?? 0) > 0,
  );
  const single = rules.family !== 'tri' ? (counts.get(main) ?? 0) : 0;
  if (rules.family !== 'tri') hard = hard.slice(0, Math.max(0, single <= 3 ? single - 1 : single - 2));
  const stridesHard = 2;
  const budget = HARD_SHARE_MAX * input.weekMinutes * input.hardScale - stridesHard;
  const scale = frame.raceWeek ? OPENER_WORK_SHARE : frame.phase === 'taper' ? TAPER_WORK_SHARE : 1;
  let dropped = 0;
  // The budget is shared evenly, except that a brick (the first of a triathlete's build, peak and taper weeks)
  // takes the work it needs to stay a brick first; the others share the rest, the least important left out
  // when that would leave them less than a hard session's minimum.
  let shares = hard.map(() => budget / hard.length);
  const brick = frame.raceWeek ? -1 : hard.findIndex((s) => s.sport === 'brick');
  if (brick >= 0 && budget / hard.length < BRICK_MIN_WORK && budget >= BRICK_MIN_WORK) {
    const others = hard.filter((_, i) => i !== brick);
    while (others.length && (budget - BRICK_MIN_WORK) / others.length < MIN_WORK) {
      others.pop();
      dropped++;
    }
    hard = [hard[brick]!, ...others];
    shares = [BRICK_MIN_WORK, ...others.map(() => (budget - BRICK_MIN_WORK) / others.length)];
  }
  const sessions: SessionSpec[] = [];
  for (const [i, spec] of hard.entries()) {
    const cap = frame.raceWeek ? Math.min(OPENER_WORK_MAX, MAX_WORK[spec.type] * scale) : MAX_WORK[spec.type] * scale;
    const work = Math.floor(Math.min(cap, shares[i]!));
    const s: SessionSpec = { sport: spec.sport, type: spec.type, role: frame.raceWeek ? 'opener' : 'hard', minutes: 0, work };
    if (spec.racePace) s.racePace = true;
    // A brick needs a bike set and a 10-minute run, its ride within 60 % of the week's riding. A week too short
    // for that still rehearses the change: an easy brick (an easy ride, then 10 minutes easy off the bike).
    const riding = sportMinutes.get('bike') ?? 0;
    const brickRide = (x: SessionSpec) => sessionMinutes(x, goal) - Math.max(BRICK_RUN_MIN, Math.round(x.work / 3));
    if (spec.sport === 'brick' && (work < BRICK_MIN_WORK || brickRide(s) > BRICK_RIDE_SHARE * riding)) {
      // Its ride at most half the week's riding (the bike's other sessions keep their room), 15 minutes at least.
      const ride = Math.min(BRICK_EASY_RIDE, Math.floor(riding / 10) * 5);
      if (ride >= BRICK_EASY_RIDE_MIN)
        sessions.push({ sport: 'brick', type: 'brick', role: 'hard', minutes: ride + BRICK_RUN_MIN, work: 0 });
      else dropped++;
      continue;
    }
    // One hard session takes at most 40 % of its sport's week (a triathlete's run week is short).
    const room = s.sport === 'brick' || s.sport === 'strength' ? Infinity : HARD_SESSION_SHARE * (sportMinutes.get(s.sport) ?? 0);
    s.minutes = sessionMinutes(s, goal);
    while (s.work >= MIN_WORK && s.minutes > room) {
      s.work -= 2;
      s.minutes = sessionMinutes(s, goal);
    }
    if (s.work < MIN_WORK) {
      dropped++;
      continue;
    }
    sessions.push(s);
  }
  return { sessions, dropped };
}
