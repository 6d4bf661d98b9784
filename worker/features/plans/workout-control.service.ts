// Full workout control (seed ADR-007 and issue 14): move, skip and restore, each applied under the plan's
// row lock, rate-limited per athlete per hour, written to the change log with the workouts before and
// after, and undoable from that log. Skip/restore are for everyone; the rest needs workout_control.
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { toEpochDay } from '../../lib/dates';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../lib/errors';
import type { MembershipService } from '../membership';
import type { Phase, WeekDraft } from './plans.types';
import { createPlansRepo, type ChangeRow, type PlanRow, type PlansRepo, type WorkoutRow } from './plans.repo';
import { matchRange } from './plan-matching';

/** Actions per athlete per hour (fixed windows on the hour). */
export const ACTION_LIMITS = { move: 10, edit: 20, add: 5, skip: 5 } as const;
type Bucket = keyof typeof ACTION_LIMITS;

export interface ChangeBy {
  athlete: { id: string; timeZone: string };
  actorId: string;
  source: 'athlete' | 'coach' | 'ai_proposal' | 'system';
  reason?: string | undefined;
  /**
   * Who pays for the change, when not the athlete: replaces the athlete's workout_control (Pro) check for
   * every action, skip included. A coach's change is the coaching org's Team feature (ADR 011, "Plans").
   */
  entitlement?: () => Promise<void>;
}

/** What the change log keeps of a workout: everything a change can alter. */
const STATE_KEYS = [
  'date',
  'sport',
  'type',
  'title',
  'description',
  'durationSec',
  'distanceM',
  'targetLoad',
  'intensity',
  'steps',
  'phase',
  'week',
  'skipped',
  'linkMode',
  'linkedActivityId',
] as const;
type WorkoutState = Pick<WorkoutRow, (typeof STATE_KEYS)[number]>;
type States = Record<string, WorkoutState | null>;
const stateOf = (w: WorkoutRow): WorkoutState => Object.fromEntries(STATE_KEYS.map((k) => [k, w[k]])) as WorkoutState;
// jsonb keeps keys in its own order: compare states with keys sorted at every level.
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v ?? null);
const same = (a: WorkoutState | null, b: WorkoutState | null) => canonical(a) === canonical(b);

const conflict = (message: string, reason: ErrorReason) => new AppError(ErrorCode.CONFLICT, message, { reason });

