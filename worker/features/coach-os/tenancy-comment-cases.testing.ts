// The tenancy matrix's cases for the conversations on a linked client's training (tenancy-cases.testing.ts
// spreads them in): A's client shares with A, not with B, so every thread, comment and read mark of A's is a
// 404 to B — through A's client id, and through B's own client with A's activity, workout or comment id.
import { expect } from 'vitest';
import { notFound, ok, type Ctx } from './tenancy-checks.testing';
import type { World } from './tenancy-world.testing';

type Answer = { comment: { id: string; body: string | null } };
const text = { body: 'Tenancy: easy run tomorrow?' };
const activity = (w: World, client = w.client.id, id = w.ids.activity) => `/clients/${client}/activities/${id}/comments`;
const workout = (w: World, client = w.client.id, id = w.ids.workout) => `/clients/${client}/plan/workouts/${id}/comments`;
/** A comment by A's own coach in A's thread, for B to try to change. */
const aComment = async (a: World) => ok(await a.api<Answer>(activity(a), { body: text }), 201).comment.id;

export const commentCases: Record<string, (c: Ctx) => Promise<void>> = {
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/comments': async ({ a, b, asB }) => {
    notFound(await asB(activity(a)));
    notFound(await asB(activity(b, b.client.id, a.ids.activity)));
    expect(ok(await asB<{ thread: { comments: unknown[] } }>(activity(b))).thread.comments).toBeInstanceOf(Array);
  },
  'POST /api/v1/coach/clients/{id}/activities/{activityId}/comments': async ({ a, b, asB }) => {
    notFound(await asB(activity(a), { body: text }));
    notFound(await asB(activity(b, b.client.id, a.ids.activity), { body: text }));
    ok(await asB(activity(b), { body: text }), 201);
  },
  'POST /api/v1/coach/clients/{id}/activities/{activityId}/comments/read': async ({ a, b, asB }) => {
    notFound(await asB(`${activity(a)}/read`, { method: 'POST' }));
    notFound(await asB(`${activity(b, b.client.id, a.ids.activity)}/read`, { method: 'POST' }));
    ok(await asB(`${activity(b)}/read`, { method: 'POST' }));
  },
  'GET /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/comments': async ({ a, b, asB }) => {
    notFound(await asB(workout(a)));
    notFound(await asB(workout(b, b.client.id, a.ids.workout)));
    ok(await asB(workout(b)));
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/comments': async ({ a, b, asB }) => {
    notFound(await asB(workout(a), { body: text }));
    notFound(await asB(workout(b, b.client.id, a.ids.workout), { body: text }));
    ok(await asB(workout(b), { body: text }), 201);
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/comments/read': async ({ a, b, asB }) => {
    notFound(await asB(`${workout(a)}/read`, { method: 'POST' }));
    notFound(await asB(`${workout(b, b.client.id, a.ids.workout)}/read`, { method: 'POST' }));
    ok(await asB(`${workout(b)}/read`, { method: 'POST' }));
  },
  'PATCH /api/v1/coach/clients/{id}/comments/{commentId}': async ({ a, b, asB }) => {
    const theirs = await aComment(a);
    notFound(await asB(`/clients/${a.client.id}/comments/${theirs}`, { method: 'PATCH', body: text }));
    notFound(await asB(`/clients/${b.client.id}/comments/${theirs}`, { method: 'PATCH', body: text }));
    const mine = ok(await asB<Answer>(activity(b), { body: text }), 201).comment.id;
    ok(await asB(`/clients/${b.client.id}/comments/${mine}`, { method: 'PATCH', body: { body: 'Edited' } }));
  },
  'DELETE /api/v1/coach/clients/{id}/comments/{commentId}': async ({ a, b, asB }) => {
    const theirs = await aComment(a);
    notFound(await asB(`/clients/${a.client.id}/comments/${theirs}`, { method: 'DELETE' }));
    notFound(await asB(`/clients/${b.client.id}/comments/${theirs}`, { method: 'DELETE' }));
    const mine = ok(await asB<Answer>(activity(b), { body: text }), 201).comment.id;
    expect(ok(await asB<Answer>(`/clients/${b.client.id}/comments/${mine}`, { method: 'DELETE' })).comment.body).toBeNull();
    // A's comment is untouched.
    const thread = ok(await a.api<{ thread: { comments: { id: string; body: string | null }[] } }>(activity(a)));
    expect(thread.thread.comments.find((c) => c.id === theirs)?.body).toBe(text.body);
  },
};
