// Issue 58's engine: one trigger in, the proposals it calls for out, each composed from the rule modules here
// (missed, hot week, readiness, targets, illness) and each with its reason and receipts. Pure: the service and the
// simulation run the same function. The race day, the two days before it and the taper are guarded last (ADR 103).
import { addDays } from '../../../lib/dates';
import { HARD_TYPES, type WorkoutType } from '../plans.types';
import type { AdaptState, AdaptStep, AdaptWorkout, Proposal, Trigger } from './adapt.types';
import { RACE_TSB } from '../generator/plan-rules';
import { inLastTaperWeek, inTaper, isProtected, PROTECTED_DAYS, weekEnd, weekIndexOf, weekLoad } from './frame.calc';
import { easeForReadiness, easeHotWeek } from './hot-week.calc';
import { healthSteps } from './illness.calc';
import { decideMissed, isKey } from './missed.calc';
import { taperForm } from './taper-form.calc';
import { targetAdvice } from './targets.calc';

export { applySteps, type Broken, checkInvariants, type PlanSnapshot } from './apply.calc';

/** Targets are lowered on the coming sessions of this many days; a threshold drop points at this many. */
export const RETARGET_DAYS = 14;
export const THRESHOLD_LOOK_DAYS = 7;
/** A threshold that fell more than this share gets a "check your next hard sessions" note. */
export const THRESHOLD_DROP = 0.05;
/** A shortened session kept below this share of its time is skipped instead. */
export const SHORTEN_FLOOR_PCT = -50;

const label = (t: WorkoutType) => t.replace('_', ' ');
const isHard = (w: AdaptWorkout) => HARD_TYPES.includes(w.type);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The proposals a trigger calls for; [] when it needs nothing. */
export function replan(state: AdaptState, trigger: Trigger): Proposal[] {
  const drafts = draft(state, trigger);
  return drafts.flatMap((p) => guard(state, p));
}

type Draft = Omit<Proposal, 'trigger'>;

function draft(state: AdaptState, t: Trigger): Proposal[] {
  const withTrigger = (d: Draft | null): Proposal[] => (d ? [{ trigger: t, ...d }] : []);
  switch (t.kind) {
    case 'missed':
      return withTrigger(missed(state, t.workoutId));
    case 'completed':
      return completed(state, t.workoutId).map((d) => ({ trigger: t, ...d }));
    case 'unplanned':
      return withTrigger(unplanned(state, t.activityId));
    case 'readiness':
      return withTrigger(readiness(state, t.day));
    case 'health':
      return withTrigger(health(state, t.noteId));
    case 'threshold':
      return withTrigger(threshold(state, t));
    case 'race_moved':
      if (t.from === t.to || t.to <= state.today) return [];
      return withTrigger({
        key: `race_moved:${t.to}`,
        steps: [{ kind: 'rebuild', eventDate: t.to }],
        reason: `Your race moved from ${t.from} to ${t.to}: the weeks from today are planned again for the new date, and the taper moves with it.`,
        receipts: [t.from, t.to],
        small: false,
      });
  }
}

/** The load of the week before `i`: done, or planned where not yet done; null in the plan's first week. */
const previousLoad = (state: AdaptState, i: number) => (i > 0 ? weekLoad(state.plan.weeks, i - 1, state.workouts, state.unplanned) : null);

/** Whether a health note (its days and its re-entry) still holds on `today`, and one that covered `date`. */
function healthHolds(state: AdaptState, date: string): string | null {
  for (const n of state.health) {
    const { until, reentryUntil } = healthSteps(n, [], state.today);
    if ((date >= n.from && date <= until) || (state.today >= n.from && state.today <= reentryUntil)) return n.kind;
  }
  return null;
}

function missed(state: AdaptState, workoutId: string): Draft | null {
  const w = state.workouts.find((x) => x.id === workoutId);
  if (!w || !(w.status === 'missed' || (w.status === 'planned' && w.date < state.today))) return null;
  // A missed easy session changes nothing and is not made up: nothing to say (a note for each would be noise).
  if (!isKey(w.type)) return null;
  const i = weekIndexOf(state.plan.weeks, w.date);
  if (i < 0) return null;
  const key = `missed:${w.id}`;
  const opening = `You missed your ${label(w.type)} session of ${w.date}.`;
  const ill = healthHolds(state, w.date);
  if (ill)
    return {
      key,
      steps: [],
      reason: `${opening} Not made up: you are coming back from ${ill === 'illness' ? 'an illness' : 'an injury'}, so the plan eases you back in instead.`,
      receipts: [w.id],
      small: false,
    };
  const week = state.plan.weeks[i]!;
  const end = weekEnd(state.plan.weeks, i);
  const decision = decideMissed(
    { ...w, status: 'missed' },
    {
      startDate: week.startDate,
      phase: week.phase,
      workouts: state.workouts.filter((x) => x.date >= week.startDate && x.date <= end),
      availableDays: state.plan.availableDays,
      previousWeekLoad: previousLoad(state, i),
      eventDate: state.plan.eventDate,
    },
    state.today,
  );
  if (decision.kind === 'drop') return { key, steps: [], reason: `${opening} ${decision.reason}`, receipts: [w.id], small: false };
  const steps: AdaptStep[] = [{ kind: 'move', workoutId: w.id, date: decision.to }];
  if (decision.replaces) steps.push({ kind: 'skip', workoutId: decision.replaces });
  return {
    key,
    steps,
    reason: `${opening} ${decision.reason}`,
    receipts: [w.id, ...(decision.replaces ? [decision.replaces] : [])],
    small: true,
  };
}