export function createWorkoutControl(deps: { db: Db; clock: Clock; membership: Pick<MembershipService, 'requireFeature'> }) {
  /** One action of `bucket` in this hour, or RATE_LIMITED with the seconds to the next hour. Inside the change's transaction. */
  async function take(r: PlansRepo, userId: string, bucket: Bucket) {
    const now = deps.clock.now().getTime();
    const windowStart = new Date(Math.floor(now / 3_600_000) * 3_600_000);
    if ((await r.takeAction(userId, bucket, windowStart, ACTION_LIMITS[bucket])) === null)
      throw new AppError(ErrorCode.RATE_LIMITED, `You can ${bucket} ${ACTION_LIMITS[bucket]} workouts an hour; try again shortly.`, {
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + 3_600_000 - now) / 1000)),
      });
  }

  /** Workouts of these dates that an activity completes (they are history, never rewritten). */
  async function completedAmong(r: PlansRepo, by: ChangeBy, planId: string, dates: string[]): Promise<Set<string>> {
    const sorted = [...new Set(dates)].sort();
    const { matches } = await matchRange(r, by.athlete, planId, sorted[0]!, sorted.at(-1)!);
    return new Set(matches.map((m) => m.workoutId));
  }

  /**
   * Runs one change: entitlement, plan active, rate limit, the change itself, the log row — all in one
   * transaction under the plan's row lock, so a refused change uses nothing and two never interleave.
   */
  async function change(
    by: ChangeBy,
    planId: string,
    action: string,
    bucket: Bucket,
    apply: (r: PlansRepo, plan: PlanRow) => Promise<{ before: States; after: States }>,
  ): Promise<ChangeRow> {
    if (by.entitlement) await by.entitlement();
    else if (bucket !== 'skip') await deps.membership.requireFeature(by.athlete.id, 'workout_control');
    return deps.db.transaction(async (tx) => {
      const r = createPlansRepo(tx);
      const plan = await r.lockPlan(by.athlete.id, planId);
      if (!plan) throw notFound('Plan');
      if (plan.status !== 'active')
        throw conflict(`This plan is ${plan.status}; only an active plan changes.`, ErrorReason.PLAN_NOT_ACTIVE);
      const { before, after } = await apply(r, plan);
      await take(r, by.athlete.id, bucket);
      return r.insertChange({
        planId,
        userId: by.athlete.id,
        actorId: by.actorId,
        source: by.source,
        action,
        before,
        after,
        reason: by.reason ?? null,
      });
    });
  }

  async function editable(r: PlansRepo, by: ChangeBy, planId: string, workoutId: string): Promise<WorkoutRow> {
    const [w] = await r.workouts(by.athlete.id, planId, [workoutId]);
    if (!w) throw notFound('Workout');
    if ((await completedAmong(r, by, planId, [w.date])).has(w.id))
      throw conflict('This workout is completed: its activity is recorded and it no longer changes.', ErrorReason.WORKOUT_COMPLETED);
    return w;
  }

  const now = () => deps.clock.now();

  return {
    /** Moves a workout to another day of the plan; its week and phase follow the day it lands on. */
    move: (by: ChangeBy, planId: string, workoutId: string, date: string) =>
      change(by, planId, 'move', 'move', async (r, plan) => {
        const w = await editable(r, by, planId, workoutId);
        if (date < plan.startDate || date > plan.endDate)
          throw new AppError(ErrorCode.VALIDATION, `Pick a day between ${plan.startDate} and ${plan.endDate}.`, {
            fields: [{ path: 'date', message: 'Outside the plan' }],
          });
        const week = Math.floor((toEpochDay(date) - toEpochDay(plan.startDate)) / 7) + 1;
        const phase = ((plan.weeks as WeekDraft[])[week - 1]?.phase ?? w.phase) as Phase;
        const moved = await r.updateWorkout(by.athlete.id, planId, w.id, { date, week, phase }, now());
        return { before: { [w.id]: stateOf(w) }, after: { [w.id]: stateOf(moved!) } };
      }),

    /** Skip (soft: restorable) or restore. */
    setSkipped: (by: ChangeBy, planId: string, workoutId: string, skipped: boolean) =>
      change(by, planId, skipped ? 'skip' : 'restore', 'skip', async (r) => {
        const w = await editable(r, by, planId, workoutId);
        if (w.skipped === skipped) throw conflict(skipped ? 'Already skipped.' : 'Not skipped.', ErrorReason.UNDO_CONFLICT);
        const next = await r.updateWorkout(by.athlete.id, planId, w.id, { skipped }, now());
        return { before: { [w.id]: stateOf(w) }, after: { [w.id]: stateOf(next!) } };
      }),

    changes: (userId: string, planId: string, limit = 50) => createPlansRepo(deps.db).changes(userId, planId, limit),

    /**
     * Undoes a change from the log: the workouts get back their state before it, provided they still
     * look as the change left them; otherwise the later change that touched them is named.
     */
    undo: async (by: ChangeBy, planId: string, changeId: string) => {
      const target = await createPlansRepo(deps.db).change(by.athlete.id, planId, changeId);
      if (!target) throw notFound('Change');
      if (target.undoneAt) throw conflict('That change is already undone.', ErrorReason.UNDO_CONFLICT);
      return change(by, planId, 'undo', target.action === 'skip' || target.action === 'restore' ? 'skip' : 'edit', async (r) => {
        const after = target.after as States;
        const before = target.before as States;
        const ids = Object.keys({ ...before, ...after });
        const current = new Map((await r.workouts(by.athlete.id, planId, ids)).map((w) => [w.id, w]));
        for (const id of ids) {
          const w = current.get(id);
          if (!same(w ? stateOf(w) : null, after[id] ?? null)) {
            // The newest change still in effect that touched it is the one to undo first.
            const later = (await r.changesSince(by.athlete.id, planId, target.createdAt))
              .filter((c) => c.id !== target.id && id in (c.after as States))
              .at(-1);
            throw conflict(
              later ? `A later change (${later.action}) touched this workout: undo that one first.` : 'This workout changed since.',
              ErrorReason.UNDO_CONFLICT,
            );
          }
        }
        const now_ = now();
        const restored: States = {};
        for (const id of ids) {
          const prior = before[id] ?? null;
          if (prior === null) await r.deleteWorkout(by.athlete.id, planId, id);
          restored[id] = prior === null ? null : stateOf((await r.updateWorkout(by.athlete.id, planId, id, prior, now_))!);
        }
        if (!(await r.markUndone(target.id, now_))) throw conflict('That change is already undone.', ErrorReason.UNDO_CONFLICT);
        return { before: after, after: restored };
      });
    },
  };
}

export type WorkoutControl = ReturnType<typeof createWorkoutControl>;
