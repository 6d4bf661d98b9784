// A plan's life: preview (generation without saving), create (one active plan; a Free athlete's monthly
// allowance), read, and the calendar of workouts with what matching and compliance say about each.
// Generation reads current fitness from analytics, from the sources the owner-display policy allows.
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/pg-errors';
import type { Clock } from '../../lib/clock';
import { addDays, localDayRange, todayIn } from '../../lib/dates';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../lib/errors';
import { sourcesAllowedFor } from '../activities';
import type { AnalyticsService, Athlete } from '../analytics';
import type { MembershipService } from '../membership';
import { generatePlan } from './generator/generate-plan';
import { compliance, weeklySummary } from './matching/compliance.calc';
import { forMatch, matchRange } from './plan-matching';
import type { FitnessInput, GeneratorInput, Goal, Sport, StepNode, WorkoutType } from './plans.types';
import { createPlansRepo, type PlanRow, type WorkoutRow } from './plans.repo';

export interface PlanRequest {
  goal: Goal;
  startDate?: string | undefined;
  availableDays: number[];
  longDay: number;
  hoursPerWeek: number;
  includeStrength: boolean;
}

const SPORT_OF: Record<string, keyof FitnessInput['weeklyHours']> = { run: 'run', ride: 'bike', swim: 'swim' };

export function createPlansService(deps: {
  db: Db;
  clock: Clock;
  analytics: Pick<AnalyticsService, 'fitness' | 'weeks'>;
  membership: Pick<MembershipService, 'useQuota' | 'refundQuota'>;
}) {
  const repo = () => createPlansRepo(deps.db);

  /** Current fitness for generation: CTL/ATL today, average weekly hours and longest sessions of the last 6 weeks. */
  async function fitnessOf(a: Athlete): Promise<FitnessInput> {
    const [f, weeks, longest] = await Promise.all([
      deps.analytics.fitness(a, 1),
      deps.analytics.weeks(a, 6),
      repo().longestSince(a.id, sourcesAllowedFor('owner_display'), new Date(deps.clock.now().getTime() - 42 * 86_400_000)),
    ]);
    const last = f.series.at(-1);
    const weeklyHours = { run: 0, bike: 0, swim: 0 };
    for (const w of weeks)
      for (const [sport, v] of Object.entries(w.bySport)) {
        const key = SPORT_OF[sport];
        if (key && v) weeklyHours[key] += v.movingS / 3600 / Math.max(1, weeks.length);
      }
    return {
      ctl: last?.ctl ?? 0,
      atl: last?.atl ?? 0,
      weeklyHours,
      longestMinutes: { run: longest.run ?? 0, bike: longest.ride ?? 0, swim: longest.swim ?? 0 },
      source: 'history',
    };
  }

  async function inputOf(a: Athlete, req: PlanRequest): Promise<GeneratorInput> {
    const today = todayIn(a.timeZone, deps.clock.now());
    const startDate = req.startDate ?? addDays(today, 1);
    if (startDate < today) throw invalid('startDate', 'A plan starts today or later.');
    if (req.goal.kind !== 'general_fitness' && req.goal.eventDate && req.goal.eventDate <= startDate)
      throw invalid('goal.eventDate', 'The event must be after the plan’s first day.');
    if (!req.availableDays.includes(req.longDay)) throw invalid('longDay', 'The long-session day must be one of your available days.');
    const age = a.birthDate ? ageOn(a.birthDate, startDate) : null;
    return { ...req, goal: req.goal, startDate, fitness: await fitnessOf(a), age };
  }

  async function activePlanOf(userId: string): Promise<PlanRow> {
    const plan = await repo().activePlan(userId);
    if (!plan) throw notFound('Active plan');
    return plan;
  }

  return {
    /** The plan the rules would make, not saved (no allowance used). */
    async preview(a: Athlete, req: PlanRequest) {
      const input = await inputOf(a, req);
      return { input, plan: generatePlan(input) };
    },

    /** Generates and saves the plan; one unit of the monthly allowance, given back if saving fails. */
    async create(a: Athlete, req: PlanRequest): Promise<PlanRow> {
      const input = await inputOf(a, req);
      const generated = generatePlan(input);
      if (await repo().activePlan(a.id))
        throw new AppError(ErrorCode.CONFLICT, 'You already have an active plan: finish, pause or cancel it first.', {
          reason: ErrorReason.PLAN_EXISTS,
        });
      const unit = await deps.membership.useQuota({ id: a.id, timeZone: a.timeZone }, 'plans_generated');
      try {
        return await deps.db.transaction(async (tx) => {
          const r = createPlansRepo(tx);
          const plan = await r.insertPlan({
            userId: a.id,
            goalKind: input.goal.kind,
            eventDate: input.goal.eventDate,
            eventName: input.goal.eventName,
            startDate: generated.startDate,
            endDate: generated.endDate,
            inputs: input,
            weeks: generated.weeks,
            rules: generated.rules,
            raceDayTsb: generated.raceDayTsb,
          });
          await r.insertWorkouts(generated.workouts.map((w) => ({ ...w, planId: plan.id, userId: a.id })));
          return plan;
        });
      } catch (err) {
        await deps.membership.refundQuota(a.id, unit.unitId);
        // Two creates at once: the one-active-plan index lets one in.
        if (isUniqueViolation(err))
          throw new AppError(ErrorCode.CONFLICT, 'You already have an active plan.', { reason: ErrorReason.PLAN_EXISTS });
        throw err;
      }
    },

    active: (userId: string) => repo().activePlan(userId),
    plan: async (userId: string, planId: string) => (await repo().plan(userId, planId)) ?? Promise.reject(notFound('Plan')),
    activePlanOf,

    /** The plan's workouts from `from` to `to` (local dates) with each one's status, match and compliance. */
    async calendar(a: Athlete, planId: string, from: string, to: string) {
      const r = repo();
      if (!(await r.plan(a.id, planId))) throw notFound('Plan');
      const { workouts, activities: acts, matches } = await matchRange(r, a, planId, from, to);
      const byWorkout = new Map(matches.map((m) => [m.workoutId, m]));
      const byId = new Map(acts.map((x) => [x.id, x]));
      const now = deps.clock.now();
      return workouts.map((w) => {
        const m = byWorkout.get(w.id);
        const actual = m ? (byId.get(m.activityId) ?? null) : null;
        return { workout: w, match: m ?? null, activity: actual, compliance: compliance(forCompliance(w), actual, now, a.timeZone) };
      });
    },

    /** Planned vs actual for the plan weeks starting between `from` and `to` (the training page's weekly table). */
    async weekly(a: Athlete, planId: string, from: string, to: string) {
      const r = repo();
      const plan = await r.plan(a.id, planId);
      if (!plan) throw notFound('Plan');
      const weeks = (plan.weeks as { week: number; startDate: string }[]).filter((w) => w.startDate >= from && w.startDate <= to);
      if (weeks.length === 0) return [];
      const last = addDays(weeks.at(-1)!.startDate, 6);
      const { workouts, activities, matches } = await matchRange(r, a, planId, weeks[0]!.startDate, last);
      const rows = workouts.map((w) => ({ ...forMatch(w), week: w.week }));
      return weeklySummary({ timeZone: a.timeZone, weeks, workouts: rows, activities, matches });
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;

const forCompliance = (w: WorkoutRow) => ({ ...forMatch(w), type: w.type as WorkoutType, steps: w.steps as StepNode[] });

const invalid = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });

function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
