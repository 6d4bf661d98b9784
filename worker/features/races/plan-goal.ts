// The active plan's goal race, read from the plan rather than copied into `races` (ADR 096): a rebuilt, moved or
// cancelled plan changes it with no second write to keep in step. Race-day form is the plan's forward PMC
// (ADR 016) over its workouts as they now stand (moved, skipped), seeded as the plan was.
import type { Executor } from '../../db/executor';
import { addDays } from '../../lib/dates';
import { createPlansRepo, type GeneratorInput, type GoalKind, projectFitness } from '../plans';
import type { RaceDayForm } from './races.types';

/** Run goals and their distances in metres; other goals (triathlon, a ride, fitness) are no race here yet. */
export const GOAL_DISTANCE_M: Partial<Record<GoalKind, number>> = {
  run_5k: 5000,
  run_10k: 10000,
  run_half: 21098,
  run_marathon: 42195,
};
const GOAL_WORDS: Partial<Record<GoalKind, string>> = {
  run_5k: '5 km',
  run_10k: '10 km',
  run_half: 'Half marathon',
  run_marathon: 'Marathon',
};

export interface PlanGoalRace {
  planId: string;
  name: string;
  distanceM: number;
  raceDate: string;
}

/** The active plan's goal race when it is a run with a date on or after `today`; null otherwise. */
export async function planGoalRace(db: Executor, userId: string, today: string): Promise<PlanGoalRace | null> {
  const plan = await createPlansRepo(db).activePlan(userId);
  const kind = plan?.goalKind as GoalKind | undefined;
  const distanceM = kind ? GOAL_DISTANCE_M[kind] : undefined;
  if (!plan || !distanceM || !plan.eventDate || plan.eventDate < today) return null;
  return { planId: plan.id, name: plan.eventName ?? `${GOAL_WORDS[kind!]} (your plan’s goal)`, distanceM, raceDate: plan.eventDate };
}

/** TSB on race day and CTL on its eve, from the plan's seed over its remaining (not skipped) workouts. */
export async function raceDayForm(db: Executor, userId: string, planId: string): Promise<RaceDayForm | null> {
  const repo = createPlansRepo(db);
  const plan = await repo.plan(userId, planId);
  if (!plan?.eventDate || plan.eventDate < plan.startDate) return null;
  const seed = (plan.inputs as GeneratorInput).fitness;
  if (!seed || !Number.isFinite(seed.ctl) || !Number.isFinite(seed.atl)) return null;
  const workouts = (await repo.workoutsBetween(userId, planId, plan.startDate, plan.eventDate)).filter((w) => !w.skipped);
  const days = projectFitness(seed, workouts, plan.startDate, plan.eventDate);
  const raceDay = days.find((d) => d.date === plan.eventDate);
  const eve = days.find((d) => d.date === addDays(plan.eventDate!, -1)) ?? raceDay;
  return raceDay && eve ? { tsb: raceDay.tsb, ctl: eve.ctl } : null;
}

type PlanRowLike = { id: string; goalKind: string; eventDate: string | null; eventName: string | null; status: string };
/** A plan's goal race once it is behind the athlete: the plan completed, or its race day passed (not cancelled). */
const pastGoalOf = (plan: PlanRowLike, today: string): PlanGoalRace | null => {
  const kind = plan.goalKind as GoalKind;
  const distanceM = GOAL_DISTANCE_M[kind];
  if (!distanceM || !plan.eventDate) return null;
  const past = plan.status === 'completed' || (plan.status !== 'cancelled' && plan.eventDate < today);
  if (!past) return null;
  return { planId: plan.id, name: plan.eventName ?? `${GOAL_WORDS[kind]} (your plan’s goal)`, distanceM, raceDate: plan.eventDate };
};

/** The goal race of one of the athlete's plans by its id, when it is past (its result can be marked then). */
export async function pastPlanGoal(db: Executor, userId: string, planId: string, today: string): Promise<PlanGoalRace | null> {
  const plan = await createPlansRepo(db).plan(userId, planId);
  return plan ? pastGoalOf(plan, today) : null;
}

/** Every past goal race of the athlete's plans, newest first. */
export async function pastPlanGoals(db: Executor, userId: string, today: string): Promise<PlanGoalRace[]> {
  const plans = await createPlansRepo(db).listPlans(userId);
  return plans
    .map((p) => pastGoalOf(p, today))
    .filter((g): g is PlanGoalRace => g !== null)
    .sort((a, b) => b.raceDate.localeCompare(a.raceDate));
}
