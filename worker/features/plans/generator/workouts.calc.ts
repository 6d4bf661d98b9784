// Workout templates: a session's sport, type and size become structured steps (warm-up, main set with
// repeat blocks, cool-down), a title, a description and a planned load. Pure.

import { type GoalKind, HARD_TYPES, type StepNode, type Target, type WorkoutType } from '../plans.types';
import {
  BRICK_MIN_WORK,
  BRICK_RUN_MIN,
  DESCRIPTION_MAX,
  type EnduranceSport,
  GOALS,
  OPENER_WARMUP,
  RACE_PACE,
  TITLE_MAX,
  TRI_LEG_SHARE,
  TRI_LEGS,
} from './plan-rules';
import { describeSteps, formatMinutes, type Part, paceTarget, repeat, rpeTarget, seg, tally, zoneTarget } from './steps.calc';

export type SessionSport = EnduranceSport | 'brick' | 'strength';
export type Role = 'long' | 'hard' | 'easy' | 'strength' | 'race' | 'opener' | 'shakeout';

/** A session before it is written out: easy-like sessions have `minutes`, hard ones `work` (main-set minutes). */
export interface SessionSpec {
  sport: SessionSport;
  type: WorkoutType;
  role: Role;
  minutes: number;
  work: number;
  strides?: boolean;
  /** Bricks: race-pace bike and run (peak, taper) instead of threshold bike and a Z3 run (build). */
  racePace?: boolean;
  /** Hard sessions: easy minutes added to the cool-down (the week's time its sport has no other session for). */
  extra?: number;
}

export interface BuiltSession {
  sport: SessionSport;
  type: WorkoutType;
  role: Role;
  title: string;
  description: string;
  steps: StepNode[];
  durationSec: number;
  distanceM: number | null;
  targetLoad: number;
  hardSec: number;
  intensity: Target | null;
}

const WORD = { run: 'run', bike: 'ride', swim: 'swim' } as const;
const WARMUP = { run: 15, bike: 15, swim: 8 } as const;
const COOLDOWN = { run: 10, bike: 10, swim: 5 } as const;

const PURPOSE: Record<WorkoutType, string> = {
  easy: 'Easy aerobic work at a conversational effort builds the base everything else stands on.',
  long: 'The long session builds endurance; keep it easy, the time on your feet or in the saddle is the point.',
  recovery: 'Very easy: blood flow, not training.',
  tempo: 'Comfortably hard, sustained work raises the effort you can hold without tipping into the red.',
  threshold: 'Work around threshold raises the effort you can hold for about an hour.',
  intervals: 'Short hard repeats sharpen speed and economy; jog or spin easy between them.',
  vo2max: 'Repeats near maximal aerobic power lift your ceiling; the last one should match the first.',
  race_pace: 'Race-pace work rehearses the race: the pace, the fuelling, the feel.',
  brick: 'Running straight off the bike teaches the legs the change and rehearses the transition.',
  technique: 'Drills for a better catch and body position: swim speed comes from technique first.',
  strength: 'Strength work means fewer injuries and better economy; controlled, never to failure.',
  rest: 'Rest: adaptation happens here.',
};

/** Repeats that fit `work` minutes: as many `rep`-minute efforts as fit, between 1 and `max`. */
const repsOf = (work: number, rep: number, max: number) => Math.max(1, Math.min(max, Math.floor(work / rep)));

