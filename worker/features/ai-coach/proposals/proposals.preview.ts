// A proposal before anything is written: its actions checked against the athlete's active plan (bounds,
// horizon, tier), the diff (the workouts as they are and as they would be, computed by workout control's
// own steps on copies) and the forecast (weekly planned load and projected form, before and after).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { addDays, toEpochDay, todayIn } from '../../../lib/dates';
import { AppError, ErrorCode, type ErrorReason } from '../../../lib/errors';
import type { Athlete, AnalyticsService } from '../../analytics';
import { type MembershipService, upgradePath } from '../../membership';
import { ACTION_LIMITS, createPlansRepo, projectFitness, STEP_BUCKET, type WorkoutControl, type WorkoutStep } from '../../plans';
import type { ProposalAction, ProposalView, WorkoutBrief } from '../coach.types';
import { HORIZON_DAYS } from './proposals.schema';

export interface PreviewDeps {
  db: Db;
  clock: Clock;
  analytics: Pick<AnalyticsService, 'fitness'>;
  membership: Pick<MembershipService, 'requireFeature'>;
  workoutControl: Pick<WorkoutControl, 'preview'>;
}

type Row = Awaited<ReturnType<WorkoutControl['preview']>>['changes'][number]['before'];

export interface PreviewOptions {
  /** What the change would be on Pro, to show a Free athlete (nothing is written from it). */
  asPro?: boolean;
}

/** A refusal the model can relay: 400 VALIDATION naming the field, with the refinement when there is one. */
const refuse = (path: string, message: string, reason?: ErrorReason) =>
  new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }], ...(reason ? { reason } : {}) });

/** What a proposal may do on every tier (the rest needs workout_control). */
export const FREE_ACTIONS = new Set<ProposalAction['kind']>(['skip', 'restore']);

export const toStep = (a: ProposalAction): WorkoutStep => {
  switch (a.kind) {
    case 'swap_days':
      return { kind: 'swap', workoutId: a.workoutId, otherWorkoutId: a.otherWorkoutId };
    case 'move':
      return { kind: 'move', workoutId: a.workoutId, date: a.date };
    case 'adjust_load':
      return { kind: 'adjust', workoutId: a.workoutId, percent: a.percent };
    case 'replace_workout':
      return { kind: 'replace', workoutId: a.workoutId, type: a.type as Extract<WorkoutStep, { kind: 'replace' }>['type'] };
    default:
      return { kind: a.kind, workoutId: a.workoutId };
  }
};

export const brief = (w: Row): WorkoutBrief => ({
  id: w.id,
  date: w.date,
  sport: w.sport,
  type: w.type,
  title: w.title,
  durationMin: Math.round(w.durationSec / 60),
  targetLoad: w.targetLoad,
  skipped: w.skipped,
});

const round1 = (n: number) => Math.round(n * 10) / 10;

