// Full workout control through HTTP: the catalog, add/edit/delete/swap/adjust/link/status with their
// answers, the calendar's new fields, 403 naming Pro for every Pro action on Free (and 200 for skip,
// restore and delete), 400 naming the field for bad steps, and 429 with Retry-After.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { plannedWorkouts } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import { buildSession } from '../generator';
import type { Change, Plan, PlannedWorkout } from '../plans.schema';
import type { StepNode } from '../plans.types';
import { fitSeconds, generatorLoad, stepLengths, zwoSeconds } from './plans-control.testing';
import { ACTION_LIMITS } from './workout-control.service';
import type { WorkoutTypes } from './workout-control.schema';

const request = () => ({
  goal: { kind: 'run_10k', eventDate: addDays(new Date().toISOString().slice(0, 10), 60), eventName: 'River 10K' },
  availableDays: [1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  includeStrength: false,
});

async function athlete(h: Harness, tier: 'free' | 'pro') {
  const a = await h.signup();
  if (tier === 'pro') await giveTier(h, a.user.id, 'pro');
  const plan = (await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request(), cookie: a.cookie })).body;
  const calendar = async (from = plan.startDate, to = addDays(plan.startDate, 13)) =>
    (
      await h.json<{ workouts: Body<typeof PlannedWorkout>[] }>(`/api/v1/plans/${plan.id}/calendar?from=${from}&to=${to}`, {
        cookie: a.cookie,
      })
    ).body.workouts;
  const api = <T = Body<typeof Change>>(path: string, init: { method?: string; body?: unknown } = {}) =>
    h.json<T>(`/api/v1/plans/${plan.id}${path}`, { ...init, cookie: a.cookie });
  return { ...a, plan, calendar, api, workouts: await calendar() };
}

const STEPS = [
  { kind: 'warmup', durationSec: 600, distanceM: null, target: { metric: 'hr', zone: 2, low: 0.7, high: 0.8 } },
  {
    kind: 'repeat',
    count: 6,
    steps: [{ kind: 'work', durationSec: 90, distanceM: null, target: { metric: 'pace', zone: 5, low: 1.05, high: 1.1 } }],
  },
];

