// The tenancy matrix's cases for the org's library, templates and adds/deletes on a client's plan (ADR 058;
// tenancy-cases.testing.ts spreads them in). A's rows are made inside each case, by A's own coach.
import { expect } from 'vitest';
import { addDays, mondayOf } from '../../lib/dates';
import { LIBRARY_WORKOUT } from '../library/library.fuzz.testing';
import { idsOf, notFound, ok, type Ctx } from './tenancy-checks.testing';
import type { World } from './tenancy-world.testing';

/** One library workout per org for the cases that only need one to exist (fresh ones where a case uses it up). */
const kept = new WeakMap<World, Promise<string>>();
const fresh = async (w: World) => ok(await w.api<{ id: string }>('/library/workouts', { body: LIBRARY_WORKOUT }), 201).id;
const workoutOf = (w: World) => {
  let id = kept.get(w);
  if (!id) {
    id = fresh(w);
    kept.set(w, id);
  }
  return id;
};
const templateOf = async (w: World, libraryWorkoutId: string) =>
  ok(
    await w.api<{ id: string }>('/templates', {
      body: { name: `${w.marker} block`, weeks: 1, items: [{ week: 1, weekday: 3, libraryWorkoutId }] },
    }),
    201,
  ).id;

export const trainingCases: Record<string, (c: Ctx) => Promise<void>> = {
  'GET /api/v1/coach/library/workouts': async ({ a, b, asB }) => {
    const theirs = await workoutOf(a);
    const mine = await workoutOf(b);
    const ids = idsOf(ok(await asB<{ workouts: { id: string }[] }>('/library/workouts')).workouts);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
  },
  'POST /api/v1/coach/library/workouts': async ({ asB }) => {
    ok(await asB('/library/workouts', { body: LIBRARY_WORKOUT }), 201);
  },
  'PATCH /api/v1/coach/library/workouts/{workoutId}': async ({ a, b, asB }) => {
    notFound(await asB(`/library/workouts/${await workoutOf(a)}`, { method: 'PATCH', body: { title: 'Taken over' } }));
    ok(await asB(`/library/workouts/${await workoutOf(b)}`, { method: 'PATCH', body: { title: 'Mine' } }));
  },
  'DELETE /api/v1/coach/library/workouts/{workoutId}': async ({ a, b, asB }) => {
    notFound(await asB(`/library/workouts/${await workoutOf(a)}`, { method: 'DELETE' }));
    ok(await asB(`/library/workouts/${await fresh(b)}`, { method: 'DELETE' }));
  },
  'POST /api/v1/coach/library/workouts/{workoutId}/duplicate': async ({ a, b, asB }) => {
    notFound(await asB(`/library/workouts/${await workoutOf(a)}/duplicate`, { method: 'POST' }));
    ok(await asB(`/library/workouts/${await workoutOf(b)}/duplicate`, { method: 'POST' }), 201);
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts': async ({ a, b, asB }) => {
    const date = addDays(b.clientPlan.today, 2);
    const [theirs, mine] = [await workoutOf(a), await workoutOf(b)];
    notFound(await asB(`/clients/${a.client.id}/plan/workouts`, { body: { libraryWorkoutId: mine, date } }));
    notFound(await asB(`/clients/${b.client.id}/plan/workouts`, { body: { libraryWorkoutId: theirs, date } }));
    ok(await asB(`/clients/${b.client.id}/plan/workouts`, { body: { libraryWorkoutId: mine, date } }));
  },
  'DELETE /api/v1/coach/clients/{id}/plan/workouts/{workoutId}': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan/workouts/${a.clientPlan.workouts[5]!.id}`, { method: 'DELETE', body: {} }));
    notFound(await asB(`/clients/${b.client.id}/plan/workouts/${a.clientPlan.workouts[5]!.id}`, { method: 'DELETE', body: {} }));
    // B's own delete gets past tenancy: done, or refused by the athlete's hourly skip limit (the matrix's skips
    // used it up), which is only checked once the workout is found on B's client's plan.
    const own = await asB(`/clients/${b.client.id}/plan/workouts/${b.clientPlan.workouts[5]!.id}`, { method: 'DELETE', body: {} });
    expect([200, 429], own.text).toContain(own.status);
  },
  'GET /api/v1/coach/templates': async ({ a, b, asB }) => {
    const theirs = await templateOf(a, await workoutOf(a));
    const mine = await templateOf(b, await workoutOf(b));
    const ids = idsOf(ok(await asB<{ templates: { id: string }[] }>('/templates')).templates);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
  },
  'POST /api/v1/coach/templates': async ({ a, b, asB }) => {
    const body = (id: string) => ({ name: 'Block', weeks: 1, items: [{ week: 1, weekday: 0, libraryWorkoutId: id }] });
    notFound(await asB('/templates', { body: body(await workoutOf(a)) }));
    ok(await asB('/templates', { body: body(await workoutOf(b)) }), 201);
  },
  // B's template on A's client is a per-client NOT_FOUND (training.test.ts); here, A's template is nobody's.
  'POST /api/v1/coach/templates/{templateId}/apply': async ({ a, b, asB }) => {
    const startDate = addDays(mondayOf(b.clientPlan.today), 7);
    const clients = [{ clientId: b.client.id, startDate }];
    notFound(await asB(`/templates/${await templateOf(a, await workoutOf(a))}/apply`, { body: { clients } }));
    const r = ok(
      await asB<{ results: { status: string }[] }>(`/templates/${await templateOf(b, await workoutOf(b))}/apply`, { body: { clients } }),
    );
    expect(r.results.map((x) => x.status)).toEqual(['applied']);
  },
};
