// A plan's life: preview (generation without saving), create (one active plan; a Free athlete's monthly
// allowance), read, and the calendar of workouts with what matching and compliance say about each.
// Generation reads current fitness from analytics, from the sources the owner-display policy allows.
import type { Db } from '../../db/client';
import type { StatementExecutor } from '../../db/executor';
import { isUniqueViolation } from '../../db/pg-errors';
import type { Clock } from '../../lib/clock';
import { addDays, localDayRange, todayIn } from '../../lib/dates';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../lib/errors';
import { type DataUse, sourcesInAnyMode } from '../activities';
import type { AnalyticsService, Athlete } from '../analytics';
import type { MembershipService } from '../membership';
import type { Notifier } from '../notifications';
import { generatePlan } from './generator';
import { compliance, weeklySummary } from './matching';
import { forMatch, matchRange, matchRows } from './plan-matching';
import { planRangeRows } from './plan-range.repo';
import { createPlanFitness } from './intake';
import { announcePlan } from './plan-notices';
import { inputOf, type PlanRequest, planRowOf } from './plan-input';
import type { GeneratorInput, Sport, StepNode, WorkoutType } from './plans.types';
import { createPlansRepo, type PlanRow, type WorkoutRow } from './plans.repo';
import type { VerdictsOf } from './completed-by';
import { verdictsOf } from './verdicts';