function completed(state: AdaptState, workoutId: string): Draft[] {
  const until = addDays(state.today, RETARGET_DAYS - 1);
  const out: Draft[] = [];
  for (const advice of targetAdvice(state.outcomes)) {
    if (!advice.receipts.includes(workoutId)) continue;
    const key = `completed:${workoutId}:${advice.kind}`;
    if (advice.kind === 'check_thresholds') {
      out.push({ key, steps: [], reason: advice.reason, receipts: advice.receipts, small: false });
      continue;
    }
    const coming = state.workouts.filter(
      (w) =>
        w.status === 'planned' &&
        w.type === advice.type &&
        w.date >= state.today &&
        w.date <= until &&
        !inLastTaperWeek(state.plan.weeks, w.date) &&
        !isProtected(state.plan.eventDate, w.date),
    );
    if (!coming.length) continue;
    out.push({
      key,
      steps: coming.map((w) => ({ kind: 'retarget', workoutId: w.id, percent: -advice.byPct })),
      reason: `${advice.reason} That is ${coming.length} session${coming.length > 1 ? 's' : ''} in the next ${RETARGET_DAYS} days.`,
      receipts: [...advice.receipts, ...coming.map((w) => w.id)],
      small: advice.byPct <= 5,
    });
  }
  const form = taperDraft(state, workoutId);
  if (form) out.push(form);
  return out;
}

/** In the taper, a session done is the moment to check race-day form from the fitness the athlete really has. */
function taperDraft(state: AdaptState, workoutId: string): Draft | null {
  const { eventDate, weeks } = state.plan;
  if (!state.fitness || !eventDate || !inTaper(weeks, state.today)) return null;
  const form = taperForm(state.fitness, state.today, eventDate, addDays(eventDate, -PROTECTED_DAYS - 1), state.workouts);
  if (!form) return null;
  return {
    key: `completed:${workoutId}:taper_form`,
    steps: form.workoutIds.map((id) => ({ kind: 'adjust', workoutId: id, percent: -form.percent })),
    reason: `From the training you have done, your form on race day would be ${form.projected} (TSB), below the +${RACE_TSB.low} to +${RACE_TSB.high} the taper aims at: your easy sessions until ${addDays(eventDate, -PROTECTED_DAYS - 1)} are ${form.percent} % shorter, for about ${form.after}.`,
    receipts: [workoutId, ...form.workoutIds],
    small: false,
  };
}

function unplanned(state: AdaptState, activityId: string): Draft | null {
  const a = state.unplanned.find((u) => u.activityId === activityId);
  if (!a) return null;
  const i = weekIndexOf(state.plan.weeks, a.date);
  if (i < 0) return null;
  const weeks = state.plan.weeks;
  const end = weekEnd(weeks, i);
  const inWeek = (d: string) => d >= weeks[i]!.startDate && d <= end;
  const done =
    state.workouts.filter((w) => inWeek(w.date) && w.status === 'completed').reduce((s, w) => s + w.load, 0) +
    state.unplanned.filter((u) => inWeek(u.date)).reduce((s, u) => s + u.load, 0);
  const left = state.workouts.filter((w) => inWeek(w.date) && w.status === 'planned' && w.date >= state.today);
  const prev = previousLoad(state, i);
  const eases = easeHotWeek(done, left, prev);
  if (!eases.length || prev === null) return null;
  const byId = new Map(left.map((w) => [w.id, w]));
  const steps: AdaptStep[] = [];
  const said: string[] = [];
  for (const e of eases) {
    const w = byId.get(e.workoutId)!;
    if (e.kind === 'make_easy') {
      steps.push({ kind: 'replace', workoutId: w.id, type: 'easy' });
      said.push(`your ${label(w.type)} session of ${w.date} is done easy, at the same time`);
      continue;
    }
    const percent = e.kind === 'shorten' ? Math.round((e.durationSec / w.durationSec - 1) * 100) : -100;
    if (percent < SHORTEN_FLOOR_PCT) {
      steps.push({ kind: 'skip', workoutId: w.id });
      said.push(`your easy session of ${w.date} is dropped`);
    } else {
      steps.push({ kind: 'adjust', workoutId: w.id, percent });
      said.push(`your easy session of ${w.date} is ${-percent} % shorter`);
    }
  }
  const cap = Math.round(prev * 1.1);
  return {
    key: `unplanned:${activityId}`,
    steps,
    reason: `Your unplanned session of ${a.date} (load ${Math.round(a.load)}) brought this week to ${Math.round(done)} so far; with the sessions left it would pass the ${cap} the week before allows (+10 %). So ${said.join(', and ')}.`,
    receipts: [activityId, ...steps.map((s) => ('workoutId' in s ? s.workoutId : ''))],
    small: false,
  };
}