/** The main set of a hard session; the zone and rep length follow the type and how much work fits. */
function mainSet(sport: EnduranceSport, type: WorkoutType, work: number, goal: GoalKind): { parts: Part[]; label: string } {
  const z = (zone: 1 | 2 | 3 | 4 | 5) => zoneTarget(sport, zone);
  const easy = z(1);
  const block = (rep: number, count: number, target: Target, rest: number, what: string) => ({
    parts: [repeat(count, [seg('work', rep, sport, target), seg('recovery', rest, sport, easy)])],
    label: `${count} × ${formatMinutes(rep)} ${what}`,
  });
  if (sport === 'swim') {
    if (type === 'race_pace') return block(4, repsOf(work, 4, 8), paceTarget('swim', RACE_PACE[goal].swim ?? 0.95), 1, 'at race pace');
    return block(2, repsOf(work, 2, 15), z(4), 0.5, 'at CSS (Z4)');
  }
  switch (type) {
    case 'tempo': {
      if (work <= 20) return { parts: [seg('work', work, sport, z(3))], label: `${formatMinutes(work)} at Z3` };
      const half = Math.floor(work / 2);
      return block(half, 2, z(3), sport === 'run' ? 3 : 5, 'at Z3');
    }
    case 'threshold': {
      const rep = sport === 'bike' ? (work >= 30 ? 10 : work >= 16 ? 8 : 5) : work >= 24 ? 8 : work >= 15 ? 5 : 3;
      return block(rep, repsOf(work, rep, 6), z(4), rep >= 8 ? (sport === 'bike' ? 5 : 2) : 1.5, 'at Z4');
    }
    case 'intervals':
      return block(3, repsOf(work, 3, 8), z(5), sport === 'bike' ? 3 : 2, 'at Z5');
    case 'vo2max': {
      const rep = work >= 8 ? 4 : 2;
      return block(rep, repsOf(work, rep, 6), z(5), sport === 'bike' ? 4 : 3, 'at Z5');
    }
    default: {
      // race_pace: blocks at the goal's race intensity, longer for longer races.
      const intensity = RACE_PACE[goal][sport] ?? 0.9;
      const long = goal === 'run_marathon' || goal === 'tri_70_3' || goal === 'tri_full' || goal === 'bike_event';
      const rep = sport === 'bike' ? (long ? 20 : 10) : goal === 'run_5k' ? 3 : goal === 'run_10k' ? 5 : long ? 15 : 10;
      const r = Math.min(rep, Math.max(2, work));
      return block(r, repsOf(work, r, 6), paceTarget(sport, intensity), r >= 10 ? 3 : 2, 'at race pace');
    }
  }
}

function easyParts(sport: EnduranceSport, type: WorkoutType, minutes: number, strides: boolean): Part[] {
  const zone = type === 'recovery' ? 1 : 2;
  if (sport === 'swim' && minutes >= 15) {
    const middle = minutes - 10;
    const drills = type === 'technique' ? Math.max(1, Math.floor((middle * 0.5) / 3)) : 0;
    return [
      seg('warmup', 5, 'swim', zoneTarget('swim', 2)),
      repeat(drills, [seg('steady', 2, 'swim', zoneTarget('swim', 1), 'drill'), seg('steady', 1, 'swim', zoneTarget('swim', 2), 'swim')]),
      seg('steady', middle - drills * 3, 'swim', zoneTarget('swim', 2), 'continuous, bilateral breathing'),
      seg('cooldown', 5, 'swim', zoneTarget('swim', 1)),
    ];
  }
  if (strides && sport !== 'swim' && minutes >= 20) {
    return [
      seg('steady', minutes - 6, sport, zoneTarget(sport, zone)),
      repeat(6, [seg('work', 1 / 3, sport, zoneTarget(sport, 5), 'stride'), seg('recovery', 2 / 3, sport, zoneTarget(sport, 1))]),
    ];
  }
  return [seg('steady', minutes, sport, zoneTarget(sport, zone))];
}

function strengthParts(minutes: number): Part[] {
  const circuit = Math.max(3, Math.floor((minutes - 9) / 3) - 1);
  return [
    seg('warmup', 5, 'strength', rpeTarget(2, 3), 'mobility and activation'),
    repeat(3, [
      seg('work', circuit, 'strength', rpeTarget(6, 7), 'squats, lunges, Romanian deadlifts, calf raises, planks'),
      seg('recovery', 1, 'strength', rpeTarget(1, 2)),
    ]),
    seg('cooldown', minutes - 5 - 3 * (circuit + 1), 'strength', rpeTarget(1, 2), 'stretch'),
  ];
}

