// A coached athlete's plan adapts from what a coach may see (issue 58, the providers' terms): a long ride from
// Strava's API sets off a change for an athlete who decides alone, and nothing at all for one whose coach decides —
// the coach never lists a change that rests on Strava API data. The coach's approval applies it as their change.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { planAdaptations, users } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import { createLogger } from '../../../lib/logger';
import { Harness } from '../../../testing/harness';
import { athleteWithHistory, coachOrg, giveTier } from '../../../testing/scenarios';
import { createServices } from '../../../wiring';
import { athleteOf } from '../../analytics';

const HOURS = 3600;

/**
 * An athlete with a half plan from today whose second week (the pass runs on its 9th day) holds an unplanned 5-hour
 * ride from Strava's API and a run they uploaded.
 */
async function rider(h: Harness) {
  const today = todayIn('UTC', new Date());
  const a = await athleteWithHistory(h, {
    history: [
      {
        daysAgo: -8,
        source: 'strava',
        sport: 'ride',
        sportOriginal: 'Ride',
        movingTimeS: 5 * HOURS,
        elapsedTimeS: 5 * HOURS,
        distanceM: 150_000,
        avgHr: 150,
      },
      { daysAgo: -7, source: 'fit_upload', detailComplete: true },
    ],
  });
  await giveTier(h, a.user.id, 'pro');
  const plan = await h.json<{ id: string }>('/api/v1/plans', {
    body: {
      goal: { kind: 'run_half', eventDate: addDays(today, 84), eventName: 'Coached Half' },
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 4,
    },
    cookie: a.cookie,
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const [user] = await h.db.select().from(users).where(eq(users.id, a.user.id));
  return { ...a, planId: plan.body.id, athlete: athleteOf(user!), strava: a.activityIds[0]! };
}

/** The app's services on the plan's 9th day (noon UTC). */
const services = (h: Harness) => {
  const day9 = new Date(`${addDays(todayIn('UTC', new Date()), 8)}T12:00:00Z`);
  return createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {}, clock: { now: () => day9 } });
};
const restsOn = (rows: { trigger: unknown; receipts: unknown }[], id: string) =>
  rows.filter((r) => JSON.stringify(r.trigger).includes(id) || (r.receipts as string[]).includes(id));

describe('a coached athlete’s plan changes', () => {
  it('rest only on what a coach may see, and the coach’s approval applies them', async () => {
    const h = Harness.init();
    const [alone, coached] = await Promise.all([rider(h), rider(h)]);
    const w = await coachOrg(h);
    const client = await w.addClient('Coached Rider');
    const link = await w.linkAthlete(client.id, coached);
    expect((await h.json(`/api/v1/me/coach-links/${link.id}/plan-edit`, { method: 'PUT', cookie: coached.cookie })).status).toBe(200);

    const s = services(h);
    await s.adapt.pass(alone.athlete);
    await s.adapt.pass(coached.athlete);
    const rowsOf = (userId: string) => h.db.select().from(planAdaptations).where(eq(planAdaptations.userId, userId));
    // Alone, the Strava ride counts toward their week (their own use allows it)…
    expect(restsOn(await rowsOf(alone.user.id), alone.strava).length).toBeGreaterThan(0);
    // …coached, no change rests on it, whatever its status.
    expect(restsOn(await rowsOf(coached.user.id), coached.strava)).toEqual([]);

    // An illness the coached athlete notes waits for the coach, who lists and approves it.
    const noted = await h.json<{ proposals: { id: string; status: string }[] }>(`/api/v1/plans/${coached.planId}/health-notes`, {
      body: { kind: 'illness', from: addDays(todayIn('UTC', new Date()), 1), to: addDays(todayIn('UTC', new Date()), 2) },
      cookie: coached.cookie,
    });
    const waiting = noted.body.proposals.find((p) => p.status === 'awaiting_coach')!;
    expect(
      (await h.json(`/api/v1/plans/${coached.planId}/adaptations/${waiting.id}/confirm`, { body: {}, cookie: coached.cookie })).status,
    ).toBe(409);
    const listed = await w.api<{ items: { id: string; status: string }[] }>(`/clients/${client.id}/plan/adaptations`);
    expect(listed.body.items.map((x) => x.id)).toContain(waiting.id);
    const approved = await w.api<{ status: string; changeId: string }>(`/clients/${client.id}/plan/adaptations/${waiting.id}/approve`, {
      method: 'POST',
      body: {},
    });
    expect(approved.body.status).toBe('applied');
    const changes = await h.json<{ changes: { id: string; source: string }[] }>(`/api/v1/plans/${coached.planId}/changes`, {
      cookie: coached.cookie,
    });
    expect(changes.body.changes.find((c) => c.id === approved.body.changeId)?.source).toBe('coach');
  });
});