export function createProposalPreview(deps: PreviewDeps) {
  /** Checks that need no database: one action per workout, the hourly limits, the tier. */
  async function checkShape(athleteId: string, actions: ProposalAction[], opts: PreviewOptions) {
    const seen = new Set<string>();
    for (const a of actions)
      for (const id of a.kind === 'swap_days' ? [a.workoutId, a.otherWorkoutId] : [a.workoutId]) {
        if (seen.has(id)) throw refuse('actions', `Workout ${id} appears in two actions: one action per workout.`);
        seen.add(id);
      }
    // A proposal never asks for more of a kind of change than the athlete may make in an hour.
    const buckets = new Map<string, number>();
    for (const a of actions) {
      const b = STEP_BUCKET[toStep(a).kind];
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
      if (buckets.get(b)! > ACTION_LIMITS[b]) throw refuse('actions', `At most ${ACTION_LIMITS[b]} ${b} actions at once.`);
    }
    if (!opts.asPro && actions.some((a) => !FREE_ACTIONS.has(a.kind)))
      await deps.membership.requireFeature(athleteId, 'workout_control').catch((err: unknown) => {
        if (!(err instanceof AppError)) throw err;
        throw new AppError(
          err.code,
          `Moving, swapping, scaling or replacing workouts is part of Pro (upgrade: ${upgradePath('workout_control')}); on this plan only skip and restore can be proposed.`,
          err.details,
        );
      });
  }

  /** Planned load of each affected week, and form (TSB: CTL − ATL) at the end of the last affected day. */
  async function forecast(a: Athlete, plan: { id: string; startDate: string }, changes: { before: Row; after: Row }[], today: string) {
    const days = changes.flatMap((c) => [c.before.date, c.after.date]).sort();
    const weekStart = (d: string) => addDays(plan.startDate, Math.floor((toEpochDay(d) - toEpochDay(plan.startDate)) / 7) * 7);
    const weeks = [...new Set(days.map(weekStart))].sort();
    const last = days.at(-1)!;
    const to = [addDays(weeks.at(-1)!, 6), last].sort().at(-1)!;
    const from = [weeks[0]!, today].sort()[0]!;
    const all = await createPlansRepo(deps.db).workoutsBetween(a.id, plan.id, from, to);
    const changed = new Map(changes.map((c) => [c.after.id, c.after]));
    const before = all.filter((w) => !w.skipped);
    const after = all.map((w) => changed.get(w.id) ?? w).filter((w) => !w.skipped);
    const load = (list: Row[], start: string) =>
      round1(list.filter((w) => w.date >= start && w.date <= addDays(start, 6)).reduce((s, w) => s + w.targetLoad, 0));
    // Form starts from yesterday's fitness as the data-use policy lets the coach see it, then the plan as planned from today.
    const f = await deps.analytics.fitness(a, 1, 'ai');
    const y = f.full.find((d) => d.date === addDays(today, -1));
    const seed = { ctl: y?.ctl ?? 0, atl: y?.atl ?? 0 };
    const form = (list: Row[]) => {
      if (last < today) return null;
      const end = projectFitness(
        seed,
        list.filter((w) => w.date >= today),
        today,
        last,
      ).at(-1)!;
      return round1(end.ctl - end.atl);
    };
    return {
      weeks: weeks.map((w) => ({ weekStart: w, loadBefore: load(before, w), loadAfter: load(after, w) })),
      formBefore: form(before),
      formAfter: form(after),
      lastDay: last,
    };
  }

  /**
   * The proposal as it would be: refused (400 VALIDATION, the reason said) unless every action fits the
   * active plan, the next HORIZON_DAYS days, the catalog and the athlete's tier (unless `asPro`).
   */
  return async function preview(a: Athlete, actions: ProposalAction[], opts: PreviewOptions = {}) {
    await checkShape(a.id, actions, opts);
    const plan = await createPlansRepo(deps.db).activePlan(a.id);
    if (!plan) throw refuse('actions', 'There is no active plan to change.');
    const today = todayIn(a.timeZone, deps.clock.now());
    const horizon = addDays(today, HORIZON_DAYS - 1);
    for (const x of actions)
      if (x.kind === 'move' && (x.date < today || x.date > horizon))
        throw refuse('date', `Only days from ${today} to ${horizon} can be proposed.`);
    const by = { athlete: a, actorId: a.id, source: 'ai_proposal' as const };
    const { changes } = await deps.workoutControl.preview(by, plan.id, actions.map(toStep)).catch((err: unknown) => {
      // Not in the plan, completed, already skipped…: said to the model as a refusal it can explain.
      if (err instanceof AppError && (err.code === ErrorCode.NOT_FOUND || err.code === ErrorCode.CONFLICT))
        throw refuse(
          'actions',
          err.code === ErrorCode.NOT_FOUND ? 'A workout named is not in the active plan.' : err.message,
          err.details?.reason,
        );
      throw err;
    });
    for (const c of changes)
      if (c.before.date < today || c.before.date > horizon)
        throw refuse('actions', `${c.before.title} (${c.before.date}) is outside the next ${HORIZON_DAYS} days (${today} to ${horizon}).`);
    const { lastDay, ...fc } = await forecast(a, plan, changes, today);
    const diff: ProposalView['diff'] = changes.map((c) => ({ workoutId: c.before.id, before: brief(c.before), after: brief(c.after) }));
    return { plan, today, diff, forecast: fc as ProposalView['forecast'], lastDay };
  };
}

export type ProposalPreview = ReturnType<typeof createProposalPreview>;
