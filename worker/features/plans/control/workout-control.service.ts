// Full workout control (ADR 017), its core: every change under the plan's row lock, rate-limited per athlete per hour,
// logged with the workouts before and after, undoable from that log; move, skip/restore/delete and a batch of steps
// here, the other actions in workout-edits.ts. Who may do what: workout-access.ts (the pages' locked controls read it).
import type { Db } from '../../../db/client';
import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { ErrorReason, notFound } from '../../../lib/errors';
import type { MembershipService } from '../../membership';
import { createPlansRepo, type PlanRow, type PlansRepo, type WorkoutRow } from '../plans.repo';
import { type DataUse, fixedPolicy, type PolicyRef } from '../../activities';
import { takeHourly } from '../../allowances';
import { thresholdsInEffect } from '../../analytics';
import { matchRange } from '../plan-matching';
import { STATUS_ACTIONS, planStatus } from './plan-status';
import {
  ACTION_LIMITS,
  type Bucket,
  bucketFeature,
  type ChangeBy,
  FREE_ACTIONS,
  WORKOUT_ACTIONS,
  type WorkoutAction,
} from './workout-access';
import { type AddWorkout, insertMany, newRow, workoutEdits } from './workout-edits';
import { asLogged, completedError, conflict, linkOnly, same, skipOnly, stateOf, type States } from './workout-state';
import { STEP_BUCKET, stepThrough, stepWorkoutIds, type WorkoutStep } from './workout-steps';
import { type Changed, checkAfter } from './edit-checks';
import type { Slot } from '../plans.types';

export { ACTION_LIMITS, type Bucket, type ChangeBy } from './workout-access';

const datesOf = (rows: WorkoutRow[]) => rows.map((w) => w.date);
type BatchOptions = { action?: string; within?: Executor; unmetered?: boolean };
type Apply = (r: PlansRepo, plan: PlanRow) => Promise<{ before: States; after: States }>;

