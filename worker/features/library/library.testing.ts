// The library tests' athlete: signed up with a 10k plan from today, and readers of its calendar and changes.
import { expect } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import type { Body } from '../../testing/bodies';
import type { Harness } from '../../testing/harness';
import type { Change, Plan, PlannedWorkout } from '../plans/plans.schema';

export type ChangeBody = Body<typeof Change>;
export type Workout = Body<typeof PlannedWorkout>;

export const planRequest = (startDate: string) => ({
  goal: { kind: 'run_10k', eventDate: addDays(startDate, 70), eventName: 'River 10K' },
  startDate,
  availableDays: [0, 1, 2, 3, 4, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  includeStrength: false,
});

export async function athleteWithPlan(h: Harness, name = 'Casey Runner') {
  const athlete = await h.signup({ displayName: name });
  const today = todayIn('UTC', new Date());
  const plan = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: planRequest(today), cookie: athlete.cookie });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const calendar = async (from: string, to: string) =>
    (await h.json<{ workouts: Workout[] }>(`/api/v1/plans/${plan.body.id}/calendar?from=${from}&to=${to}`, { cookie: athlete.cookie })).body
      .workouts;
  const changes = async () =>
    (await h.json<{ changes: ChangeBody[] }>(`/api/v1/plans/${plan.body.id}/changes`, { cookie: athlete.cookie })).body.changes;
  return { athlete, plan: plan.body, today, calendar, changes };
}