function raceParts(goal: GoalKind): Part[] {
  const rules = GOALS[goal];
  const minutes = rules.race?.minutes ?? 60;
  const pace = RACE_PACE[goal];
  if (goal === 'tri_sprint' || goal === 'tri_olympic' || goal === 'tri_70_3' || goal === 'tri_full') {
    const legs = TRI_LEGS[goal];
    const leg = (sport: EnduranceSport) =>
      seg('steady', Math.round(minutes * TRI_LEG_SHARE[sport]), sport, paceTarget(sport, pace[sport]!));
    return [
      { ...leg('swim'), note: `Swim ${legs.swim}` },
      { ...leg('bike'), note: `Bike ${legs.bike}` },
      { ...leg('run'), note: `Run ${legs.run}` },
    ];
  }
  const sport: EnduranceSport = rules.family === 'bike' ? 'bike' : 'run';
  const warmup = goal === 'run_5k' || goal === 'run_10k' ? [seg('warmup', 12, sport, zoneTarget(sport, 2), 'with 4 strides')] : [];
  return [...warmup, seg('work', minutes, sport, paceTarget(sport, pace[sport] ?? 0.8), rules.race?.distanceM ? rules.label : 'race')];
}

function raceText(steps: StepNode[], goal: GoalKind): string {
  const legs = steps.flatMap((n) => (n.kind === 'repeat' ? [] : [n])).filter((s) => s.kind !== 'warmup');
  const parts = legs.map((s) => `${s.note ?? 'race'} (about ${formatMinutes((s.durationSec ?? 0) / 60)})`);
  return (
    `${parts.join(', ')}. The times are a typical age-group estimate for the ${GOALS[goal].label.toLowerCase()}: edit them to your own. ` +
    'Pace it evenly, fuel early, enjoy it.'
  );
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function hardTitle(sport: EnduranceSport, type: WorkoutType, label: string): string {
  const names: Partial<Record<WorkoutType, string>> = {
    tempo: `Tempo ${WORD[sport]}`,
    threshold: `Threshold ${WORD[sport]}`,
    intervals: `Intervals (${WORD[sport]})`,
    vo2max: `VO2max ${WORD[sport]}`,
    race_pace: `Race-pace ${WORD[sport]}`,
  };
  return `${sport === 'swim' ? 'CSS swim' : (names[type] ?? WORD[sport])}: ${label}`;
}

function easyName(sport: EnduranceSport, type: WorkoutType): string {
  if (type === 'long') return `Long ${WORD[sport]}`;
  if (type === 'technique') return sport === 'swim' ? 'Swim technique' : `Technique ${WORD[sport]}`;
  return `${sport === 'bike' ? 'Endurance' : type === 'recovery' ? 'Recovery' : 'Easy'} ${WORD[sport]}`;
}

/** A session's words for its steps: each step with its target, then what the type is for. */
export const describeSession = (sport: SessionSport | 'rest', type: WorkoutType, steps: StepNode[]): string =>
  clip(steps.length ? `${describeSteps(steps, sport === 'swim')}. ${PURPOSE[type]}` : PURPOSE[type], DESCRIPTION_MAX);

/**
 * A title naming the session and its whole length ("Recovery run 30 min", "Threshold ride 1 h 10 min"):
 * what a changed workout is called when its old title stated lengths it no longer has.
 */
export function sessionTitle(sport: SessionSport | 'rest', type: WorkoutType, minutes: number): string {
  const length = formatMinutes(minutes);
  if (sport === 'rest') return 'Rest day';
  if (sport === 'strength') return `Strength ${length}`;
  if (sport === 'brick') return `Brick ${length}`;
  const hard = hardTitle(sport, type, '').replace(/: $/, '');
  return `${HARD_TYPES.includes(type) ? hard : easyName(sport, type)} ${length}`;
}

/** Writes one session out: steps, title, description, duration and load. */
export function buildSession(spec: SessionSpec, goal: GoalKind, eventName: string | null = null): BuiltSession {
  let parts: Part[];
  let title: string;
  let distanceM: number | null = null;
  const sport = spec.sport;
  if (spec.role === 'race') {
    parts = raceParts(goal);
    title = `Race day: ${eventName?.trim() || GOALS[goal].label}`;
    distanceM = GOALS[goal].race?.distanceM ?? null;
  } else if (sport === 'strength') {
    parts = strengthParts(spec.minutes);
    title = `Strength ${formatMinutes(spec.minutes)}`;
  } else if (sport === 'brick' && spec.work < BRICK_MIN_WORK) {
    // An easy brick: the transition rehearsed without hard time (a week too short for a brick's sets).
    const ride = spec.minutes - BRICK_RUN_MIN;
    parts = [
      seg('steady', ride, 'bike', zoneTarget('bike', 2), 'bike'),
      seg('steady', BRICK_RUN_MIN, 'run', zoneTarget('run', 2), 'run off the bike, straight out of transition'),
    ];
    title = `Easy brick: ${formatMinutes(ride)} ride + ${formatMinutes(BRICK_RUN_MIN)} run off the bike`;
  } else if (sport === 'brick') {
    // Bike main set (threshold in build, race pace in peak and taper), then straight out onto the run.
    const run = Math.max(BRICK_RUN_MIN, Math.round(spec.work / 3));
    const bike = mainSet('bike', spec.racePace ? 'race_pace' : 'threshold', spec.work - run, goal);
    const runTarget = spec.racePace ? paceTarget('run', RACE_PACE[goal].run ?? 0.9) : zoneTarget('run', 3);
    parts = [
      seg('warmup', 10, 'bike', zoneTarget('bike', 2), 'bike'),
      ...bike.parts,
      seg('steady', 10, 'bike', zoneTarget('bike', 2), 'bike'),
      seg('work', run, 'run', runTarget, 'run off the bike, straight out of transition'),
    ];
    title = `Brick: ride with ${bike.label} + ${formatMinutes(run)} run off the bike`;
  } else if (spec.role === 'hard' || spec.role === 'opener') {
    const main = mainSet(sport, spec.type, spec.work, goal);
    parts = [
      // An opener is a few efforts in a short race week: a shorter warm-up keeps it inside 40 % of the sport's week.
      seg('warmup', spec.role === 'opener' ? OPENER_WARMUP : WARMUP[sport], sport, zoneTarget(sport, 2)),
      ...main.parts,
      seg('cooldown', COOLDOWN[sport] + (spec.extra ?? 0), sport, zoneTarget(sport, 2)),
    ];
    title = `${spec.role === 'opener' ? 'Race-week opener — ' : ''}${hardTitle(sport, spec.type, main.label)}`;
  } else {
    parts = easyParts(sport, spec.type, spec.minutes, spec.strides === true);
    const name = spec.role === 'shakeout' ? `Shakeout ${WORD[sport]}` : easyName(sport, spec.type);
    title = `${name} ${formatMinutes(spec.minutes)}${spec.strides && sport !== 'swim' ? ' with 6 strides' : ''}`;
  }
  const t = tally(parts);
  const structure = spec.role === 'race' ? raceText(t.steps, goal) : describeSession(sport, spec.type, t.steps);
  // The headline target: a hard session's work, else its longest step (an easy run's strides are not its intensity).
  const flat = t.steps.flatMap((n) => (n.kind === 'repeat' ? n.steps : [n]));
  const hard = spec.role === 'hard' || spec.role === 'opener' || spec.role === 'race';
  const main =
    (hard ? flat.find((s) => s.kind === 'work') : undefined) ?? [...flat].sort((a, b) => (b.durationSec ?? 0) - (a.durationSec ?? 0))[0];
  return {
    sport,
    type: spec.type,
    role: spec.role,
    title: clip(title, TITLE_MAX),
    description: clip(structure, DESCRIPTION_MAX),
    steps: t.steps,
    durationSec: t.durationSec,
    distanceM,
    targetLoad: t.load,
    hardSec: t.hardSec,
    intensity: main?.target ?? null,
  };
}

/** Minutes a session occupies; hard sessions are their warm-up, main set and cool-down. */
export const sessionMinutes = (spec: SessionSpec, goal: GoalKind): number => buildSession(spec, goal).durationSec / 60;
