// A workout's shape — its sport, type and timed steps — and everything that follows from it: the duration
// (the steps' sum), the planned load (the generator's rule over the steps), the headline intensity, and the
// title and description, rewritten when they state lengths the workout no longer has. Edit, add, a week's
// adjustment and the AI coach's steps all come through here, so no change leaves a workout contradicting
// itself (ADR 017, "One workout, one story"). Pure.
import { buildSession, describeSession, formatMinutes, MIN_WORK, sessionTitle, stepsLoad } from '../generator';
import type { PlanRow, WorkoutRow } from '../plans.repo';
import {
  type GoalKind,
  HARD_TYPES,
  type Sport,
  type Step,
  type StepNode,
  type Target,
  type WorkoutDraft,
  type WorkoutType,
} from '../plans.types';
import { typeFits } from './workout-catalog';
import { invalid, same } from './workout-state';

/** What an edit or an add may set: a planned workout's own fields (the plan sets date, week and phase). */
export type WorkoutFields = Pick<
  WorkoutDraft,
  'sport' | 'type' | 'title' | 'description' | 'durationSec' | 'distanceM' | 'targetLoad' | 'intensity' | 'steps'
>;
export type WorkoutPatch = { [K in keyof WorkoutFields]?: WorkoutFields[K] | undefined };
export type NewWorkout = WorkoutPatch & Pick<WorkoutFields, 'sport' | 'type' | 'title' | 'durationSec'> & { date: string };
/** The plan a session is built for: its goal sets race pace, its event names race day. */
type PlanFor = Pick<PlanRow, 'goalKind' | 'eventName'>;

/** A saved workout's own fields, typed. */
export const fieldsOf = (w: WorkoutRow): WorkoutFields => ({
  sport: w.sport as Sport,
  type: w.type as WorkoutType,
  title: w.title,
  description: w.description,
  durationSec: w.durationSec,
  distanceM: w.distanceM,
  targetLoad: w.targetLoad,
  intensity: (w.intensity as Target | null) ?? null,
  steps: w.steps as StepNode[],
});

/** The shortest session a plan holds (the training page's form starts there too). */
export const MIN_SECONDS = 5 * 60;
const MIN_STEP = 5;
// A hard template's warm-up plus cool-down (workouts.calc.ts): the main set gets the rest of the length.
const HARD_OVERHEAD_MIN: Partial<Record<Sport, number>> = { run: 25, bike: 25, swim: 13, brick: 20 };
// A brick needs a bike set and a 10-minute run (the generator makes a smaller one a bike session).
const BRICK_MIN_WORK = 20;
// Title or description words that describe one particular shape: a length, a set of reps, a zone.
export const STATES_SHAPE = /\d\s*(?:h|min|s)\b|×|\bZ[1-5]\b/;
/** What follows from the steps: sent, each must hold afterwards. */
const FOLLOWING = ['durationSec', 'targetLoad', 'intensity'];
const LENGTH = /\b(?:\d+ h(?: \d+ min)?(?: \d+ s)?|\d+ min(?: \d+ s)?|\d+ s)\b/g;

export const stepSeconds = (nodes: StepNode[]): number =>
  nodes.reduce((s, n) => s + (n.kind === 'repeat' ? n.count * stepSeconds(n.steps) : (n.durationSec ?? 0)), 0);