export function createPlansService(deps: {
  db: Db;
  clock: Clock;
  analytics: Pick<AnalyticsService, 'fitness' | 'weeks' | 'sourcesFor'>;
  membership: Pick<MembershipService, 'useQuota' | 'refundQuota' | 'entitlements'>;
  /** "Your new plan is ready"; every production caller passes it (worker/wiring/). */
  notifications?: Notifier;
  /** Single statements for the calendar's read (the HTTP driver in the worker: no pool connection); else `db`. */
  readDb?: StatementExecutor;
  /** Each done workout's one verdict (intervals, through the wiring); absent, the compliance's ratio alone. */
  verdicts?: VerdictsOf;
}) {
  const repo = () => createPlansRepo(deps.db);

  const fitness = createPlanFitness(deps);

  async function inputFor(a: Athlete, req: PlanRequest): Promise<GeneratorInput> {
    return inputOf(a, req, await fitness.forGeneration(a), todayIn(a.timeZone, deps.clock.now()));
  }

  async function activePlanOf(userId: string): Promise<PlanRow> {
    const plan = await repo().activePlan(userId);
    if (!plan) throw notFound('Active plan');
    return plan;
  }

  /**
   * The plan's workouts from `from` to `to` (local dates) with each one's status, match and compliance,
   * from the activities `use` allows (a coach's view: 'coach').
   */
  async function calendar(a: Athlete, planId: string, from: string, to: string, use: DataUse = 'analytics') {
    // The plan's check, its workouts and the days' activities are one statement, sent beside the policy's mode (a
    // read of its own on a request's first use): it asks for every source some mode allows, and this mode's are
    // kept. The session and one round trip, as the training calendar, and no pool connection in the worker.
    const [sources, rows] = await Promise.all([
      deps.analytics.sourcesFor(use),
      planRangeRows(deps.readDb ?? deps.db, {
        userId: a.id,
        planId,
        from,
        to,
        sources: sourcesInAnyMode(use),
        start: localDayRange(from, a.timeZone).start,
        end: localDayRange(to, a.timeZone).end,
      }),
    ]);
    if (!rows.found) throw notFound('Plan');
    const allowed = new Set(sources);
    const acts = rows.activities.filter((x) => allowed.has(x.source)).map(({ source: _, ...x }) => x);
    const { workouts } = rows;
    const matches = matchRows(a.timeZone, workouts, acts);
    const byWorkout = new Map(matches.map((m) => [m.workoutId, m]));
    const byId = new Map(acts.map((x) => [x.id, x]));
    const now = deps.clock.now();
    return workouts.map((w) => {
      const m = byWorkout.get(w.id);
      const actual = m ? (byId.get(m.activityId) ?? null) : null;
      return { workout: w, match: m ?? null, activity: actual, compliance: compliance(forCompliance(w), actual, now, a.timeZone) };
    });
  }

  return {
    /** The plan the rules would make, not saved (no allowance used). */
    async preview(a: Athlete, req: PlanRequest) {
      const input = await inputFor(a, req);
      return { input, plan: generatePlan(input) };
    },

    /** Generates and saves the plan; one unit of the monthly allowance, given back if saving fails. */
    async create(a: Athlete, req: PlanRequest): Promise<PlanRow> {
      const input = await inputFor(a, req);
      const generated = generatePlan(input);
      if (await repo().activePlan(a.id))
        throw new AppError(ErrorCode.CONFLICT, 'You already have an active plan: finish, pause or cancel it first.', {
          reason: ErrorReason.PLAN_EXISTS,
        });
      const unit = await deps.membership.useQuota({ id: a.id, timeZone: a.timeZone }, 'plans_generated');
      let plan: PlanRow;
      try {
        plan = await deps.db.transaction(async (tx) => {
          const r = createPlansRepo(tx);
          const row = await r.insertPlan(planRowOf(a.id, input, generated));
          await r.insertWorkouts(generated.workouts.map((w) => ({ ...w, planId: row.id, userId: a.id })));
          return row;
        });
      } catch (err) {
        await deps.membership.refundQuota(a.id, unit.unitId);
        // Two creates at once: the one-active-plan index lets one in.
        if (isUniqueViolation(err))
          throw new AppError(ErrorCode.CONFLICT, 'You already have an active plan.', { reason: ErrorReason.PLAN_EXISTS });
        throw err;
      }
      await announcePlan(deps, plan);
      return plan;
    },

    active: (userId: string) => repo().activePlan(userId),
    /** The plan the training page shows: the active one, else the latest paused one (to resume). */
    current: (userId: string) => repo().currentPlan(userId),
    plan: async (userId: string, planId: string) => (await repo().plan(userId, planId)) ?? Promise.reject(notFound('Plan')),
    activePlanOf,

    calendar,

    /**
     * The calendar with each done workout's one verdict (issue 55), the activity page's and the drawer's, for a
     * list that shows it in words and colour: Home's Today, the coach's list of a client's plan (use 'coach').
     */
    async judgedCalendar(a: Athlete, planId: string, from: string, to: string, use: DataUse = 'analytics') {
      const days = await calendar(a, planId, from, to, use);
      const items = days.map((d) => ({ ...d, workout: judgeable(d.workout) }));
      const verdictOf = await verdictsOf(deps.verdicts, a, items, use);
      return days.map((d, i) => ({ ...d, verdict: verdictOf(items[i]!) }));
    },

    /** Planned vs actual for the plan weeks starting between `from` and `to` (the training page's weekly table). */
    async weekly(a: Athlete, planId: string, from: string, to: string) {
      const r = repo();
      const plan = await r.plan(a.id, planId);
      if (!plan) throw notFound('Plan');
      const weeks = (plan.weeks as { week: number; startDate: string }[]).filter((w) => w.startDate >= from && w.startDate <= to);
      if (weeks.length === 0) return [];
      const last = addDays(weeks.at(-1)!.startDate, 6);
      const { workouts, activities, matches } = await matchRange(
        r,
        a,
        planId,
        weeks[0]!.startDate,
        last,
        await deps.analytics.sourcesFor('analytics'),
      );
      const rows = workouts.map((w) => ({ ...forMatch(w), week: w.week }));
      return weeklySummary({ timeZone: a.timeZone, weeks, workouts: rows, activities, matches });
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
export type { PlanRequest };

const judgeable = (w: WorkoutRow) => ({ id: w.id, revision: w.revision, sport: w.sport as Sport, steps: w.steps as StepNode[] });
const forCompliance = (w: WorkoutRow) => ({ ...forMatch(w), type: w.type as WorkoutType, steps: w.steps as StepNode[] });
