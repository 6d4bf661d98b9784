// The training-plan generator: deterministic (same input, same plan; no clock, no randomness) and
// explainable (every week and workout says which rule put it there). Rules and sources: ADR 016.

import { fitnessSeries } from '../../analytics';
import type { FitnessInput, GeneratedPlan, GeneratorInput, GoalKind, ProjectionDay, WeekDraft, WorkoutDraft } from '../plans.types';
import { type BuiltWeek, buildWeek, initialState, type PlanContext, type PlanState } from './build-weeks';
import { planRules, type RaceForm, weekWhy, workoutWhy } from './explain';
import { alternativeTaper, type Periodization, periodize } from './periodization.calc';
import {
  type EnduranceSport,
  GOALS,
  MIN_START_HOURS,
  MIN_START_HOURS_TRI,
  RACE_TSB,
  TAPER_AIM_MARGIN,
  TAPER_TUNE,
  TAPER_TUNE_STEPS,
} from './plan-rules';
import type { SportMix } from './week-sessions.calc';

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Forward PMC from the athlete's current CTL/ATL over planned daily loads, from `startDate` to `endDate`
 * inclusive: analytics' own recurrence (fitnessSeries), seeded with today's fitness.
 */
export function projectFitness(
  seed: { ctl: number; atl: number },
  workouts: ReadonlyArray<Pick<WorkoutDraft, 'date' | 'targetLoad'>>,
  startDate: string,
  endDate: string,
): ProjectionDay[] {
  const loads = new Map<string, number>();
  for (const w of workouts) loads.set(w.date, (loads.get(w.date) ?? 0) + w.targetLoad);
  return fitnessSeries(loads, startDate, endDate, seed).map((d) => ({
    date: d.date,
    ctl: round2(d.ctl),
    atl: round2(d.atl),
    tsb: round2(d.tsb),
  }));
}

/** The plan's sports and their shares; general fitness follows the athlete's own mix (run when there is none). */
export function sportMix(goal: GoalKind, fitness: FitnessInput): SportMix[] {
  const share = GOALS[goal].sportShare;
  if (goal === 'general_fitness') {
    const total = fitness.weeklyHours.run + fitness.weeklyHours.bike;
    const mix = (['run', 'bike'] as const)
      .map((sport) => ({ sport, share: total > 0 ? fitness.weeklyHours[sport] / total : sport === 'run' ? 1 : 0 }))
      .filter((m) => m.share >= 0.25)
      .sort((a, b) => b.share - a.share);
    const sum = mix.reduce((s, m) => s + m.share, 0);
    return mix.map((m) => ({ sport: m.sport, share: m.share / sum }));
  }
  return (['bike', 'run', 'swim'] as const).filter((s) => share[s]).map((sport) => ({ sport, share: share[sport]! }));
}

interface Run {
  weeks: BuiltWeek[];
  state: PlanState;
}

function runWeeks(ctx: PlanContext, from: Run, frames: BuiltWeek['frame'][], taperScale: number): Run {
  let state = from.state;
  const weeks = [...from.weeks];
  for (const frame of frames) {
    const { week, next } = buildWeek(ctx, state, frame, taperScale);
    weeks.push(week);
    state = next;
  }
  return { weeks, state };
}

const allWorkouts = (weeks: BuiltWeek[]) =>
  weeks.flatMap((w) => w.workouts.map((x) => ({ date: x.date, targetLoad: x.session.targetLoad })));

interface Built {
  p: Periodization;
  run: Run;
  /** Race-day TSB (null without an event) and how far it lands outside +5…+15 (0 inside, or without an event). */
  tsb: number | null;
  miss: number;
  /** The later taper weeks' scale (1 = as the rules say). */
  scale: number;
  /** Outside the window with the taper at the end of its range that moves towards it (the window out of reach). */
  atLimit?: boolean;
}