const leaves = (nodes: StepNode[]): Step[] => nodes.flatMap((n) => (n.kind === 'repeat' ? n.steps : [n]));
const isHard = (type: WorkoutType) => HARD_TYPES.includes(type);
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** "a threshold run", "an easy ride", "a brick session". */
function label(sport: Sport, type: WorkoutType): string {
  const noun = sport === 'bike' ? 'ride' : sport === 'strength' || sport === 'brick' ? `${sport} session` : sport;
  const words = type === sport ? noun : `${type.replace('_', ' ')} ${noun}`;
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

/** "45 min", "1 h 10 min", "8 min 30 s", "20 s": as the generator writes a step's length. */
function lengthText(sec: number): string {
  if (sec < 60) return `${sec} s`;
  return sec % 60 ? `${formatMinutes(Math.floor(sec / 60))} ${sec % 60} s` : formatMinutes(sec / 60);
}
const parseLength = (text: string) => {
  const n = (unit: string) => Number(new RegExp(`(\\d+) ${unit}\\b`).exec(text)?.[1] ?? 0);
  return { sec: n('h') * 3600 + n('min') * 60 + n('s'), toMinute: !/\d+ s\b/.test(text) };
};

/** The headline target, as the generator picks it: a hard session's first work step, else its longest step. */
export function headline(type: WorkoutType, steps: StepNode[]): Target | null {
  const flat = leaves(steps);
  const main =
    (isHard(type) ? flat.find((s) => s.kind === 'work') : undefined) ??
    [...flat].sort((a, b) => (b.durationSec ?? 0) - (a.durationSec ?? 0))[0];
  return main?.target ?? null;
}

/** What follows from the steps alone. */
export const derived = (sport: Sport, type: WorkoutType, steps: StepNode[]) => ({
  durationSec: stepSeconds(steps),
  targetLoad: stepsLoad(steps, sport),
  intensity: headline(type, steps),
});

export function fitOrRefuse(type: WorkoutType, sport: Sport) {
  if (!typeFits(type, sport))
    throw invalid('type', `A${/^[aeiou]/.test(type) ? 'n' : ''} ${type.replace('_', ' ')} workout is not planned for ${sport}.`);
}

/** Steps an athlete writes are timed: the workout's duration and load are their sum, and a distance has no time. */
function timedOrRefuse(steps: StepNode[], field = 'steps') {
  steps.forEach((n, i) => {
    const inner = n.kind === 'repeat' ? n.steps.map((s, j) => [s, `${field}.${i}.steps.${j}`] as const) : [[n, `${field}.${i}`] as const];
    for (const [s, path] of inner)
      if (s.durationSec === null || s.durationSec < 1 || s.distanceM !== null)
        throw invalid(`${path}.durationSec`, 'A planned step is measured by its duration: the workout’s time and load are the steps’ sum.');
  });
}

/** A rest day: no steps, no time, no load. */
const restDay = (): WorkoutFields => ({
  sport: 'rest',
  type: 'rest',
  title: sessionTitle('rest', 'rest', 0),
  description: describeSession('rest', 'rest', []),
  steps: [],
  durationSec: 0,
  distanceM: null,
  targetLoad: 0,
  intensity: null,
});

/** `diff` seconds more (or fewer) on the longest easy top-level step, else the longest other one; null if none can take it. */
function fitTo(steps: StepNode[], sec: number): StepNode[] | null {
  const diff = sec - stepSeconds(steps);
  if (diff === 0) return steps;
  for (const kinds of [
    ['steady', 'cooldown', 'warmup'],
    ['recovery', 'work'],
  ]) {
    let best = -1;
    steps.forEach((n, i) => {
      if (n.kind === 'repeat' || !kinds.includes(n.kind) || (n.durationSec ?? 0) + diff < MIN_STEP) return;
      if (best < 0 || (n.durationSec ?? 0) > ((steps[best] as Step).durationSec ?? 0)) best = i;
    });
    if (best >= 0) return steps.map((n, i) => (i === best ? { ...(n as Step), durationSec: (n as Step).durationSec! + diff } : n));
  }
  return null;
}

/** Every step's length times `factor`, to 5 s (at least 5 s), as a week's adjustment always scaled them. */
export function scaleSteps(steps: StepNode[], factor: number): StepNode[] {
  const to5 = (v: number) => Math.max(MIN_STEP, Math.round((v * factor) / 5) * 5);
  const step = <T extends StepNode>(n: T): T =>
    n.kind === 'repeat'
      ? { ...n, steps: n.steps.map(step) }
      : {
          ...n,
          durationSec: n.durationSec === null ? null : to5(n.durationSec),
          distanceM: n.distanceM === null ? null : Math.max(10, Math.round((n.distanceM * factor) / 10) * 10),
        };
  return steps.map(step);
}

/**
 * The generator's session of `type` lasting exactly `sec`: its template, the cool-down (or last easy part)
 * taking up what the template leaves. A type that needs longer is refused, or with `atLeast` given its
 * shortest length.
 */
export function templateSession(plan: PlanFor, sport: Sport, type: WorkoutType, sec: number, atLeast = false): WorkoutFields {
  fitOrRefuse(type, sport);
  if (sport === 'rest') return restDay();
  if (sec < MIN_SECONDS) {
    if (!atLeast) throw invalid('durationSec', `A workout lasts at least ${formatMinutes(MIN_SECONDS / 60)}.`);
    sec = MIN_SECONDS;
  }
  const role = sport === 'strength' ? 'strength' : isHard(type) ? 'hard' : type === 'long' ? 'long' : 'easy';
  const floor = sport === 'brick' ? BRICK_MIN_WORK : MIN_WORK;
  const build = (work: number) =>
    buildSession({ sport, type, role, minutes: sec / 60, work, racePace: type === 'race_pace' }, plan.goalKind as GoalKind, plan.eventName);
  let work = Math.max(floor, Math.floor(sec / 60 - (HARD_OVERHEAD_MIN[sport] ?? 0)));
  let s = build(work);
  while (role === 'hard' && s.durationSec > sec && work > floor) s = build(--work);
  if (s.durationSec > sec) {
    if (!atLeast) throw invalid('durationSec', `${capitalized(label(sport, type))} needs at least ${lengthText(s.durationSec)}.`);
    return templateSession(plan, sport, type, s.durationSec);
  }
  const steps = fitTo(s.steps, sec) ?? [...s.steps, { kind: 'steady', durationSec: sec - s.durationSec, distanceM: null, target: null }];
  return {
    sport,
    type,
    title: s.title,
    description: describeSession(sport, type, steps),
    steps,
    distanceM: s.distanceM,
    ...derived(sport, type, steps),
  };
}

/** The main steps (those with the headline target; without one, the work and steady steps) take `target`. */
function retargeted(type: WorkoutType, steps: StepNode[], target: Target | null): StepNode[] {
  const old = headline(type, steps);
  let hit = false;
  const put = (s: Step): Step => {
    if (!(old !== null ? same(s.target, old) : s.kind === 'work' || s.kind === 'steady')) return s;
    hit = true;
    return { ...s, target };
  };
  const out = steps.map((n) => (n.kind === 'repeat' ? { ...n, steps: n.steps.map(put) } : put(n)));
  if (!hit || !same(headline(type, out), target))
    throw invalid('intensity', 'This workout has no main step to set the intensity on: send its steps with their targets.');
  return out;
}

/** The lengths `text` states, moved to the new steps (same structure): the total to the total, a step's to that step's. */
function restated(text: string, before: StepNode[], after: StepNode[]): string | null {
  const [was, now] = [leaves(before).map((s) => s.durationSec ?? 0), leaves(after).map((s) => s.durationSec ?? 0)];
  if (was.length !== now.length) return null;
  const [totalWas, totalNow] = [stepSeconds(before), stepSeconds(after)];
  let lost = false;
  const out = text.replace(LENGTH, (m) => {
    const { sec, toMinute } = parseLength(m);
    const is = (len: number) => (toMinute ? Math.round(len / 60) * 60 === sec : len === sec);
    if (is(totalWas)) return lengthText(totalNow);
    const moved = new Set(was.flatMap((len, i) => (is(len) ? [now[i]!] : [])));
    if (moved.size !== 1) lost = true;
    return moved.size === 1 ? lengthText([...moved][0]!) : m;
  });
  return lost ? null : out;
}

interface Words {
  title: string;
  description: string;
}

/**
 * The title and description after a change of shape: what the same change sends stays; words that state
 * no lengths (the athlete's own) stay; the plan's words for the old steps, and words stating lengths, get
 * the new lengths where the steps kept their structure, else the session's own words.
 */
function wordsAfter(
  was: WorkoutFields,
  next: Pick<WorkoutFields, 'sport' | 'type' | 'steps' | 'durationSec'>,
  sent: Partial<Words>,
  opts: { retyped: boolean; retargeted: boolean; fresh?: Words },
): Words {
  const fresh = opts.fresh ?? {
    title: sessionTitle(next.sport, next.type, next.durationSec / 60),
    description: describeSession(next.sport, next.type, next.steps),
  };
  const one = (field: keyof Words): string => {
    const old = was[field];
    if (sent[field] !== undefined) return sent[field]!;
    if (field === 'description' && old === describeSession(was.sport, was.type, was.steps)) return fresh.description;
    if (!STATES_SHAPE.test(old)) return old;
    if (opts.retyped || (opts.retargeted && /\bZ[1-5]\b/.test(old))) return fresh[field];
    return restated(old, was.steps, next.steps) ?? fresh[field];
  };
  return { title: one('title'), description: one('description') };
}

/** A distance a strength session or a rest day cannot have; a sport change leaves the old sport's behind. */
function distanceAfter(was: WorkoutFields, next: Pick<WorkoutFields, 'sport' | 'durationSec'>, sent: number | null | undefined) {
  if (sent !== undefined) {
    if (sent !== null && (next.sport === 'strength' || next.sport === 'rest'))
      throw invalid('distanceM', `A ${next.sport === 'rest' ? 'rest day' : 'strength session'} has no distance.`);
    return sent;
  }
  if (was.distanceM === null || next.sport !== was.sport || next.sport === 'strength' || next.sport === 'rest') return null;
  // The same pace over the new length.
  return was.durationSec > 0 ? Math.round((was.distanceM * next.durationSec) / was.durationSec / 10) * 10 : was.distanceM;
}

/**
 * What an edit writes. Fields sent as they are change nothing. New steps are the workout's (the duration,
 * if sent, must be their sum); a new type or sport is the plan's session of that type at the length sent
 * or the current one; a new duration alone stretches the steps; a new intensity moves the main steps'
 * target. Duration, load and intensity then follow from the steps; a load that doesn't is refused.
 */
export function editedShape(plan: PlanFor, w: WorkoutFields, raw: WorkoutPatch): WorkoutPatch {
  // Sent as they are, the workout's own fields change nothing (the page's form sends them all); a duration,
  // load or intensity sent is what the workout must have afterwards, whatever else changes.
  const p = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => v !== undefined && (FOLLOWING.includes(k) || !same(v, w[k as keyof WorkoutFields]))),
  ) as WorkoutPatch;
  if (!Object.keys(p).length) return raw;
  const [sport, type] = [p.sport ?? w.sport, p.type ?? w.type];
  fitOrRefuse(type, sport);
  const retyped = p.sport !== undefined || p.type !== undefined;
  const current = w.steps;
  let steps = current;
  let fresh: Words | undefined;
  if (p.steps !== undefined) {
    timedOrRefuse(p.steps);
    steps = p.steps;
    if (p.durationSec !== undefined && p.durationSec !== stepSeconds(steps))
      throw invalid('durationSec', `The steps add up to ${lengthText(stepSeconds(steps))}: send that duration, or leave it out.`);
  } else if (retyped) {
    const t = templateSession(plan, sport, type, p.durationSec ?? w.durationSec, p.durationSec === undefined);
    [steps, fresh] = [t.steps, { title: t.title, description: t.description }];
  } else if (p.durationSec !== undefined && p.durationSec !== stepSeconds(current)) {
    steps = stretched(plan, w, p.durationSec);
  }
  if (p.intensity !== undefined) {
    if (p.steps === undefined) steps = retargeted(type, steps, p.intensity);
    else if (!same(headline(type, steps), p.intensity))
      throw invalid('intensity', 'The intensity is the steps’ main target: set it on the steps you send.');
  }
  const shapeChanged = retyped || !same(steps, current);
  if (!shapeChanged) {
    // Words, distance or an unchanged shape's load: nothing else moves (an older workout without steps keeps its time).
    if (p.targetLoad !== undefined && p.targetLoad !== stepsLoad(current, sport)) throw loadFollows(stepsLoad(current, sport));
    return {
      ...(p.title === undefined ? {} : { title: p.title }),
      ...(p.description === undefined ? {} : { description: p.description }),
      ...(p.distanceM === undefined ? {} : { distanceM: distanceAfter(w, w, p.distanceM) }),
      ...(p.targetLoad === undefined ? {} : { targetLoad: p.targetLoad }),
    };
  }
  if (sport === 'rest') {
    if (steps.length || (p.durationSec ?? 0) > 0)
      throw invalid(p.steps ? 'steps' : 'durationSec', 'A rest day has no steps and no duration.');
  } else if (stepSeconds(steps) < MIN_SECONDS)
    throw invalid(p.steps ? 'steps' : 'durationSec', `A workout lasts at least ${formatMinutes(MIN_SECONDS / 60)}.`);
  const follows = derived(sport, type, steps);
  if (p.targetLoad !== undefined && p.targetLoad !== follows.targetLoad) throw loadFollows(follows.targetLoad);
  const next = { sport, type, steps, ...follows };
  const words = wordsAfter(
    w,
    next,
    { title: p.title, description: p.description },
    { retyped, retargeted: p.intensity !== undefined, fresh },
  );
  return { ...next, ...words, distanceM: distanceAfter(w, next, p.distanceM) };
}