/** `day`: the first low morning of the spell, its identity — one change per spell, however many mornings it lasts. */
function readiness(state: AdaptState, day: string): Draft | null {
  const from = state.today > day ? state.today : day;
  const until = addDays(from, 6);
  const left = state.workouts.filter((w) => w.status === 'planned' && w.date >= from && w.date <= until);
  const ease = easeForReadiness(state.mornings, left);
  if (!ease) return null;
  const w = left.find((x) => x.id === ease.workoutId)!;
  return {
    key: `readiness:${day}`,
    steps: [{ kind: 'replace', workoutId: w.id, type: 'easy' }],
    reason: `${ease.reason} That is your ${label(w.type)} session of ${w.date}.`,
    receipts: [day, w.id],
    small: false,
  };
}

function health(state: AdaptState, noteId: string): Draft | null {
  const note = state.health.find((n) => n.id === noteId);
  if (!note) return null;
  const answer = healthSteps(note, state.workouts, state.today);
  if (!answer.steps.length) return null;
  return {
    key: `health:${note.id}:${note.to ?? 'open'}`,
    steps: answer.steps,
    reason: answer.reason,
    receipts: answer.receipts,
    small: false,
  };
}

function threshold(state: AdaptState, t: Extract<Trigger, { kind: 'threshold' }>): Draft | null {
  if (!(t.from > 0) || !(t.to > 0) || t.from === t.to) return null;
  const change = (t.to - t.from) / t.from;
  const pct = `${change > 0 ? '+' : '−'}${round1(Math.abs(change) * 100)} %`;
  const head = `Your ${t.metric} threshold moved from ${round1(t.from)} to ${round1(t.to)} (${pct}) on ${t.day}. Your targets are fractions of it, so they follow on their own.`;
  const key = `threshold:${t.metric}:${t.day}`;
  if (change >= -THRESHOLD_DROP) return { key, steps: [], reason: head, receipts: [t.day], small: false };
  const until = addDays(state.today, THRESHOLD_LOOK_DAYS - 1);
  const hard = state.workouts.filter((w) => w.status === 'planned' && isHard(w) && w.date >= state.today && w.date <= until);
  const which = hard.length ? ` (${hard.map((w) => w.date).join(', ')})` : '';
  return {
    key,
    steps: [],
    reason: `${head} A drop of more than ${THRESHOLD_DROP * 100} % can be fatigue, illness or a poor test rather than lost fitness: check your hard sessions of the next ${THRESHOLD_LOOK_DAYS} days${which} feel right, and take them easy if not.`,
    receipts: [t.day, ...hard.map((w) => w.id)],
    small: false,
  };
}

/**
 * The last word: no step touches the past, a session already done, the race day or the two days before it, and
 * none raises load in the taper. A proposal whose move is refused goes whole (its skip made room for the move);
 * one left with no step goes too.
 */
function guard(state: AdaptState, p: Proposal): Proposal[] {
  if (!p.steps.length) return [p];
  const byId = new Map(state.workouts.map((w) => [w.id, w]));
  const { eventDate, weeks } = state.plan;
  const ok = (s: AdaptStep): boolean => {
    if (s.kind === 'rebuild') return true;
    const w = byId.get(s.workoutId);
    if (!w) return false;
    // A move takes a missed session from the past; every other step changes a planned one from today on.
    if (s.kind === 'move')
      return w.status !== 'completed' && s.date > state.today && !isProtected(eventDate, s.date) && !inTaper(weeks, s.date);
    if (w.status !== 'planned' || w.date < state.today || isProtected(eventDate, w.date)) return false;
    if (!inTaper(weeks, w.date)) return true;
    if (s.kind === 'adjust' || s.kind === 'retarget') return s.percent <= 0;
    if (s.kind === 'replace') return s.type === 'easy' || s.type === 'recovery' || s.type === 'rest';
    return true;
  };
  const kept = p.steps.filter(ok);
  if (!kept.length || p.steps.some((s) => s.kind === 'move' && !ok(s))) return [];
  return [{ ...p, steps: kept, receipts: [...new Set(p.receipts.filter(Boolean))] }];
}
