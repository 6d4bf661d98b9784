// Test support for the exports API: a Pro athlete with a saved plan, and every workout of it read
// straight from the database (the feed's answer is checked against these, not against itself).
import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { plannedWorkouts } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import type { Harness } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import type { Plan } from '../plans.schema';

export const planRequest = (kind = 'run_10k', eventName = 'Lakeside 10K') => ({
  goal: { kind, eventDate: addDays(new Date().toISOString().slice(0, 10), 63), eventName },
  availableDays: [1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  includeStrength: false,
});

export async function proAthleteWithPlan(h: Harness, opts: { pro?: boolean; kind?: string; eventName?: string } = {}) {
  const a = await h.signup();
  if (opts.pro !== false) await giveTier(h, a.user.id, 'pro');
  const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: planRequest(opts.kind, opts.eventName), cookie: a.cookie });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return { ...a, plan: made.body };
}

export const workoutsOf = (h: Harness, userId: string, planId: string) =>
  h.db
    .select()
    .from(plannedWorkouts)
    .where(and(eq(plannedWorkouts.userId, userId), eq(plannedWorkouts.planId, planId)))
    .orderBy(asc(plannedWorkouts.date), asc(plannedWorkouts.id));
