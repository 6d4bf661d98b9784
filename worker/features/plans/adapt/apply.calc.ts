// What a proposal's steps leave of the plan (for the simulation and the service's preview), and the invariants a
// proposal must keep (ADR 103): the ramp, no new side-by-side hard days, the taper never raised, every change with
// its reason and its trigger. Pure.
import { addDays } from '../../../lib/dates';
import { LOAD_GROWTH_MAX } from '../generator/plan-rules';
import { HARD_TYPES } from '../plans.types';
import type { AdaptPlan, AdaptStep, AdaptWorkout, Proposal } from './adapt.types';
import { carries, weekLoad } from './frame.calc';
import { EASY_SHARE } from './hot-week.calc';

const round1 = (x: number) => Math.round(x * 10) / 10;
const EPSILON = 0.5;

/**
 * The workouts as the steps leave them: a move changes the date (a missed session moved is planned again), a skip the status, an adjust scales time and load,
 * a replace by 'easy' keeps the time at easy effort (load × EASY_SHARE), a retarget is an intensity shift inside the
 * session (its load is left as planned). A rebuild is not applied here: it needs the generator (the caller's part).
 */
export function applySteps(workouts: readonly AdaptWorkout[], steps: readonly AdaptStep[]): AdaptWorkout[] {
  const out = workouts.map((w) => ({ ...w }));
  const byId = new Map(out.map((w) => [w.id, w]));
  for (const s of steps) {
    if (s.kind === 'rebuild') continue;
    const w = byId.get(s.workoutId);
    if (!w) continue;
    if (s.kind === 'move') {
      w.date = s.date;
      w.status = 'planned';
    } else if (s.kind === 'skip') w.status = 'skipped';
    else if (s.kind === 'adjust') {
      w.durationSec = Math.round(w.durationSec * (1 + s.percent / 100));
      w.load = round1(w.load * (1 + s.percent / 100));
    } else if (s.kind === 'replace') {
      if (s.type === 'easy' && w.type !== 'easy') w.load = round1(w.load * EASY_SHARE);
      w.type = s.type;
    }
  }
  return out;
}

/** The plan as the invariants read it: its weeks (phases) and its workouts. */
export interface PlanSnapshot {
  weeks: AdaptPlan['weeks'];
  workouts: readonly AdaptWorkout[];
}

export interface Broken {
  invariant: 'ramp' | 'stacked_hard' | 'taper_raised' | 'reason' | 'trigger';
  detail: string;
}

/**
 * A rebuild's weeks are the generator's: their ramp and taper are its own rules, held by its property tests (with
 * their stated exceptions), so the invariants read them from there. The first week that differs starts them.
 */
function rebuiltFrom(before: PlanSnapshot, after: PlanSnapshot & { proposals: readonly Proposal[] }): string | null {
  if (!after.proposals.some((p) => p.steps.some((s) => s.kind === 'rebuild'))) return null;
  const i = after.weeks.findIndex((w, k) => {
    const b = before.weeks[k];
    return !b || b.startDate !== w.startDate || b.phase !== w.phase || b.plannedLoad !== w.plannedLoad;
  });
  return i < 0 ? null : after.weeks[i]!.startDate;
}

/** Side-by-side days both holding a hard session that happened or is planned, with whether the athlete did both. */
function hardPairs(workouts: readonly AdaptWorkout[]): Map<string, boolean> {
  const days = new Map<string, boolean>();
  for (const w of workouts) {
    if (!carries(w) || !HARD_TYPES.includes(w.type)) continue;
    days.set(w.date, (days.get(w.date) ?? true) && w.status === 'completed');
  }
  const pairs = new Map<string, boolean>();
  for (const [day, done] of days) {
    const next = days.get(addDays(day, 1));
    if (next !== undefined) pairs.set(day, done && next);
  }
  return pairs;
}

/**
 * The invariants a set of applied proposals keeps, as the list of those broken ([] when all hold). `doneByAthlete`
 * is the athlete's unplanned training (it counts toward the weeks in both states). Ramp: a week the proposals raised
 * stays within the week before × 1.1 (a week already over, and not raised, was the athlete's or the plan's doing).
 * Hard days: no new side-by-side pair unless the athlete did both. Taper: a week that is taper before and after never
 * carries more. Every proposal has a trigger its key names, and a reason.
 */
export function checkInvariants(
  before: PlanSnapshot,
  after: PlanSnapshot & { proposals: readonly Proposal[] },
  doneByAthlete: readonly { date: string; load: number }[],
): Broken[] {
  const broken: Broken[] = [];
  const beforeLoad = new Map(before.weeks.map((w, i) => [w.startDate, weekLoad(before.weeks, i, before.workouts, doneByAthlete)]));
  const loads = after.weeks.map((_, i) => weekLoad(after.weeks, i, after.workouts, doneByAthlete));
  const from = rebuiltFrom(before, after);
  after.weeks.forEach((week, i) => {
    if (from !== null && week.startDate >= from) return;
    const now = loads[i]!;
    const was = beforeLoad.get(week.startDate);
    const raised = was === undefined ? now > EPSILON : now > was + EPSILON;
    if (i > 0 && raised && now > loads[i - 1]! * (1 + LOAD_GROWTH_MAX) + EPSILON)
      broken.push({ invariant: 'ramp', detail: `week of ${week.startDate}: ${round1(now)} > ${round1(loads[i - 1]!)} × 1.1` });
    const taperBefore = before.weeks.find((w) => w.startDate === week.startDate)?.phase === 'taper';
    if (week.phase === 'taper' && taperBefore && was !== undefined && now > was + EPSILON)
      broken.push({ invariant: 'taper_raised', detail: `taper week of ${week.startDate}: ${round1(was)} → ${round1(now)}` });
  });
  const pairsBefore = hardPairs(before.workouts);
  for (const [day, athletes] of hardPairs(after.workouts))
    if (!athletes && !pairsBefore.has(day)) broken.push({ invariant: 'stacked_hard', detail: `${day} and ${addDays(day, 1)}` });
  for (const p of after.proposals) {
    if (!p.trigger || !p.key.startsWith(`${p.trigger.kind}:`)) broken.push({ invariant: 'trigger', detail: p.key });
    if (!p.reason.trim()) broken.push({ invariant: 'reason', detail: p.key });
  }
  return broken;
}
