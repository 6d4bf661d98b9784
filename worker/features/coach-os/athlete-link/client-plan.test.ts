// A linked client's training plan from the coach's side: seen only through an accepted link, changed
// only with the athlete's "may edit" (and the org's Team), through the athlete's own workout control,
// logged with source 'coach' and the coach's name; matched only against activities others may see.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import type { Change, Plan, PlannedWorkout } from '../../plans/plans.schema';

type Workout = Body<typeof PlannedWorkout>;
type ChangeBody = Body<typeof Change>;
type ClientPlan = { athleteName: string; planEdit: boolean; plan: Body<typeof Plan> | null };

const request = (startDate: string) => ({
  goal: { kind: 'run_10k', eventDate: addDays(startDate, 60), eventName: 'River 10K' },
  startDate,
  availableDays: [0, 1, 2, 3, 4, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  includeStrength: false,
});

/** A coach (org on Team unless told), a client linked to an athlete who has an active plan from today. */
async function linkedWithPlan(h: Harness, opts: { plan?: 'team' | 'free'; orgName?: string } = {}) {
  const w = await coachOrg(h, { name: opts.orgName ?? 'Summit Coaching', plan: opts.plan ?? 'team' });
  const client = await w.addClient('Casey Client');
  const athlete = await h.signup({ displayName: 'Casey Runner' });
  const today = todayIn('UTC', new Date());
  const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request(today), cookie: athlete.cookie });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const link = await w.linkAthlete(client.id, athlete);
  const me = {
    grant: (granted: boolean) =>
      h.json<{ planEdit: boolean }>(`/api/v1/me/coach-links/${link.id}/plan-edit`, {
        method: granted ? 'PUT' : 'DELETE',
        cookie: athlete.cookie,
      }),
    calendar: async (from: string, to: string) =>
      (await h.json<{ workouts: Workout[] }>(`/api/v1/plans/${made.body.id}/calendar?from=${from}&to=${to}`, { cookie: athlete.cookie }))
        .body.workouts,
    changes: async () =>
      (await h.json<{ changes: ChangeBody[] }>(`/api/v1/plans/${made.body.id}/changes`, { cookie: athlete.cookie })).body.changes,
  };
  const base = `/clients/${client.id}/plan`;
  return { w, client, athlete, link, plan: made.body, today, me, base };
}