const loadFollows = (load: number) =>
  invalid('targetLoad', `The load follows from the steps (${load}): change the duration, the steps or the intensity instead.`);

/** The current steps stretched to exactly `sec`; a workout without timed steps (an older add) gets the plan's session of its type. */
function stretched(plan: PlanFor, w: WorkoutFields, sec: number): StepNode[] {
  if (w.sport === 'rest') throw invalid('durationSec', 'A rest day has no duration.');
  if (sec < MIN_SECONDS) throw invalid('durationSec', `A workout lasts at least ${formatMinutes(MIN_SECONDS / 60)}.`);
  const total = stepSeconds(w.steps);
  if (!w.steps.length || total <= 0) return templateSession(plan, w.sport, w.type, sec).steps;
  timedOrRefuse(w.steps);
  const fitted = fitTo(scaleSteps(w.steps, sec / total), sec);
  if (!fitted) throw invalid('durationSec', `These steps don’t stretch to ${lengthText(sec)} exactly: send the steps with it.`);
  return fitted;
}

/** Scales a workout by (100 + percent) %: its steps to 5 s, its distance to 10 m; the duration is their sum. */
export function scaledShape(plan: PlanFor, w: WorkoutFields, percent: number): WorkoutPatch {
  const factor = (100 + percent) / 100;
  const steps =
    w.steps.length && stepSeconds(w.steps) > 0
      ? scaleSteps(w.steps, factor)
      : templateSession(plan, w.sport, w.type, Math.max(MIN_SECONDS, Math.round((w.durationSec * factor) / 60) * 60), true).steps;
  const next = { sport: w.sport, type: w.type, steps, ...derived(w.sport, w.type, steps) };
  return {
    ...next,
    ...wordsAfter(w, next, {}, { retyped: false, retargeted: false }),
    distanceM: w.distanceM === null ? null : Math.round((w.distanceM * factor) / 10) * 10,
  };
}