export function createWorkoutControl(deps: {
  db: Db;
  clock: Clock;
  membership: Pick<MembershipService, 'requireFeature'>;
  policy?: PolicyRef;
  /** Told after a change commits (copies elsewhere follow it: Garmin, ADR 057); never fails the change. */
  afterChange?: (userId: string) => Promise<void>;
}) {
  // Plan matching combines activities with the plan: what analytics may read (the unit of work's data policy).
  const matchSources = async () => (await (deps.policy ?? fixedPolicy())()).sourcesFor('analytics');
  /** One action of `bucket` in this hour, or RATE_LIMITED with the seconds to the next hour. Inside the change's transaction. */
  const take = (tx: Executor, userId: string, bucket: Bucket) =>
    takeHourly(tx, {
      userId,
      bucket,
      limit: ACTION_LIMITS[bucket],
      now: deps.clock.now(),
      refusal: `You can ${bucket} ${ACTION_LIMITS[bucket]} workouts an hour; try again shortly.`,
    });

  /** The athlete's thresholds on a day (a structured workout's totals follow them), as `use`'s eyes may see them. */
  const thresholds = async (userId: string, day: string, use: DataUse = 'owner') =>
    thresholdsInEffect(deps.db, userId, day, use === 'owner' ? undefined : (await (deps.policy ?? fixedPolicy())()).sourcesFor(use));

  /** Workouts of these dates that an activity completes (they are history, never rewritten). */
  async function completedAmong(r: PlansRepo, by: ChangeBy, planId: string, dates: string[]): Promise<Set<string>> {
    const sorted = [...new Set(dates)].sort();
    const { matches } = await matchRange(r, by.athlete, planId, sorted[0]!, sorted.at(-1)!, await matchSources());
    return new Set(matches.map((m) => m.workoutId));
  }

  /**
   * Runs one change: entitlement, plan active, rate limit, the change itself, the log row — all in one
   * transaction under the plan's row lock, so a refused change uses nothing and two never interleave.
   * A batch takes one unit of each step's bucket: it is the athlete's own actions, so whoever proposed it
   * (the AI coach) cannot multiply how much a plan changes in an hour. `within` runs it inside the
   * caller's transaction (a savepoint: a failure rolls back the change alone, the caller's writes stay).
   */
  async function run(
    by: ChangeBy,
    planId: string,
    action: string,
    buckets: Bucket[],
    apply: Apply,
    within?: Executor,
    unmetered = false, // the plan's own adaptive change (issue 58): decided once, bounded by its trigger
  ): Promise<Changed> {
    if (by.entitlement) await by.entitlement();
    else
      for (const feature of new Set(buckets.map(bucketFeature))) if (feature) await deps.membership.requireFeature(by.athlete.id, feature);
    const done = await (within ?? deps.db).transaction(async (tx) => {
      const r = createPlansRepo(tx);
      const plan = await r.lockPlan(by.athlete.id, planId);
      if (!plan) throw notFound('Plan');
      if (plan.status !== 'active')
        throw conflict(`This plan is ${plan.status}; only an active plan changes.`, ErrorReason.PLAN_NOT_ACTIVE);
      const { before, after } = await apply(r, plan);
      // Slots that clash refuse it; a hand edit that stacks hard days or jumps the load is made, and warned (ADR 104).
      const warnings = await checkAfter(r, by, plan, action, { before, after }, (d) => completedAmong(r, by, planId, d), now());
      if (!unmetered) for (const bucket of buckets) await take(tx, by.athlete.id, bucket);
      const row = await r.insertChange({
        planId,
        userId: by.athlete.id,
        actorId: by.actorId,
        source: by.source,
        action,
        before,
        after,
        reason: by.reason ?? null,
      });
      return warnings ? { ...row, warnings } : row;
    });
    await deps.afterChange?.(by.athlete.id);
    return done;
  }
  /** One action of the table: its bucket (and so its entitlement) is the table's, never the caller's. */
  const change = (by: ChangeBy, planId: string, action: WorkoutAction, apply: Apply): Promise<Changed> =>
    run(by, planId, action, [WORKOUT_ACTIONS[action]], apply);

  /** The workouts the steps name, none completed, and the merged patch of each one they change. */
  async function planSteps(r: PlansRepo, by: ChangeBy, plan: PlanRow, steps: WorkoutStep[]) {
    const ids = [...new Set(steps.flatMap(stepWorkoutIds))];
    const rows = await r.workouts(by.athlete.id, plan.id, ids);
    if (rows.length !== ids.length) throw notFound('Workout');
    const completed = await completedAmong(r, by, plan.id, datesOf(rows));
    if (rows.some((w) => completed.has(w.id))) throw completedError();
    return { rows, patches: stepThrough(plan, new Map(rows.map((w) => [w.id, w])), steps) };
  }

  /** Runs the steps and says what they changed, keyed by workout. */
  async function applySteps(r: PlansRepo, by: ChangeBy, plan: PlanRow, steps: WorkoutStep[]) {
    const { rows, patches } = await planSteps(r, by, plan, steps);
    const before: States = {};
    const after: States = {};
    for (const w of rows) {
      const patch = patches.get(w.id);
      if (!patch) continue;
      before[w.id] = stateOf(w);
      after[w.id] = stateOf((await r.updateWorkout(by.athlete.id, plan.id, w.id, patch, now()))!);
    }
    return { before, after };
  }
  async function editable(r: PlansRepo, by: ChangeBy, planId: string, workoutId: string): Promise<WorkoutRow> {
    const [w] = await r.workouts(by.athlete.id, planId, [workoutId]);
    if (!w) throw notFound('Workout');
    if ((await completedAmong(r, by, planId, [w.date])).has(w.id)) throw completedError();
    return w;
  }
  const now = () => deps.clock.now();

  return {
    /** Moves a workout to another day of the plan; its week and phase follow the day. `slot` sent: its AM/PM there too. */
    move: (by: ChangeBy, planId: string, workoutId: string, date: string, slot?: Slot | null) =>
      change(by, planId, 'move', (r, plan) =>
        applySteps(r, by, plan, [{ kind: 'move', workoutId, date, ...(slot === undefined ? {} : { slot }) }]),
      ),

    /** Skip (soft: restorable) or restore; `delete` is the athlete's "remove": the same soft skip under its own name. */
    setSkipped: (
      by: ChangeBy,
      planId: string,
      workoutId: string,
      skipped: boolean,
      action: 'skip' | 'restore' | 'delete' = skipped ? 'skip' : 'restore',
    ) => change(by, planId, action, (r, plan) => applySteps(r, by, plan, [{ kind: skipped ? 'skip' : 'restore', workoutId }])),

    /**
     * Several steps as ONE change (a confirmed AI proposal): one transaction under the plan's lock, all or
     * nothing, one log row with every workout before and after, so one undo reverts all of it.
     */
    applyBatch: (by: ChangeBy, planId: string, steps: WorkoutStep[], opts: BatchOptions = {}) =>
      run(
        by,
        planId,
        opts.action ?? 'batch',
        steps.map((s) => STEP_BUCKET[s.kind]),
        (r, plan) => applySteps(r, by, plan, steps),
        opts.within,
        opts.unmetered,
      ),

    /**
     * New workouts as ONE change (a coach's template put on a client): one transaction under the plan's
     * lock, one log row, so one undo removes the block. It takes one unit of `add`: the block is one act.
     * `within` runs it inside the caller's transaction (the template's application row, ADR 058).
     */
    addBlock: (by: ChangeBy, planId: string, inputs: AddWorkout[], opts: { action: string; how: string; within?: Executor }) =>
      run(
        by,
        planId,
        opts.action,
        ['add'],
        async (r, plan) => {
          // A structured library workout's totals follow from the client's thresholds on its day, as for one add.
          const shaped = await Promise.all(inputs.map((i) => newRow(thresholds, by, plan, i)));
          const rows = await insertMany(r, by, plan, shaped, opts.how);
          return {
            before: Object.fromEntries(rows.map((w) => [w.id, null])),
            after: Object.fromEntries(rows.map((w) => [w.id, stateOf(w)])),
          };
        },
        opts.within,
      ),

    /** What the steps would do, without writing: the workouts they change as they are and as they would be. */
    preview: async (by: ChangeBy, planId: string, steps: WorkoutStep[]) => {
      const r = createPlansRepo(deps.db);
      const plan = await r.plan(by.athlete.id, planId);
      if (!plan) throw notFound('Plan');
      const { rows, patches } = await planSteps(r, by, plan, steps);
      return {
        plan,
        changes: rows.flatMap((w) => {
          const patch = patches.get(w.id);
          return patch ? [{ before: w, after: { ...w, ...patch } as WorkoutRow }] : [];
        }),
      };
    },

    ...workoutEdits({
      now,
      change,
      editable,
      completedAmong,
      matchSources,
      thresholds,
    }),

    /** The thresholds in effect on a day, as a structured workout's totals take them (the builder's preview). */
    thresholds,

    /** Pause, resume or cancel the plan (for everyone; logged, not undoable: set the status again). */
    setStatus: async (...args: Parameters<ReturnType<typeof planStatus>>) => {
      const plan = await planStatus({ db: deps.db, now })(...args);
      await deps.afterChange?.(args[0].athlete.id);
      return plan;
    },

    changes: (userId: string, planId: string, limit = 50) => createPlansRepo(deps.db).changes(userId, planId, limit),

    /**
     * Undoes a change from the log: the workouts get back their state before it, provided they still
     * look as the change left them; otherwise the later change that touched them is named.
     */
    undo: async (by: ChangeBy, planId: string, changeId: string) => {
      // Ownership: a change is undone only on the plan of `by.athlete`, its owner — the athlete themself, or
      // their coach acting for them through the link's grant (coach-os). The change is looked up under that
      // owner, so another athlete's plan or change is not found (404), whoever made it.
      const target = await createPlansRepo(deps.db).change(by.athlete.id, planId, changeId);
      if (!target) throw notFound('Change');
      if (target.undoneAt) throw conflict('That change is already undone.', ErrorReason.UNDO_CONFLICT);
      if (STATUS_ACTIONS.includes(target.action))
        throw conflict('A plan’s status is changed back by setting it again, not by undo.', ErrorReason.UNDO_CONFLICT);
      if (target.action === 'rebuild')
        throw conflict('A rebuild is not undone: the plan it replaced is kept, cancelled, with its history.', ErrorReason.UNDO_CONFLICT);
      const free = FREE_ACTIONS.includes(target.action) || skipOnly(target.before as States, target.after as States);
      // An undo is charged as what it reverts: a skip's for free, anything else as an edit.
      return run(by, planId, 'undo', [free ? 'skip' : 'edit'], async (r) => {
        const after = target.after as States;
        const before = target.before as States;
        const ids = Object.keys({ ...before, ...after });
        const current = new Map((await r.workouts(by.athlete.id, planId, ids)).map((w) => [w.id, w]));
        for (const id of ids) {
          const w = current.get(id);
          if (!same(asLogged(w, after[id] ?? null), after[id] ?? null)) {
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
        // A completed workout stays as it is; only its link (what makes it completed) may be undone.
        const days = datesOf([...current.values()]);
        if (!ids.every((id) => linkOnly(before[id] ?? null, after[id] ?? null)) && days.length) {
          const completed = await completedAmong(r, by, planId, days);
          if (ids.some((id) => completed.has(id)))
            throw conflict('A workout of that change is completed now: it no longer changes.', ErrorReason.WORKOUT_COMPLETED);
        }
        // A link back to an activity deleted since would point nowhere.
        for (const prior of Object.values(before))
          if (prior?.linkedActivityId && !(await r.ownActivity(by.athlete.id, prior.linkedActivityId)))
            throw conflict('The activity this change unlinked is gone, so the link cannot come back.', ErrorReason.UNDO_CONFLICT);
        const now_ = now();
        const restored: States = {};
        for (const id of ids) {
          const prior = before[id] ?? null;
          if (prior === null) await r.deleteWorkout(by.athlete.id, planId, id);
          else if (!current.has(id)) await r.insertWorkouts([{ ...prior, id, planId, userId: by.athlete.id, source: by.source }]);
          // Re-read: an undone add's workout is back (the undo of an undo), with a fresh revision.
          restored[id] = prior === null ? null : stateOf((await r.updateWorkout(by.athlete.id, planId, id, prior, now_))!);
        }
        if (!(await r.markUndone(target.id, now_))) throw conflict('That change is already undone.', ErrorReason.UNDO_CONFLICT);
        return { before: after, after: restored };
      });
    },
  };
}

export type WorkoutControl = ReturnType<typeof createWorkoutControl>;