describe('a linked client’s plan, for their coach', () => {
  it('the coach sees the plan with the link, changes it only with the athlete’s grant, and the athlete sees who did', async () => {
    const h = Harness.init();
    const { w, athlete, link, plan, today, me, base } = await linkedWithPlan(h);
    const seen = await w.api<ClientPlan>(base);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ athleteName: 'Casey Runner', planEdit: false, plan: { id: plan.id, status: 'active' } });
    const cal = await w.api<{ workouts: Workout[] }>(`${base}/calendar?from=${today}&to=${addDays(today, 6)}`);
    expect(cal.status).toBe(200);
    expect(cal.body.workouts.length).toBeGreaterThanOrEqual(2);
    const [first, second] = cal.body.workouts.filter((x) => x.sport !== 'rest');

    // No grant yet: a clear 403 with its reason, and nothing logged.
    const refused = await w.api<ErrorBody>(`${base}/workouts/${first!.id}/move`, { body: { date: addDays(first!.date, 1) } });
    expect(refused.status).toBe(403);
    expectErrorShape(refused.body, 'FORBIDDEN');
    expect(refused.body.error).toMatchObject({ reason: 'PLAN_EDIT_NOT_GRANTED' });
    expect(refused.body.error.message).toContain('settings');
    expect(await me.changes()).toEqual([]);

    // The athlete allows it: the coach moves and skips, logged as the coach's.
    expect((await me.grant(true)).body).toEqual({ planEdit: true });
    expect((await w.api<ClientPlan>(base)).body.planEdit).toBe(true);
    const mine = await h.json<{ links: { id: string; planEdit: boolean }[] }>('/api/v1/me/coach-links', { cookie: athlete.cookie });
    expect(mine.body.links).toMatchObject([{ id: link.id, planEdit: true }]);
    const moved = await w.api<ChangeBody>(`${base}/workouts/${first!.id}/move`, {
      body: { date: addDays(first!.date, 1), reason: 'Travel on Monday' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({
      action: 'move',
      source: 'coach',
      reason: 'Travel on Monday',
      actor: { id: w.coach.id, name: 'Test coach', role: 'coach' },
    });
    // A coach's hand edit is checked against the plan's rules as the athlete's is (ADR 104): its answer has warnings.
    expect(Array.isArray(moved.body.warnings)).toBe(true);
    expect((await w.api(`${base}/workouts/${second!.id}/skip`, { body: {} })).status).toBe(200);
    const edited = await w.api<ChangeBody>(`${base}/workouts/${second!.id}`, {
      method: 'PATCH',
      body: { title: 'Hill repeats', reason: 'Hills suit the race' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ action: 'edit', source: 'coach', actor: { role: 'coach' } });
    expect((await me.calendar(first!.date, addDays(first!.date, 1))).find((x) => x.id === first!.id)?.date).toBe(addDays(first!.date, 1));

    // The athlete's history names the coach; the coach's history is the same log.
    const history = await me.changes();
    expect(history.map((c) => [c.action, c.source, c.actor?.name, c.actor?.role])).toEqual([
      ['edit', 'coach', 'Test coach', 'coach'],
      ['skip', 'coach', 'Test coach', 'coach'],
      ['move', 'coach', 'Test coach', 'coach'],
    ]);
    const theirs = await w.api<{ changes: ChangeBody[] }>(`${base}/changes`);
    expect(theirs.body.changes.map((c) => c.id)).toEqual(history.map((c) => c.id));
    // An athlete's own change carries their name.
    const own = await h.json<ChangeBody>(`/api/v1/plans/${plan.id}/workouts/${second!.id}/restore`, { body: {}, cookie: athlete.cookie });
    expect(own.body.actor).toEqual({ id: athlete.user.id, name: 'Casey Runner', role: 'athlete' });

    // The coach undoes their move.
    const undo = await w.api<ChangeBody>(`${base}/changes/${moved.body.id}/undo`, { method: 'POST' });
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body).toMatchObject({ action: 'undo', source: 'coach' });

    // Withdrawn: the next edit is refused; the view stays.
    expect((await me.grant(false)).body).toEqual({ planEdit: false });
    const after = await w.api<ErrorBody>(`${base}/workouts/${second!.id}/skip`, { body: {} });
    expect(after.status).toBe(403);
    expect(after.body.error).toMatchObject({ reason: 'PLAN_EDIT_NOT_GRANTED' });
    expect((await w.api(base)).status).toBe(200);
    expect((await h.auditFor('athlete_link', link.id)).map((a) => a.action)).toEqual([
      'client.athlete_link_requested',
      'athlete_link.accepted',
      'athlete_link.plan_edit_granted',
      'athlete_link.plan_edit_withdrawn',
    ]);

    // Revoked: no view, no edit, and the grant does not outlive the link.
    await me.grant(true);
    expect((await h.json(`/api/v1/me/coach-links/${link.id}/revoke`, { method: 'POST', cookie: athlete.cookie })).status).toBe(200);
    for (const r of [
      await w.api<ErrorBody>(base),
      await w.api<ErrorBody>(`${base}/calendar?from=${today}&to=${today}`),
      await w.api<ErrorBody>(`${base}/changes`),
      await w.api<ErrorBody>(`${base}/workouts/${second!.id}/skip`, { body: {} }),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await me.grant(true)).status).toBe(404);
  });

  it('pending, declined and another org’s links show nothing; only the athlete grants', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { name: 'Summit Coaching' });
    const client = await w.addClient('Casey Client');
    const athlete = await h.signup();
    const today = todayIn('UTC', new Date());
    expect((await h.json('/api/v1/plans', { body: request(today), cookie: athlete.cookie })).status).toBe(201);
    expect((await w.api(`/clients/${client.id}/plan`)).status).toBe(404);
    const pending = await w.requestAthleteLink(client.id, athlete.email);
    expect((await w.api(`/clients/${client.id}/plan`)).status).toBe(404);
    // A pending link cannot be granted, and nobody but the athlete grants.
    expect((await h.json(`/api/v1/me/coach-links/${pending.id}/plan-edit`, { method: 'PUT', cookie: athlete.cookie })).status).toBe(404);
    await h.json(`/api/v1/me/coach-links/${pending.id}/decline`, { method: 'POST', cookie: athlete.cookie });
    expect((await w.api(`/clients/${client.id}/plan`)).status).toBe(404);

    const accepted = await w.linkAthlete(client.id, athlete);
    expect((await w.api(`/clients/${client.id}/plan`)).status).toBe(200);
    const someoneElse = await h.signup();
    expect((await h.json(`/api/v1/me/coach-links/${accepted.id}/plan-edit`, { method: 'PUT', cookie: someoneElse.cookie })).status).toBe(
      404,
    );
    expect((await h.json(`/api/v1/me/coach-links/${accepted.id}/plan-edit`, { method: 'PUT', cookie: w.coach.cookie })).status).toBe(404);
    // Another org's coach: 404 on the client, whatever the athlete shares.
    const other = await coachOrg(h, { name: 'Valley Coaching' });
    for (const path of ['', '/calendar?from=2026-01-01&to=2026-01-02', '/changes']) {
      const r = await other.api<ErrorBody>(`/clients/${client.id}/plan${path}`);
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    // Linked but without an active plan: the link shows, the plan is null.
    const lone = await h.signup();
    const loneClient = await w.addClient('Lone Client');
    await w.linkAthlete(loneClient.id, lone);
    expect((await w.api<ClientPlan>(`/clients/${loneClient.id}/plan`)).body).toMatchObject({ plan: null, planEdit: false });
    expect((await w.api(`/clients/${loneClient.id}/plan/changes`)).status).toBe(404);
  });

  it('coach edits are the org’s Team feature, not the athlete’s Pro', async () => {
    const h = Harness.init();
    const { w, me, base, today } = await linkedWithPlan(h, { plan: 'free' });
    await me.grant(true);
    const [x] = (await w.api<{ workouts: Workout[] }>(`${base}/calendar?from=${today}&to=${addDays(today, 6)}`)).body.workouts;
    // Skip too: free for an athlete, but a coach's change is a Team feature whatever the action.
    const r = await w.api<ErrorBody>(`${base}/workouts/${x!.id}/skip`, { body: {} });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'ENTITLEMENT_REQUIRED', entitlement: { feature: 'client_plans', requiredTier: 'team' } });
    expect(await me.changes()).toEqual([]);
  });

  it('Strava activities never reach the coach’s calendar, though they complete the athlete’s', async () => {
    const h = Harness.init();
    const { w, athlete, me, base, today } = await linkedWithPlan(h);
    const week = await me.calendar(today, addDays(today, 6));
    const runs = week.filter((x) => x.sport === 'run');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const [viaStrava, viaWatch] = runs as [Workout, Workout];
    const { activities } = analyticsWorld(h.db);
    const on = (day: string) => ({ startTime: new Date(`${day}T06:00:00Z`), localStartDate: day, timezone: 'UTC' });
    const strava = await activities.ingest(
      athlete.user.id,
      buildActivity({ ...on(viaStrava.date), source: 'strava', name: 'Strava-only run', movingTimeS: viaStrava.durationSec }),
    );
    const watch = await activities.ingest(
      athlete.user.id,
      buildActivity({ ...on(viaWatch.date), source: 'garmin_export', name: 'Watch run', movingTimeS: viaWatch.durationSec }),
    );
    const mine = await me.calendar(today, addDays(today, 6));
    expect(mine.find((x) => x.id === viaStrava.id)?.activityId).toBe(strava.id);
    expect(mine.find((x) => x.id === viaWatch.id)?.activityId).toBe(watch.id);
    const coachView = await w.api<{ workouts: Workout[] }>(`${base}/calendar?from=${today}&to=${addDays(today, 6)}`);
    expect(JSON.stringify(coachView.body)).not.toContain(strava.id);
    expect(coachView.body.workouts.find((x) => x.id === viaStrava.id)?.activityId).toBeNull();
    expect(coachView.body.workouts.find((x) => x.id === viaWatch.id)?.activityId).toBe(watch.id);
  });
});
