// What the gating matrix's cases build: an org's library workout, an athlete's own plan, a coach's linked client
// with a plan they may change (and a change of it awaiting the coach).
import { libraryWorkouts } from '../../db/schema';
import { addDays } from '../../lib/dates';
import type { Harness } from '../../testing/harness';
import type { CoachOrg } from '../../testing/scenarios';

export type Athlete = Awaited<ReturnType<Harness['signup']>>;

/** A workout of the org's library, written straight into the table (a free org may not add one). */
export async function orgWorkout(h: Harness, w: CoachOrg): Promise<string> {
  const [row] = await h.db
    .insert(libraryWorkouts)
    .values({ orgId: w.org.id, sport: 'run', type: 'easy', title: 'Easy 40', durationSec: 2400 })
    .returning({ id: libraryWorkouts.id });
  return row!.id;
}

/** A plan of the (Free) athlete's own, and one of its workouts, for the routes whose path names them. */
export async function planOf(h: Harness, a: Athlete) {
  const eventDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const body = { goal: { kind: 'run_10k', eventDate, eventName: null }, availableDays: [1, 3, 5, 6], longDay: 6, hoursPerWeek: 5 };
  const plan = await h.json<{ id: string; startDate: string }>('/api/v1/plans', { body, cookie: a.cookie });
  const cal = await h.json<{ workouts: { id: string }[] }>(
    `/api/v1/plans/${plan.body.id}/calendar?from=${plan.body.startDate}&to=${addDays(plan.body.startDate, 13)}`,
    { cookie: a.cookie },
  );
  return { planId: plan.body.id, workoutId: cal.body.workouts[0]!.id };
}

/**
 * A client linked to an athlete with an active plan who lets the coach change it, and an athlete's own
 * skip (of the second workout) for restore and undo to work on: a coach's plan changes need only Team then.
 */
export async function clientPlan(h: Harness, w: CoachOrg) {
  const client = await w.addClient('Gated Client');
  const athlete = await h.signup();
  const today = new Date().toISOString().slice(0, 10);
  const eventDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const plan = await h.json<{ id: string }>('/api/v1/plans', {
    body: {
      goal: { kind: 'run_10k', eventDate, eventName: 'Gated 10K' },
      startDate: today,
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 5,
    },
    cookie: athlete.cookie,
  });
  const link = await w.linkAthlete(client.id, athlete);
  await h.json(`/api/v1/me/coach-links/${link.id}/plan-edit`, { method: 'PUT', cookie: athlete.cookie });
  const to = new Date(Date.now() + 13 * 86_400_000).toISOString().slice(0, 10);
  const cal = await h.json<{ workouts: { id: string; date: string; sport: string }[] }>(
    `/api/v1/plans/${plan.body.id}/calendar?from=${today}&to=${to}`,
    { cookie: athlete.cookie },
  );
  const [first, second] = cal.body.workouts.filter((x) => x.sport !== 'rest');
  const skip = await h.json<{ id: string }>(`/api/v1/plans/${plan.body.id}/workouts/${second!.id}/skip`, {
    body: {},
    cookie: athlete.cookie,
  });
  return {
    base: `/api/v1/coach/clients/${client.id}/plan`,
    first: first!,
    second: second!,
    skipId: skip.body.id,
    /** A change of the athlete's plan awaiting the coach (issue 58): an illness they noted 3–4 days ahead. */
    awaiting: async () => {
      const noted = await h.json<{ proposals: { id: string; status: string }[] }>(`/api/v1/plans/${plan.body.id}/health-notes`, {
        body: { kind: 'illness', from: addDays(today, 3), to: addDays(today, 4) },
        cookie: athlete.cookie,
      });
      return noted.body.proposals.find((x) => x.status === 'awaiting_coach')!.id;
    },
  };
}
