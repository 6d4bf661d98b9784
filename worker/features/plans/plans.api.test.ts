// The plans API: an athlete's plan through HTTP, and the IDOR matrix — every plan route with an id,
// generated from the route table, answers 404 to another athlete and changes nothing.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { addDays } from '../../lib/dates';
import type { Body, ErrorBody } from '../../testing/bodies';
import { Harness, expectErrorShape } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import type { Change, Plan, PlannedWorkout } from './plans.schema';

const request = () => ({
  goal: { kind: 'run_10k', eventDate: addDays(new Date().toISOString().slice(0, 10), 60), eventName: 'River 10K' },
  availableDays: [1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  includeStrength: false,
});

async function athleteWithPlan(h: Harness) {
  const a = await h.signup();
  await giveTier(h, a.user.id, 'pro');
  const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request(), cookie: a.cookie });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const plan = made.body;
  const cal = await h.json<{ workouts: Body<typeof PlannedWorkout>[] }>(
    `/api/v1/plans/${plan.id}/calendar?from=${plan.startDate}&to=${addDays(plan.startDate, 13)}`,
    { cookie: a.cookie },
  );
  expect(cal.status).toBe(200);
  return { ...a, plan, workouts: cal.body.workouts };
}

describe('plans API', () => {
  it('preview, create, calendar, skip, move and undo through HTTP', async () => {
    const h = Harness.init();
    const a = await athleteWithPlan(h);
    expect(a.workouts.length).toBeGreaterThan(4);
    expect(a.workouts.every((w) => w.status === 'pending' && w.why.length > 0)).toBe(true);
    const preview = await h.json<{ fitnessSource: string }>('/api/v1/plans/preview', { body: request(), cookie: a.cookie });
    expect(preview.status).toBe(200);
    const x = a.workouts[0]!;
    const skip = await h.json<Body<typeof Change>>(`/api/v1/plans/${a.plan.id}/workouts/${x.id}/skip`, { body: {}, cookie: a.cookie });
    expect(skip.status).toBe(200);
    expect(skip.body).toMatchObject({ action: 'skip', workoutIds: [x.id], undone: false });
    const undo = await h.json(`/api/v1/plans/${a.plan.id}/changes/${skip.body.id}/undo`, { method: 'POST', cookie: a.cookie });
    expect(undo.status).toBe(200);
    const history = await h.json<{ changes: Body<typeof Change>[] }>(`/api/v1/plans/${a.plan.id}/changes`, { cookie: a.cookie });
    expect(history.body.changes.map((c) => [c.action, c.undone])).toEqual([
      ['undo', false],
      ['skip', true],
    ]);
    const bad = await h.json<ErrorBody>(`/api/v1/plans/${a.plan.id}/workouts/${x.id}/move`, {
      body: { date: addDays(a.plan.endDate, 3) },
      cookie: a.cookie,
    });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
  });

  // The calendar is one statement that also says whether the plan is the athlete's (plan-range.repo.ts).
  it('the calendar of days without workouts is empty, and a plan that does not exist is not found', async () => {
    const h = Harness.init();
    const a = await athleteWithPlan(h);
    const after = `from=${addDays(a.plan.endDate, 1)}&to=${addDays(a.plan.endDate, 7)}`;
    const empty = await h.json<{ workouts: unknown[] }>(`/api/v1/plans/${a.plan.id}/calendar?${after}`, { cookie: a.cookie });
    expect(empty.status).toBe(200);
    expect(empty.body.workouts).toEqual([]);
    const none = await h.json<ErrorBody>(`/api/v1/plans/${crypto.randomUUID()}/calendar?${after}`, { cookie: a.cookie });
    expect(none.status).toBe(404);
    expectErrorShape(none.body, 'NOT_FOUND');
  });

  it('a Free athlete gets 403 naming Pro for a move, and may skip', async () => {
    const h = Harness.init();
    const a = await athleteWithPlan(h);
    const free = await h.signup();
    const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request(), cookie: free.cookie });
    expect(made.status).toBe(201);
    const cal = await h.json<{ workouts: Body<typeof PlannedWorkout>[] }>(
      `/api/v1/plans/${made.body.id}/calendar?from=${made.body.startDate}&to=${addDays(made.body.startDate, 6)}`,
      { cookie: free.cookie },
    );
    const w = cal.body.workouts[0]!;
    const move = await h.json<ErrorBody>(`/api/v1/plans/${made.body.id}/workouts/${w.id}/move`, {
      body: { date: addDays(w.date, 1) },
      cookie: free.cookie,
    });
    expect(move.status).toBe(403);
    expect(move.body.error).toMatchObject({
      code: 'ENTITLEMENT_REQUIRED',
      entitlement: { feature: 'workout_control', requiredTier: 'pro' },
    });
    expect((await h.json(`/api/v1/plans/${made.body.id}/workouts/${w.id}/skip`, { body: {}, cookie: free.cookie })).status).toBe(200);
    expect(a.plan.id).not.toBe(made.body.id);
  });

  it('IDOR matrix: every plan route with an id answers another athlete 404, and nothing changes', async () => {
    const h = Harness.init();
    const a = await athleteWithPlan(h);
    const b = await athleteWithPlan(h);
    const skip = await h.json<Body<typeof Change>>(`/api/v1/plans/${a.plan.id}/workouts/${a.workouts[1]!.id}/skip`, {
      body: {},
      cookie: a.cookie,
    });
    // A's adaptive change and illness note (issue 58), named by B under A's plan.
    const noted = await h.json<{ note: { id: string }; proposals: { id: string }[] }>(`/api/v1/plans/${a.plan.id}/health-notes`, {
      body: { kind: 'illness', from: addDays(a.plan.startDate, 3), to: addDays(a.plan.startDate, 4) },
      cookie: a.cookie,
    });
    expect(noted.status).toBe(201);
    const routes = createApp().routes.filter((r) => r.path.startsWith('/api/v1/plans/:planId') && r.method !== 'ALL');
    const keys = [...new Set(routes.map((r) => `${r.method} ${r.path}`))];
    expect(keys.length).toBeGreaterThanOrEqual(14);
    const before = await h.json(`/api/v1/plans/${a.plan.id}/changes`, { cookie: a.cookie });
    const day = addDays(a.plan.startDate, 2);
    // A valid body per route, so the 404 is about whose plan it is and nothing else.
    const bodies: [RegExp, unknown][] = [
      [/\/move$/, { date: day }],
      [/\/swap$/, { from: a.plan.startDate, to: day }],
      [/\/adjust$/, { percent: -10 }],
      [/\/link$/, { activityId: null }],
      [/\/status$/, { status: 'paused' }],
      [/\/workouts$/, { date: day, sport: 'run', type: 'easy', title: 'Extra', durationSec: 1200 }],
      [/\/health-notes$/, { kind: 'illness', from: day }],
      [/\/end$/, { to: day }],
      [/\/race-date$/, { date: addDays(day, 100) }],
      [/\/adapt-settings$/, { auto: true }],
    ];
    for (const key of keys) {
      const [method, pattern] = key.split(' ') as [string, string];
      const path = pattern
        .replace(':planId', a.plan.id)
        .replace(':workoutId', a.workouts[0]!.id)
        .replace(':changeId', skip.body.id)
        .replace(':week', '1')
        .replace(':adaptationId', noted.body.proposals[0]!.id)
        .replace(':noteId', noted.body.note.id);
      const query = path.endsWith('/calendar')
        ? `?from=${a.plan.startDate}&to=${addDays(a.plan.startDate, 6)}`
        : path.endsWith('/file')
          ? '?format=fit'
          : '';
      const body =
        (method === 'GET' ? undefined : bodies.find(([re]) => re.test(path))?.[1]) ??
        (method === 'PATCH' ? { title: 'Not yours' } : method === 'POST' && !path.endsWith('/undo') ? {} : undefined);
      const r = await h.json<ErrorBody>(`${path}${query}`, { method, body, cookie: b.cookie });
      expect(r.status, `${key} as another athlete`).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect(await h.json(`/api/v1/plans/${a.plan.id}/changes`, { cookie: a.cookie })).toEqual(before);
    expect((await h.json(`/api/v1/plans/active`, { cookie: a.cookie })).body).toMatchObject({ id: a.plan.id, status: 'active' });
  });
});
