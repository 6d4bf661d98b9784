// "Mark done" through HTTP with Idempotency-Key (ADR 080): a replay gets the first answer and acts once, concurrent
// sends of one key act once, a key reused with another body is 422, someone else's workout is 404, undo, and the
// calendar counts a workout done by the athlete's word as completed.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, plannedWorkouts } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import type { Plan, PlannedWorkout } from '../plans.schema';
import type { DoneAnswer } from './workout-control.schema';

const request = () => ({
  goal: { kind: 'run_10k', eventDate: addDays(new Date().toISOString().slice(0, 10), 60), eventName: 'River 10K' },
  availableDays: [1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  includeStrength: false,
});

type Workout = Body<typeof PlannedWorkout>;

async function athlete(h: Harness) {
  const a = await h.signup();
  const plan = (await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request(), cookie: a.cookie })).body;
  const calendar = async () =>
    (
      await h.json<{ workouts: Workout[] }>(`/api/v1/plans/${plan.id}/calendar?from=${plan.startDate}&to=${addDays(plan.startDate, 13)}`, {
        cookie: a.cookie,
      })
    ).body.workouts;
  const workout = (await calendar()).find((w) => w.sport !== 'rest' && !w.skipped)!;
  const done = (
    init: { method?: 'PUT' | 'DELETE'; body?: unknown; key?: string; cookie?: string; workoutId?: string; planId?: string } = {},
  ) =>
    h.json<Body<typeof DoneAnswer>>(`/api/v1/plans/${init.planId ?? plan.id}/workouts/${init.workoutId ?? workout.id}/done`, {
      method: init.method ?? 'PUT',
      body: init.method === 'DELETE' ? undefined : (init.body ?? {}),
      cookie: init.cookie ?? a.cookie,
      headers: init.key ? { 'Idempotency-Key': init.key } : {},
    });
  const row = async () => (await h.db.select().from(plannedWorkouts).where(eq(plannedWorkouts.id, workout.id)))[0]!;
  const keys = async (key: string) =>
    h.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, a.user.id), eq(idempotencyKeys.key, key)));
  return { ...a, plan, workout, calendar, done, row, keys };
}

describe('mark a workout done, with idempotency keys', () => {
  it('marks done with a note and RPE, shows it completed in the calendar, and undo takes it back', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    expect(a.workout.status).not.toBe('completed');
    const put = await a.done({ body: { note: '  Legs heavy, finished it  ', rpe: 7 } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ id: a.workout.id, done: true, doneNote: 'Legs heavy, finished it', doneRpe: 7 });
    const seen = (await a.calendar()).find((w) => w.id === a.workout.id)!;
    expect(seen).toMatchObject({ status: 'completed', doneNote: 'Legs heavy, finished it', doneRpe: 7, activityId: null });
    expect(seen.compliance.band).toBeNull();

    // Sending it again keeps the first time and takes the latest words.
    const again = await a.done({ body: { note: 'Actually felt fine' } });
    expect(again.body).toMatchObject({ doneAt: put.body.doneAt, doneNote: 'Actually felt fine', doneRpe: null });

    const undo = await a.done({ method: 'DELETE' });
    expect(undo.status).toBe(200);
    expect(undo.body).toEqual({ id: a.workout.id, done: false, doneAt: null, doneNote: null, doneRpe: null });
    expect((await a.calendar()).find((w) => w.id === a.workout.id)!.status).not.toBe('completed');
  });

  it('a replay with the same key gets the first answer back and does not act again', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const key = crypto.randomUUID();
    const first = await a.done({ key, body: { note: 'On the train', rpe: 5 } });
    expect(first.status).toBe(200);
    expect(first.res.headers.get('idempotent-replayed')).toBeNull();
    // Taken back in between: a replay that acted again would mark it done once more.
    await a.done({ method: 'DELETE' });
    const replay = await a.done({ key, body: { note: 'On the train', rpe: 5 } });
    expect(replay.status).toBe(200);
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await a.row()).doneAt).toBeNull();
    expect(await a.keys(key)).toHaveLength(1);
  });

  it('concurrent sends of one key act once', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 4 }, () => a.done({ key, body: { note: 'Twice?' } })));
    const acted = answers.filter((r) => r.status === 200 && r.res.headers.get('idempotent-replayed') === null);
    expect(acted).toHaveLength(1);
    for (const r of answers) {
      if (r.status === 200) expect(r.body).toEqual(acted[0]!.body);
      else {
        expect(r.status).toBe(409);
        expect((r.body as unknown as { error: { reason: string } }).error.reason).toBe('IDEMPOTENCY_KEY_IN_USE');
      }
    }
    expect(await a.keys(key)).toHaveLength(1);
  });

  it('the same key with another body (or route) is 422 IDEMPOTENCY_KEY_REUSED, and a malformed key 400', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const key = crypto.randomUUID();
    expect((await a.done({ key, body: { note: 'one' } })).status).toBe(200);
    const other = await a.done({ key, body: { note: 'two' } });
    expect(other.status).toBe(422);
    expectErrorShape(other.body, 'IDEMPOTENCY_KEY_REUSED');
    const undo = await a.done({ key, method: 'DELETE' });
    expect(undo.status).toBe(422);
    expect((await a.row()).doneNote).toBe('one');
    expectErrorShape((await a.done({ key: 'short', body: {} })).body, 'VALIDATION');
  });

  it("someone else's workout or plan is 404, key or not, and their key space is their own", async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const b = await athlete(h);
    const key = crypto.randomUUID();
    for (const k of [undefined, key]) {
      expectErrorShape((await b.done({ key: k, workoutId: a.workout.id })).body, 'NOT_FOUND');
      expectErrorShape((await b.done({ key: k && `${k}-plan`, planId: a.plan.id, workoutId: a.workout.id })).body, 'NOT_FOUND');
      const undo = { key: k && `${k}-undo`, method: 'DELETE' as const, planId: a.plan.id, workoutId: a.workout.id };
      expectErrorShape((await b.done(undo)).body, 'NOT_FOUND');
    }
    expect((await a.row()).doneAt).toBeNull();
    // A 404 is an answer too: kept, so the same request replays it.
    const replay = await b.done({ key, workoutId: a.workout.id });
    expect(replay.status).toBe(404);
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    // The same key string is a fresh key for another athlete.
    expect((await a.done({ key })).status).toBe(200);
    expect((await h.json(`/api/v1/plans/${a.plan.id}/workouts/${a.workout.id}/done`, { method: 'PUT', body: {} })).status).toBe(401);
  });

  it('a skipped workout is 409 WORKOUT_SKIPPED', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    await h.json(`/api/v1/plans/${a.plan.id}/workouts/${a.workout.id}/skip`, { body: {}, cookie: a.cookie });
    const r = await a.done();
    expect(r.status).toBe(409);
    expect((r.body as unknown as { error: { reason: string } }).error.reason).toBe('WORKOUT_SKIPPED');
  });
});
