// Week by week: the volume target, the sessions, their days, and the projected CTL. A week whose CTL
// ramp would pass its phase's cap (or any 7 days pass +5), or whose planned load would rise more than
// +10 % on the last loading week, is trimmed to the largest volume that keeps inside, and the next week
// grows from what was actually planned.

import { fitnessSeries } from '../../analytics';
import type { GoalKind, Phase } from '../plans.types';
import { taperShare, type WeekFrame } from './periodization.calc';
import {
  type EnduranceSport,
  GOALS,
  HARD_SHARE_MAX,
  LOAD_GROWTH_MAX,
  RAMP_CAP,
  RAMP_CAP_INTAKE,
  RAMP_MAX,
  TAPER_FILL_TRIES,
  TAPER_HOLD,
  TAPER_HOLD_MINUTES,
} from './plan-rules';
import { type DayPlan, isHardSpec, layoutWeek, trainingDays } from './week-layout.calc';
import { type LoadSettings, longLimits, type VolumeReason, type VolumeState, volumeTarget } from './week-load.calc';
import { type SportMix, trimLongsToPlaced, weekSessions } from './week-sessions.calc';
import { type BuiltSession, buildSession, type SessionSpec } from './workouts.calc';

export interface PlanContext {
  goal: GoalKind;
  eventName: string | null;
  raceDate: string | null;
  mix: SportMix[];
  available: ReadonlySet<number>;
  longDay: number;
  longest: Record<EnduranceSport, number>;
  settings: LoadSettings;
  seed: { ctl: number; atl: number };
}

export interface PlanState extends VolumeState {
  ctl: number;
  atl: number;
  /** End-of-day CTL of every plan day so far. */
  ctlHistory: number[];
  prevHard: boolean;
  /** The day before the next week holds a long session (no hard day right after it if avoidable). */
  prevLong: boolean;
  /** The last loading week's planned load and minutes: the next loading week adds at most LOAD_GROWTH_MAX to its load. */
  loadRef: number | null;
  loadRefMinutes: number;
}

export interface DayWorkout {
  date: string;
  spec: SessionSpec;
  session: BuiltSession;
  madeEasy: boolean;
}

export interface BuiltWeek {
  frame: WeekFrame;
  days: DayPlan;
  target: number;
  reason: VolumeReason;
  /** Endurance minutes planned (strength and the race not counted). */
  minutes: number;
  trimmedForRamp: boolean;
  /** Cut to keep planned load within +10 % of the last loading week's (loadRef), down to that week's time at most. */
  trimmedForLoad: boolean;
  /** False when keeping the load step would have left a shell of a week: it kept the last loading week's time instead. */
  loadKept: boolean;
  loadRef: number | null;
  workouts: DayWorkout[];
  hardDates: string[];
  hardShare: number;
  droppedHard: number;
  ctlStart: number;
  ctlEnd: number;
  rampCap: number;
  /** The taper's nudge towards race-day form (1 = as the rules say). */
  taperScale: number;
}

interface Attempt {
  workouts: DayWorkout[];
  hardDates: string[];
  minutes: number;
  hardShare: number;
  droppedHard: number;
  series: { ctl: number; atl: number }[];
  load: number;
}

const rampCapOf = (ctx: PlanContext, phase: Phase) => (ctx.settings.intake ? RAMP_CAP_INTAKE : RAMP_CAP)[phase];