describe('workout control API', () => {
  it('the catalog, add (201), edit, swap, adjust, link, delete and status, and the calendar shows intensity and linkMode', async () => {
    const h = Harness.init();
    const a = await athlete(h, 'pro');
    const types = await h.json<Body<typeof WorkoutTypes>>('/api/v1/plans/workout-types', { cookie: a.cookie });
    expect(types.status).toBe(200);
    expect(types.body.types.find((t) => t.type === 'brick')).toEqual({
      type: 'brick',
      label: 'Brick (bike + run)',
      sports: ['brick'],
      hard: true,
    });
    expect((await h.json('/api/v1/plans/workout-types')).status).toBe(401);

    const day = addDays(a.plan.startDate, 9);
    const intensity = { metric: 'pace', zone: 5, low: 1.05, high: 1.1 };
    const add = await a.api('/workouts', {
      body: {
        date: day,
        sport: 'run',
        type: 'intervals',
        title: '6 × 400 m',
        durationSec: 1140,
        intensity,
        steps: STEPS,
        reason: 'Track night',
      },
    });
    expect(add.status, JSON.stringify(add.body)).toBe(201);
    expect(add.body).toMatchObject({ action: 'add', reason: 'Track night', undone: false });
    const added = (await a.calendar(day, day)).find((w) => w.id === add.body.workoutIds[0])!;
    expect(added).toMatchObject({ week: 2, intensity, linkMode: null, steps: STEPS, status: 'pending' });
    // Its load is its steps' by the generator's rule, and its words describe them.
    expect(added.targetLoad).toBe(generatorLoad('run', STEPS as StepNode[]));
    expect(added.description).toMatch(/^10 min warm-up at Z2 .*; 6 × \(1 min 30 s hard at Z5 /);

    const edit = await a.api(`/workouts/${added.id}`, { method: 'PATCH', body: { title: '8 × 400 m', distanceM: 6000 } });
    expect(edit.status).toBe(200);
    expect((await a.calendar(day, day)).find((w) => w.id === added.id)).toMatchObject({ title: '8 × 400 m', distanceM: 6000 });
    const empty = await a.api<ErrorBody>(`/workouts/${added.id}`, { method: 'PATCH', body: { reason: 'nothing else' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('Nothing to update');

    const swap = await a.api('/swap', { body: { from: day, to: addDays(day, 1) } });
    expect(swap.status).toBe(200);
    expect(swap.body.workoutIds).toContain(added.id);
    expect((await a.calendar(addDays(day, 1), addDays(day, 1))).map((w) => w.id)).toContain(added.id);
    expect((await a.api('/weeks/2/adjust', { body: { percent: -20 } })).status).toBe(200);
    const unlink = await a.api(`/workouts/${added.id}/unlink`, { method: 'POST' });
    expect(unlink.body.action).toBe('unlink');
    expect((await a.calendar(addDays(day, 1), addDays(day, 1))).find((w) => w.id === added.id)?.linkMode).toBe('unlinked');
    expect((await a.api(`/workouts/${added.id}/link`, { body: { activityId: null } })).body.action).toBe('auto');
    const del = await a.api(`/workouts/${added.id}`, { method: 'DELETE' });
    expect(del.body).toMatchObject({ action: 'delete', workoutIds: [added.id] });
    expect((await a.calendar(addDays(day, 1), addDays(day, 1))).find((w) => w.id === added.id)?.status).toBe('skipped');

    const paused = await a.api<Body<typeof Plan>>('/status', { body: { status: 'paused' } });
    expect(paused.body.status).toBe('paused');
    const refused = await a.api<ErrorBody>(`/workouts/${added.id}/restore`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.reason).toBe('PLAN_NOT_ACTIVE');
    expect((await a.api<Body<typeof Plan>>('/status', { body: { status: 'active' } })).body.status).toBe('active');
    const history = await a.api<{ changes: Body<typeof Change>[] }>('/changes');
    expect(history.body.changes.map((c) => c.action)).toEqual([
      'resume',
      'pause',
      'delete',
      'auto',
      'unlink',
      'adjust',
      'swap',
      'edit',
      'add',
    ]);
  });

  it('a 50-min easy run edited to a 30-min recovery run is 30 min everywhere: steps, words, load, FIT and .zwo; undo brings it back', async () => {
    const h = Harness.init();
    const a = await athlete(h, 'pro');
    const x = a.workouts.find((w) => w.sport === 'run')!;
    // The generator's own 50-minute easy run on that day: "50 min steady at Z2 …", load 53.3.
    const easy = buildSession({ sport: 'run', type: 'easy', role: 'easy', minutes: 50, work: 0 }, 'run_10k');
    expect([easy.title, easy.targetLoad, easy.description.slice(0, 13)]).toEqual(['Easy run 50 min', 53.3, '50 min steady']);
    const { sport: _s, role: _r, hardSec: _h, ...fields } = easy;
    await h.db.update(plannedWorkouts).set(fields).where(eq(plannedWorkouts.id, x.id));
    const [before] = await a.calendar(x.date, x.date).then((l) => l.filter((w) => w.id === x.id));

    const edit = await a.api(`/workouts/${x.id}`, { method: 'PATCH', body: { type: 'recovery', durationSec: 1800 } });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const [after] = (await a.calendar(x.date, x.date)).filter((w) => w.id === x.id);
    const steps = after!.steps as unknown as StepNode[];
    expect(after).toMatchObject({ type: 'recovery', durationSec: 1800, title: 'Recovery run 30 min' });
    expect(stepLengths(steps).total).toBe(1800);
    expect(after!.description).toMatch(/^30 min steady at Z1 /);
    expect(after!.targetLoad).toBe(generatorLoad('run', steps));
    expect(after!.targetLoad).toBeLessThan(53.3 * 0.6);
    expect(after!.intensity).toMatchObject({ zone: 1 });
    const file = (format: string) => h.call(`/api/v1/plans/${a.plan.id}/workouts/${x.id}/file?format=${format}`, { cookie: a.cookie });
    expect(fitSeconds(new Uint8Array(await (await file('fit')).arrayBuffer()))).toBe(1800);
    expect(zwoSeconds(await (await file('zwo')).text())).toBe(1800);

    expect((await a.api(`/changes/${edit.body.id}/undo`, { body: {} })).status).toBe(200);
    const [back] = (await a.calendar(x.date, x.date)).filter((w) => w.id === x.id);
    expect({ ...back, revision: 0 }).toEqual({ ...before, revision: 0 });
  });

  it('Free: 403 naming Pro for every Pro action; skip, restore and delete answer 200', async () => {
    const h = Harness.init();
    const a = await athlete(h, 'free');
    const x = a.workouts[0]!;
    const day = addDays(a.plan.startDate, 3);
    const pro: [string, string, unknown][] = [
      ['PATCH', `/workouts/${x.id}`, { title: 'Mine' }],
      ['POST', '/workouts', { date: day, sport: 'run', type: 'easy', title: 'Extra', durationSec: 1200 }],
      ['POST', '/swap', { from: x.date, to: day }],
      ['POST', '/weeks/1/adjust', { percent: -10 }],
      ['POST', `/workouts/${x.id}/link`, { activityId: null }],
      ['POST', `/workouts/${x.id}/unlink`, undefined],
      ['POST', `/workouts/${x.id}/move`, { date: day }],
    ];
    for (const [method, path, body] of pro) {
      const r = await a.api<ErrorBody>(path, { method, body });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error).toMatchObject({
        code: 'ENTITLEMENT_REQUIRED',
        entitlement: { feature: 'workout_control', requiredTier: 'pro' },
      });
    }
    expect((await a.api(`/workouts/${x.id}/skip`, { body: {} })).status).toBe(200);
    expect((await a.api(`/workouts/${x.id}/restore`, { body: {} })).status).toBe(200);
    expect((await a.api(`/workouts/${x.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await a.api<Body<typeof Plan>>('/status', { body: { status: 'cancelled' } })).body.status).toBe('cancelled');
  });

  it('bad steps and bounds are 400 naming the field; a used-up bucket is 429 with Retry-After', async () => {
    const h = Harness.init();
    const a = await athlete(h, 'pro');
    const x = a.workouts[0]!;
    const bad: [unknown, string][] = [
      [[{ kind: 'work', durationSec: 60, distanceM: 100, target: null }], 'steps.0.durationSec'],
      [[{ kind: 'repeat', count: 500, steps: [{ kind: 'work', durationSec: 60, distanceM: null, target: null }] }], 'steps.0.count'],
      [[{ kind: 'work', durationSec: 60, distanceM: null, target: { metric: 'hr', zone: 9, low: 0.8, high: 0.9 } }], 'steps.0.target.zone'],
      [[{ kind: 'work', durationSec: 60, distanceM: null, target: { metric: 'hr', zone: 3, low: 0.9, high: 0.8 } }], 'steps.0.target.high'],
      // A planned step is timed: a distance has no time, so it could not add up to the workout's.
      [[{ kind: 'work', durationSec: null, distanceM: 400, target: null }], 'steps.0.durationSec'],
      [
        [{ kind: 'repeat', count: 4, steps: [{ kind: 'work', durationSec: null, distanceM: 400, target: null }] }],
        'steps.0.steps.0.durationSec',
      ],
    ];
    for (const [steps, path] of bad) {
      const r = await a.api<ErrorBody>(`/workouts/${x.id}`, { method: 'PATCH', body: { steps } });
      expect(r.status, path).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(r.body.error.fields?.map((f) => f.path)).toContain(path);
    }
    // What contradicts the steps is refused, naming the field: a duration they don't add up to, a made-up
    // load, an intensity none of them has, a type too short for its length.
    const steady = [{ kind: 'steady', durationSec: 1800, distanceM: null, target: { metric: 'pace', zone: 2, low: 0.75, high: 0.85 } }];
    for (const [body, field, says] of [
      [{ steps: steady, durationSec: 2400 }, 'durationSec', /add up to 30 min/],
      [{ targetLoad: 99 }, 'targetLoad', /follows from the steps/],
      [{ steps: steady, intensity: { metric: 'pace', zone: 4, low: 0.93, high: 1.01 } }, 'intensity', /main target/],
      [{ type: 'threshold', durationSec: 1200 }, 'durationSec', /^A threshold run needs at least 34 min\.$/],
      [{ durationSec: 120 }, 'durationSec', /at least 5 min/],
    ] as const) {
      const r = await a.api<ErrorBody>(`/workouts/${x.id}`, { method: 'PATCH', body });
      expect(r.status, field).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(r.body.error.fields?.[0]?.path).toBe(field);
      expect(r.body.error.message).toMatch(says);
    }
    for (const [path, body, field] of [
      ['/weeks/1/adjust', { percent: 30 }, 'percent'],
      ['/swap', { from: x.date, to: x.date }, 'to'],
      ['/workouts', { date: addDays(a.plan.endDate, 1), sport: 'run', type: 'easy', title: 'Late', durationSec: 600 }, 'date'],
      [`/workouts/${x.id}/move`, { date: addDays(a.plan.startDate, -1) }, 'date'],
    ] as const) {
      const r = await a.api<ErrorBody>(path, { body });
      expect(r.status, path).toBe(400);
      expect(r.body.error.fields?.[0]?.path).toBe(field);
    }
    // This hour's and the next hour's add buckets used up, so the answer holds whenever the hour turns.
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    for (const start of [hour, hour + 3_600_000])
      await h.db.execute(
        sql`insert into action_counters (user_id, bucket, window_start, count) values (${a.user.id}, 'add', ${new Date(start).toISOString()}, ${ACTION_LIMITS.add})`,
      );
    const limited = await a.api<ErrorBody>('/workouts', {
      body: { date: x.date, sport: 'run', type: 'easy', title: 'One more', durationSec: 600 },
    });
    expect(limited.status).toBe(429);
    expectErrorShape(limited.body, 'RATE_LIMITED');
    expect(Number(limited.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.res.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
  });
});