/** The plan's weeks for one calendar: up to the taper, then the taper, its later weeks tuned towards race-day form. */
function build(input: GeneratorInput, p: Periodization): Built {
  const mix = sportMix(input.goal.kind, input.fitness);
  const available = new Set(input.availableDays.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6));
  // The long day is one of the available days; if it is not, the latest available weekday stands in.
  const longDay = available.has(input.longDay) || !available.size ? input.longDay : Math.max(...available);
  // Volume reaches the athlete's hours by the end of base; build and peak add intensity on top.
  const firstBuild = p.weeks.findIndex((w) => w.nominal !== 'base');
  const baseWeeks = (firstBuild < 0 ? p.weeks : p.weeks.slice(0, firstBuild)).filter((w) => w.phase === 'base').length;
  const seed = seedOf(input);
  const ctx: PlanContext = {
    goal: input.goal.kind,
    eventName: input.goal.eventName,
    raceDate: p.eventDate,
    mix,
    available,
    longDay,
    longest: input.fitness.longestMinutes as Record<EnduranceSport, number>,
    settings: {
      hoursPerWeek: input.hoursPerWeek,
      includeStrength: input.includeStrength,
      intake: input.fitness.source === 'intake',
      recentMinutes: recentMinutes(input, mix),
      baseWeeks,
      startFloorHours: GOALS[input.goal.kind].family === 'tri' ? MIN_START_HOURS_TRI : MIN_START_HOURS,
    },
    seed,
  };
  const taperAt = p.weeks.findIndex((w) => w.taper !== null);
  const untilTaper = runWeeks(ctx, { weeks: [], state: initialState(ctx) }, taperAt < 0 ? p.weeks : p.weeks.slice(0, taperAt), 1);
  if (!p.eventDate || taperAt < 0)
    return { p, run: taperAt < 0 ? untilTaper : runWeeks(ctx, untilTaper, p.weeks.slice(taperAt), 1), tsb: null, miss: 0, scale: 1 };
  const taper = p.weeks.slice(taperAt);
  const at = (scale: number): Built => {
    const run = runWeeks(ctx, untilTaper, taper, scale);
    const tsb = projectFitness(seed, allWorkouts(run.weeks), p.startDate, p.endDate).at(-1)!.tsb;
    return { p, run, tsb, scale, miss: tsb < RACE_TSB.low ? RACE_TSB.low - tsb : tsb > RACE_TSB.high ? tsb - RACE_TSB.high : 0 };
  };
  const nominal = at(1);
  if (nominal.miss === 0) return nominal;
  // Outside the window: the later taper weeks move towards it, the far end of their range first. When even
  // that lands on the same side, the window is out of this taper's reach: the plan keeps the taper the rules
  // allow nearest to it and says so (explain.ts, raceFormLine).
  const high = nominal.tsb! > RACE_TSB.high;
  const far = at(high ? TAPER_TUNE.max : TAPER_TUNE.min);
  if (far.miss > 0 && far.tsb! > RACE_TSB.high === high) return { ...far, atLimit: true };
  // The window lies between the two (race-day TSB falls as the taper's volume rises): false position,
  // aiming just inside the edge the plan came from, so the taper moves no more than it must.
  const aim = high ? RACE_TSB.high - TAPER_AIM_MARGIN : RACE_TSB.low + TAPER_AIM_MARGIN;
  let [a, b] = [nominal, far];
  let best = far.miss === 0 ? far : nominal;
  for (let i = 0; i < TAPER_TUNE_STEPS && a.tsb !== b.tsb; i++) {
    const guess = a.scale + ((aim - a.tsb!) * (b.scale - a.scale)) / (b.tsb! - a.tsb!);
    const next = at(Math.min(Math.max(guess, Math.min(a.scale, b.scale)), Math.max(a.scale, b.scale)));
    if (next.miss === 0) return next;
    if (next.miss < best.miss) best = next;
    if (next.tsb! > RACE_TSB.high === high) a = next;
    else b = next;
  }
  return best;
}

const seedOf = (input: GeneratorInput) => ({ ctl: Math.max(0, input.fitness.ctl), atl: Math.max(0, input.fitness.atl) });
const recentMinutes = (input: GeneratorInput, mix: SportMix[]) => mix.reduce((s, m) => s + input.fitness.weeklyHours[m.sport] * 60, 0);

export function generatePlan(input: GeneratorInput): GeneratedPlan {
  let chosen = build(input, periodize(input.goal, input.startDate, input.age));
  // Marathon and 70.3 tapers run 2–3 weeks: the shorter one when it lands race-day form nearer +5…+15.
  const alternative = alternativeTaper(input.goal.kind, chosen.p.weeks.length);
  if (alternative !== null && chosen.miss > 0) {
    const other = build(input, periodize(input.goal, input.startDate, input.age, alternative));
    if (other.miss < chosen.miss - 0.5) chosen = other;
  }
  const { p, run } = chosen;
  const seed = seedOf(input);
  const mix = sportMix(input.goal.kind, input.fitness);
  const projection = projectFitness(seed, allWorkouts(run.weeks), p.startDate, p.endDate);
  const raceDayTsb = p.eventDate ? round1(projection.find((d) => d.date === p.eventDate)!.tsb) : null;
  // Form on race day is the eve's fitness minus fatigue: CTL is read there too.
  const form: RaceForm | null =
    raceDayTsb === null ? null : { tsb: raceDayTsb, ctl: projection.at(-2)?.ctl ?? seed.ctl, atLimit: chosen.atLimit === true };
  const workouts: WorkoutDraft[] = [];
  const weeks: WeekDraft[] = run.weeks.map((w, i) => {
    for (const x of w.workouts) {
      workouts.push({
        date: x.date,
        sport: x.session.sport,
        type: x.session.type,
        title: x.session.title,
        description: x.session.description,
        durationSec: x.session.durationSec,
        distanceM: x.session.distanceM,
        targetLoad: x.session.targetLoad,
        intensity: x.session.intensity,
        steps: x.session.steps,
        phase: w.frame.phase,
        week: w.frame.week,
        why: workoutWhy(x, w, input, form),
      });
    }
    const sec = w.workouts.reduce((s, x) => s + x.session.durationSec, 0);
    return {
      week: w.frame.week,
      startDate: w.frame.startDate,
      phase: w.frame.phase,
      plannedLoad: round1(w.workouts.reduce((s, x) => s + x.session.targetLoad, 0)),
      plannedHours: round1(sec / 3600),
      why: weekWhy(w, run.weeks[i - 1] ?? null, input, p, recentMinutes(input, mix), form),
    };
  });
  return { startDate: p.startDate, endDate: p.endDate, weeks, workouts, projection, raceDayTsb, rules: planRules(input, p, form) };
}
