// What the comment tests share: a plan the athlete makes from today, and its first workout to talk about.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { plannedWorkouts } from '../../db/schema';
import { addDays } from '../../lib/dates';
import type { Harness } from '../../testing/harness';

/** The athlete's new 10K plan starting `today` (their local date); its first planned workout. */
export async function firstPlannedWorkout(h: Harness, cookie: string, today: string, eventName: string) {
  const plan = await h.json<{ id: string }>('/api/v1/plans', {
    cookie,
    body: {
      goal: { kind: 'run_10k', eventDate: addDays(today, 60), eventName },
      startDate: today,
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 5,
    },
  });
  expect(plan.status).toBe(201);
  const [w] = await h.db
    .select({ id: plannedWorkouts.id, date: plannedWorkouts.date, title: plannedWorkouts.title })
    .from(plannedWorkouts)
    .where(eq(plannedWorkouts.planId, plan.body.id))
    .limit(1);
  return w!;
}