/** The plan's session of another type at about the workout's length (the AI coach's "make it a …"). */
export function replacedShape(plan: PlanFor, w: WorkoutFields, type: WorkoutType): WorkoutFields {
  if (type === w.type) throw invalid('type', `It already is a ${type} workout.`);
  return templateSession(plan, w.sport, type, Math.max(MIN_SECONDS, w.durationSec), true);
}

/**
 * A new workout: its steps as sent (the duration must be their sum) or the plan's session of its type at
 * that length; its title as sent, its description as sent or the session's words.
 */
export function newShape(plan: PlanFor, input: NewWorkout): WorkoutFields {
  fitOrRefuse(input.type, input.sport);
  let steps: StepNode[];
  if (input.sport === 'rest') {
    if (input.durationSec > 0 || input.steps?.length) throw invalid('durationSec', 'A rest day has no steps and no duration.');
    steps = [];
  } else if (input.steps?.length) {
    timedOrRefuse(input.steps);
    if (stepSeconds(input.steps) !== input.durationSec)
      throw invalid('durationSec', `The steps add up to ${lengthText(stepSeconds(input.steps))}: send that duration.`);
    if (input.durationSec < MIN_SECONDS) throw invalid('steps', `A workout lasts at least ${formatMinutes(MIN_SECONDS / 60)}.`);
    steps = input.steps;
  } else steps = templateSession(plan, input.sport, input.type, input.durationSec).steps;
  if (input.intensity !== undefined && !same(headline(input.type, steps), input.intensity)) {
    if (input.steps?.length) throw invalid('intensity', 'The intensity is the steps’ main target: set it on the steps you send.');
    steps = retargeted(input.type, steps, input.intensity);
  }
  const follows = derived(input.sport, input.type, steps);
  if (input.targetLoad !== undefined && input.targetLoad !== follows.targetLoad) throw loadFollows(follows.targetLoad);
  const was = { ...restDay(), sport: input.sport };
  return {
    sport: input.sport,
    type: input.type,
    title: input.title,
    description: input.description ?? describeSession(input.sport, input.type, steps),
    steps,
    ...follows,
    distanceM: distanceAfter(was, { sport: input.sport, durationSec: follows.durationSec }, input.distanceM ?? null),
  };
}