function attempt(ctx: PlanContext, state: PlanState, frame: WeekFrame, days: DayPlan, minutes: number, taperScale: number): Attempt {
  const family = GOALS[ctx.goal].family;
  // How much the tuning grew this week's share (1 when it did not, or shrank it): race-week sessions grow with it.
  const growth = frame.taper ? Math.max(1, taperShare(frame.taper, taperScale) / frame.taper.volume) : 1;
  const longLimit = longLimits(state, frame, ctx.longest, ctx.settings.intake, taperScale);
  let best: Attempt | null = null;
  // The hard budget is 20 % of the target; rounding can leave the week shorter, so shrink it until it holds
  // (at zero the week is all easy but for strides).
  for (const hardScale of [1, 0.85, 0.7, 0.55, 0.4, 0.25, 0]) {
    const { sessions, droppedHard } = weekSessions({
      goal: ctx.goal,
      frame,
      minutes,
      trainingDays: days.training.length,
      mix: ctx.mix,
      longLimit,
      includeStrength: ctx.settings.includeStrength,
      hardScale,
      growth,
    });
    const raceDate = frame.raceWeek ? ctx.raceDate : null;
    const layout = layoutWeek(days, sessions, {
      prevHard: state.prevHard,
      prevLong: state.prevLong,
      raceDate,
      eventDate: ctx.raceDate,
      perDay: family === 'tri' ? 2 : 1,
      eveOpen: growth > 1,
    });
    trimLongsToPlaced(
      ctx.goal,
      layout.placed.map((p) => p.spec),
    );
    const workouts: DayWorkout[] = layout.placed.map((p) => ({
      date: p.date,
      spec: p.spec,
      session: buildSession(p.spec, ctx.goal),
      madeEasy: p.madeEasy === true,
    }));
    if (raceDate) {
      const spec: SessionSpec = {
        sport: family === 'tri' ? 'brick' : family === 'bike' ? 'bike' : 'run',
        type: 'race_pace',
        role: 'race',
        minutes: 0,
        work: 0,
      };
      workouts.push({ date: raceDate, spec, session: buildSession(spec, ctx.goal, ctx.eventName), madeEasy: false });
    }
    const training = workouts.filter((w) => w.spec.role !== 'race' && w.spec.sport !== 'strength');
    const sec = training.reduce((s, w) => s + w.session.durationSec, 0);
    const hardSec = training.reduce((s, w) => s + w.session.hardSec, 0);
    const loads = new Map<string, number>();
    for (const w of workouts) loads.set(w.date, (loads.get(w.date) ?? 0) + w.session.targetLoad);
    const series = fitnessSeries(loads, frame.startDate, frame.endDate, { ctl: state.ctl, atl: state.atl });
    const load = workouts.reduce((s, w) => s + w.session.targetLoad, 0);
    best = { workouts, hardDates: layout.hardDates, minutes: sec / 60, hardShare: sec ? hardSec / sec : 0, droppedHard, series, load };
    if (best.hardShare <= HARD_SHARE_MAX) break;
  }
  return best!;
}

/** Whether the week keeps every 7-day CTL gain ≤ +5 (the race day aside) and its own gain within the phase's cap. */
function rampHolds(ctx: PlanContext, state: PlanState, frame: WeekFrame, a: Attempt): boolean {
  const before = (i: number) => (i >= 0 ? state.ctlHistory[i]! : ctx.seed.ctl);
  const offset = state.ctlHistory.length;
  for (let i = 0; i < a.series.length; i++) {
    if (frame.raceWeek && i === a.series.length - 1) continue;
    if (a.series[i]!.ctl - before(offset + i - 7) > RAMP_MAX) return false;
  }
  if (frame.raceWeek || frame.days < 7) return true;
  return a.series.at(-1)!.ctl - before(offset + 6 - 7) <= rampCapOf(ctx, frame.phase);
}

const isLoading = (phase: Phase) => phase === 'base' || phase === 'build' || phase === 'peak';

/**
 * Planned load grows at most +10 % over the last loading week (after a recovery week: the week before it).
 * Time alone is not enough: build adds intensity, and a week back at week 1's level after a short one jumps.
 */
const loadHolds = (state: PlanState, frame: WeekFrame, a: Attempt): boolean =>
  !isLoading(frame.phase) || state.loadRef === null || a.load <= state.loadRef * (1 + LOAD_GROWTH_MAX) + 1e-9;
/**
 * The load step never shrinks a loading week below the last one's time, nor below the plan's floor (where
 * whole sessions with minimum lengths are the step): where those can't carry a new phase's work with +10 %
 * load, the week keeps that time instead of shrinking away (the old shrinking plans, ADR 016).
 */
const keptMinutes = (ctx: PlanContext, state: PlanState) => Math.max(state.loadRefMinutes, ctx.settings.startFloorHours * 60);
const sameTime = (ctx: PlanContext, state: PlanState, a: Attempt): boolean => a.minutes <= keptMinutes(ctx, state) + 1e-9;

export function initialState(ctx: PlanContext): PlanState {
  return {
    ctl: ctx.seed.ctl,
    atl: ctx.seed.atl,
    ctlHistory: [],
    prevHard: false,
    prevLong: false,
    loadRef: null,
    loadRefMinutes: 0,
    prevMinutes: null,
    prevPhase: null,
    preRecovery: null,
    peak: 0,
    loadingWeeks: 0,
    longRef: {},
  };
}

