// What the plans API tests share: a Pro athlete with a plan made through the API, a caller of the plan's routes
// as them, and its workouts between two days.
import { addDays } from '../../lib/dates';
import type { Body } from '../../testing/bodies';
import type { Harness } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import type { Change, Plan, PlannedWorkout } from './plans.schema';

export type ChangeBody = Body<typeof Change>;
export type Workout = Body<typeof PlannedWorkout>;
export const today = () => new Date().toISOString().slice(0, 10);

/** A 10 km plan on four days a week, ten weeks out, unless `request` says otherwise. */
export async function proWithPlan(h: Harness, request: Record<string, unknown> = {}) {
  const a = await h.signup();
  await giveTier(h, a.user.id, 'pro');
  const body = {
    goal: { kind: 'run_10k', eventDate: addDays(today(), 70), eventName: 'River 10K' },
    availableDays: [0, 2, 4, 6],
    longDay: 6,
    hoursPerWeek: 5,
    includeStrength: false,
    ...request,
  };
  const plan = (await h.json<Body<typeof Plan>>('/api/v1/plans', { body, cookie: a.cookie })).body;
  /** A plan route as the athlete: POST with an empty body unless told otherwise. */
  const api = <T = ChangeBody>(path: string, init: { method?: string; body?: unknown } = {}) =>
    h.json<T>(`/api/v1/plans/${plan.id}${path}`, { method: 'POST', body: {}, ...init, cookie: a.cookie });
  /** The plan's workouts from `from` to `to` (the plan's first 3 weeks by default). */
  const calendar = async (from = plan.startDate, to = addDays(plan.startDate, 20)) =>
    (await api<{ workouts: Workout[] }>(`/calendar?from=${from}&to=${to}`, { method: 'GET', body: undefined })).body.workouts;
  return { ...a, plan, api, calendar };
}
