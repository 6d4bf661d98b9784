// The active plan's goal race, read from the plan rather than copied into `races` (ADR 096): a rebuilt, moved or
// cancelled plan changes it with no second write to keep in step. Race-day form is the plan's forward PMC
// (ADR 016) over its workouts as they now stand (moved, skipped), seeded as the plan was.
import type { Executor } from '../../db/executor';
import { addDays } from '../../lib/dates';
import { createPlansRepo, type GeneratorInput, type GoalKind, projectFitness } from '../plans';
import type { RaceDayForm } from './races.types';
import { FORMAT_SPECS, formatTotalM, type TriFormat } from './triathlon/formats';

/** Triathlon goals and their formats (the distance is the format's total). */
const GOAL_TRI: Partial<Record<GoalKind, TriFormat>> = { tri_sprint: 'sprint', tri_olympic: 'olympic', tri_70_3: 'half', tri_full: 'full' };

/** Run goals and their distances in metres; a ride or fitness goal is no race here yet. */
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
  sport: 'run' | 'triathlon';
  format: TriFormat | null;
}

/** The active plan's goal race when it is a run or a triathlon with a date on or after `today`; null otherwise. */
export async function planGoalRace(db: Executor, userId: string, today: string): Promise<PlanGoalRace | null> {
  const plan = await createPlansRepo(db).activePlan(userId);
  const kind = plan?.goalKind as GoalKind | undefined;
  const format = kind ? (GOAL_TRI[kind] ?? null) : null;
  const distanceM = format ? formatTotalM(format) : kind ? GOAL_DISTANCE_M[kind] : undefined;
  if (!plan || !distanceM || !plan.eventDate || plan.eventDate < today) return null;
  const words = format ? `${FORMAT_SPECS[format].label} triathlon` : GOAL_WORDS[kind!];
  return {
    planId: plan.id,
    name: plan.eventName ?? `${words} (your plan’s goal)`,
    distanceM,
    raceDate: plan.eventDate,
    sport: format ? 'triathlon' : 'run',
    format,
  };
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