/** Builds one week from the state the weeks before left, and returns the state after it. */
export function buildWeek(ctx: PlanContext, state: PlanState, frame: WeekFrame, taperScale = 1): { week: BuiltWeek; next: PlanState } {
  const days = trainingDays(
    frame.startDate,
    frame.days,
    ctx.available,
    ctx.longDay,
    frame.raceWeek ? ctx.raceDate : null,
    GOALS[ctx.goal].family === 'tri',
  );
  const target = volumeTarget(ctx.settings, state, frame, taperScale);
  let chosen = attempt(ctx, state, frame, days, target.minutes, taperScale);
  // A taper week is held at its share of peak: when whole-5-minute sessions with minimum lengths leave it
  // short (a low-volume triathlete's week can lose a sport or its easy ride that way), its sessions are sized
  // from more (false position on what is asked), keeping the try nearest the target and not past its slack.
  if (frame.taper && !frame.raceWeek && state.peak > 0) {
    const off = (a: Attempt) => Math.abs(a.minutes - target.minutes);
    const slack = Math.max(TAPER_HOLD * state.peak, TAPER_HOLD_MINUTES);
    const over = target.minutes + slack;
    let lo = { ask: target.minutes, got: chosen.minutes };
    let hi: { ask: number; got: number } | null = null;
    for (let i = 0; i < TAPER_FILL_TRIES && off(chosen) > slack / 2; i++) {
      const ask: number = hi
        ? lo.ask + ((target.minutes - lo.got) * (hi.ask - lo.ask)) / Math.max(1, hi.got - lo.got)
        : (lo.ask * target.minutes) / Math.max(lo.got, target.minutes / 2);
      const a = attempt(ctx, state, frame, days, ask, taperScale);
      if (a.minutes > target.minutes) hi = { ask, got: a.minutes };
      else lo = { ask, got: a.minutes };
      if (off(a) < off(chosen) && a.minutes <= over) chosen = a;
    }
  }
  // The largest share of the target that keeps `holds` (bisection; zero volume always does).
  const largest = (holds: (a: Attempt) => boolean) => {
    let lo = 0;
    let hi = 1;
    let fallback = attempt(ctx, state, frame, days, 0, taperScale);
    for (let i = 0; i < 12; i++) {
      const mid = (lo + hi) / 2;
      const a = attempt(ctx, state, frame, days, target.minutes * mid, taperScale);
      if (holds(a)) {
        lo = mid;
        fallback = a;
      } else hi = mid;
    }
    return fallback;
  };
  const ramp = (a: Attempt) => rampHolds(ctx, state, frame, a);
  const trimmed = !ramp(chosen);
  if (trimmed) chosen = largest(ramp);
  // Then the load step: +10 % on the last loading week's load, but never by cutting the week below that
  // week's time (see sameTime): a week no longer than it keeps its load, and says so.
  let trimmedForLoad = false;
  let loadKept = true;
  if (!loadHolds(state, frame, chosen)) {
    if (sameTime(ctx, state, chosen)) loadKept = false;
    else {
      trimmedForLoad = true;
      const strict = largest((a) => ramp(a) && loadHolds(state, frame, a));
      chosen =
        strict.minutes >= keptMinutes(ctx, state) - 1e-9
          ? strict
          : largest((a) => ramp(a) && (loadHolds(state, frame, a) || sameTime(ctx, state, a)));
      if (chosen.minutes < strict.minutes) chosen = strict;
      loadKept = loadHolds(state, frame, chosen);
    }
  }

  const last = chosen.series.at(-1)!;
  const loading = isLoading(frame.phase);
  const lastDate = frame.endDate;
  const longRef = { ...state.longRef };
  if (loading) for (const w of chosen.workouts) if (w.spec.role === 'long') longRef[w.spec.sport as EnduranceSport] = w.spec.minutes;
  const next: PlanState = {
    ctl: last.ctl,
    atl: last.atl,
    ctlHistory: [...state.ctlHistory, ...chosen.series.map((d) => d.ctl)],
    prevHard: chosen.workouts.some((w) => w.date === lastDate && isHardSpec(w.spec)),
    prevLong: chosen.workouts.some((w) => w.date === lastDate && w.spec.role === 'long'),
    loadRef: loading ? chosen.load : state.loadRef,
    loadRefMinutes: loading ? chosen.minutes : state.loadRefMinutes,
    prevMinutes: chosen.minutes,
    prevPhase: frame.phase,
    preRecovery: loading ? chosen.minutes : state.preRecovery,
    peak: loading ? Math.max(state.peak, chosen.minutes) : state.peak,
    loadingWeeks: state.loadingWeeks + (frame.phase === 'base' || frame.phase === 'build' ? 1 : 0),
    longRef,
  };
  const week: BuiltWeek = {
    frame,
    days,
    target: target.minutes,
    reason: target.reason,
    minutes: chosen.minutes,
    trimmedForRamp: trimmed,
    trimmedForLoad,
    loadKept,
    loadRef: state.loadRef,
    workouts: chosen.workouts,
    hardDates: chosen.hardDates,
    hardShare: chosen.hardShare,
    droppedHard: chosen.droppedHard,
    ctlStart: state.ctl,
    ctlEnd: last.ctl,
    rampCap: rampCapOf(ctx, frame.phase),
    taperScale,
  };
  return { week, next };
}
