// The tenancy matrix's cases for a linked client's plan (tenancy-cases.testing.ts spreads them in).
import { expect } from 'vitest';
import { idsOf, notFound, ok, type Ctx } from './tenancy-checks.testing';

export const planCases: Record<string, (c: Ctx) => Promise<void>> = {
  // A's client shares (and lets A edit) their plan with A, not with B; A's workout and change ids are
  // nobody's in B's client's plan either.
  'GET /api/v1/coach/clients/{id}/plan': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan`));
    expect(ok(await asB<{ plan: { id: string } | null }>(`/clients/${b.client.id}/plan`)).plan?.id).toBe(b.clientPlan.plan.id);
  },
  'GET /api/v1/coach/clients/{id}/plan/calendar': async ({ a, b, asB }) => {
    const days = (w: typeof a) => `from=${w.clientPlan.today}&to=${w.clientPlan.today}`;
    notFound(await asB(`/clients/${a.client.id}/plan/calendar?${days(a)}`));
    ok(await asB(`/clients/${b.client.id}/plan/calendar?${days(b)}`));
  },
  // The training calendar: A's client's days are nobody's business of B, and leak none of A's ids.
  'GET /api/v1/coach/clients/{id}/calendar': async ({ a, b, asB }) => {
    const days = (w: typeof a) => `from=${w.clientPlan.today}&to=${w.clientPlan.today}`;
    notFound(await asB(`/clients/${a.client.id}/calendar?${days(a)}`));
    expect(ok(await asB<{ plan: { id: string } | null }>(`/clients/${b.client.id}/calendar?${days(b)}`)).plan?.id).toBe(
      b.clientPlan.plan.id,
    );
  },
  // The thresholds a coach's step builder previews with: A's client's are nobody's business of B.
  'GET /api/v1/coach/clients/{id}/plan/workout-thresholds': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan/workout-thresholds?date=${a.clientPlan.today}`));
    ok(await asB(`/clients/${b.client.id}/plan/workout-thresholds?date=${b.clientPlan.today}`));
  },
  'GET /api/v1/coach/clients/{id}/plan/changes': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan/changes`));
    expect(idsOf(ok(await asB<{ changes: { id: string }[] }>(`/clients/${b.client.id}/plan/changes`)).changes)).toContain(b.planChange.id);
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/move': async ({ a, b, asB }) => {
    const [theirs, mine] = [a.clientPlan.workouts[1]!, b.clientPlan.workouts[1]!];
    notFound(await asB(`/clients/${a.client.id}/plan/workouts/${theirs.id}/move`, { body: { date: theirs.date } }));
    notFound(await asB(`/clients/${b.client.id}/plan/workouts/${theirs.id}/move`, { body: { date: theirs.date } }));
    ok(await asB(`/clients/${b.client.id}/plan/workouts/${mine.id}/move`, { body: { date: mine.date } }));
  },
  'PATCH /api/v1/coach/clients/{id}/plan/workouts/{workoutId}': async ({ a, b, asB }) => {
    const body = { title: 'Taken over' };
    notFound(await asB(`/clients/${a.client.id}/plan/workouts/${a.clientPlan.workouts[4]!.id}`, { method: 'PATCH', body }));
    notFound(await asB(`/clients/${b.client.id}/plan/workouts/${a.clientPlan.workouts[4]!.id}`, { method: 'PATCH', body }));
    ok(await asB(`/clients/${b.client.id}/plan/workouts/${b.clientPlan.workouts[4]!.id}`, { method: 'PATCH', body }));
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/skip': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan/workouts/${a.clientPlan.workouts[2]!.id}/skip`, { body: {} }));
    notFound(await asB(`/clients/${b.client.id}/plan/workouts/${a.clientPlan.workouts[2]!.id}/skip`, { body: {} }));
    ok(await asB(`/clients/${b.client.id}/plan/workouts/${b.clientPlan.workouts[2]!.id}/skip`, { body: {} }));
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/restore': async ({ a, b, asB }) => {
    // The first workout of each plan was skipped by its own coach when the world was made.
    notFound(await asB(`/clients/${a.client.id}/plan/workouts/${a.ids.workout}/restore`, { body: {} }));
    notFound(await asB(`/clients/${b.client.id}/plan/workouts/${a.ids.workout}/restore`, { body: {} }));
    ok(await asB(`/clients/${b.client.id}/plan/workouts/${b.clientPlan.workouts[3]!.id}/skip`, { body: {} }));
    ok(await asB(`/clients/${b.client.id}/plan/workouts/${b.clientPlan.workouts[3]!.id}/restore`, { body: {} }));
  },
  'POST /api/v1/coach/clients/{id}/plan/changes/{changeId}/undo': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan/changes/${a.planChange.id}/undo`, { method: 'POST' }));
    notFound(await asB(`/clients/${b.client.id}/plan/changes/${a.planChange.id}/undo`, { method: 'POST' }));
    ok(await asB(`/clients/${b.client.id}/plan/changes/${b.planChange.id}/undo`, { method: 'POST' }));
  },
  // The changes a client's plan proposed: A's are not B's to list, approve or refuse (404), whoever's client is named.
  'GET /api/v1/coach/clients/{id}/plan/adaptations': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan/adaptations`));
    const mine = ok(await asB<{ items: { id: string }[] }>(`/clients/${b.client.id}/plan/adaptations`));
    expect(idsOf(mine.items)).toEqual(expect.arrayContaining(b.adaptations));
  },
  'POST /api/v1/coach/clients/{id}/plan/adaptations/{adaptationId}/approve': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan/adaptations/${a.adaptations[0]}/approve`, { body: {} }));
    notFound(await asB(`/clients/${b.client.id}/plan/adaptations/${a.adaptations[0]}/approve`, { body: {} }));
    expect(
      ok(await asB<{ status: string }>(`/clients/${b.client.id}/plan/adaptations/${b.adaptations[0]}/approve`, { body: {} })).status,
    ).toBe('applied');
  },
  'POST /api/v1/coach/clients/{id}/plan/adaptations/{adaptationId}/refuse': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/plan/adaptations/${a.adaptations[1]}/refuse`, { method: 'POST' }));
    notFound(await asB(`/clients/${b.client.id}/plan/adaptations/${a.adaptations[1]}/refuse`, { method: 'POST' }));
    expect(
      ok(await asB<{ status: string }>(`/clients/${b.client.id}/plan/adaptations/${b.adaptations[1]}/refuse`, { method: 'POST' })).status,
    ).toBe('refused');
  },
};
