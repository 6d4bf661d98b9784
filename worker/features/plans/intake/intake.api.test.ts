// Onboarding answers and "Rebuild plan?" through HTTP: validation names the fields, each athlete sees only
// their own answers, a plan made from them says so, and a rebuild happens only on the athlete's word.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness, expectErrorShape } from '../../../testing/harness';
import type { Intake } from './intake.schema';
import type { Plan } from '../plans.schema';

const today = () => new Date().toISOString().slice(0, 10);
const answers = {
  goal: { kind: 'run_10k', eventName: 'River 10K', eventDate: addDays(today(), 70) },
  availableDays: [1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  injuries: 'Achilles niggle last spring',
  returningFromBreak: true,
  returnDate: addDays(today(), -21),
  runsPerWeek: 3,
  weeklyVolume: { unit: 'km', value: 20 },
  longestRun: { unit: 'min', value: 60 },
};

describe('intake API', () => {
  it('refuses bad answers naming each field, saves good ones, and shows each athlete only their own', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const b = await h.signup();
    const bad = await h.json<ErrorBody>('/api/v1/intake', {
      method: 'PUT',
      cookie: a.cookie,
      body: {
        ...answers,
        availableDays: [1, 7],
        runsPerWeek: 15,
        injuries: 'x'.repeat(501),
        weeklyVolume: { unit: 'km', value: -1 },
        goal: { kind: 'ultra', eventName: null, eventDate: null },
      },
    });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
    const paths = (bad.body.error.fields ?? []).map((f) => f.path);
    for (const p of ['availableDays.1', 'runsPerWeek', 'injuries', 'weeklyVolume.value', 'goal.kind']) expect(paths).toContain(p);
    const future = await h.json<ErrorBody>('/api/v1/intake', {
      method: 'PUT',
      cookie: a.cookie,
      body: { ...answers, returnDate: addDays(today(), 2) },
    });
    expect(future.status).toBe(400);
    expect(future.body.error.fields?.map((f) => f.path)).toEqual(['returnDate']);
    expect((await h.json<Body<typeof Intake>>('/api/v1/intake', { cookie: a.cookie })).body.answers).toBeNull();

    const saved = await h.json<Body<typeof Intake>>('/api/v1/intake', { method: 'PUT', cookie: a.cookie, body: answers });
    expect(saved.status).toBe(200);
    expect(saved.body.answers).toMatchObject({ weeklyDistanceM: 20_000, longestRunS: 3600, returnDate: answers.returnDate });
    expect(saved.body.suggestedRequest).toEqual({ goal: answers.goal, availableDays: [1, 3, 5, 6], longDay: 6, hoursPerWeek: 5 });
    const mine = await h.json<Body<typeof Intake>>('/api/v1/intake', { cookie: a.cookie });
    expect(mine.body).toEqual(saved.body);
    expect((await h.json<Body<typeof Intake>>('/api/v1/intake', { cookie: b.cookie })).body).toEqual({
      answers: null,
      suggestedRequest: null,
      thinHistory: true,
    });
    expect((await h.json('/api/v1/intake')).status).toBe(401);
  });

  it('a plan from the answers says so; history arriving asks "Rebuild plan?" and changes nothing until confirmed', async () => {
    const h = Harness.init();
    const a = await h.signup();
    await h.json('/api/v1/intake', { method: 'PUT', cookie: a.cookie, body: answers });
    const request = { goal: answers.goal, availableDays: [1, 3, 5, 6], longDay: 6, hoursPerWeek: 5, includeStrength: false };
    const preview = await h.json<{ fitnessSource: string }>('/api/v1/plans/preview', { body: request, cookie: a.cookie });
    expect(preview.body.fitnessSource).toBe('intake');
    const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request, cookie: a.cookie });
    expect(made.status).toBe(201);
    expect(made.body.fitnessSource).toBe('intake');
    const active = await h.json<Body<typeof Plan>>('/api/v1/plans/active', { cookie: a.cookie });
    expect(active.body).toMatchObject({ id: made.body.id, fitnessSource: 'intake', rebuild: null });

    // Five weeks of an hour a day arrive: far more than the answers said.
    const { activities } = analyticsWorld(h.db);
    for (let d = 1; d <= 30; d++) {
      const start = new Date(Date.now() - d * 86_400_000);
      await activities.ingest(
        a.user.id,
        buildActivity({ startTime: start, localStartDate: start.toISOString().slice(0, 10), movingTimeS: 3600 }),
      );
    }
    const asked = await h.json<Body<typeof Plan>>('/api/v1/plans/active', { cookie: a.cookie });
    expect(asked.body.id).toBe(made.body.id);
    expect(asked.body.weeks).toEqual(made.body.weeks);
    expect(asked.body.rebuild?.suggested).toBe(true);
    // 30 hours over the 30 days history covers before today: 7 h a week (not over the whole six-week window).
    const avg = Math.round(((30 * 7) / 30) * 10) / 10;
    expect(asked.body.rebuild?.reasons.join(' ')).toContain(`Your last 6 weeks average ${avg} h a week; your answers said 2 h.`);

    const [one, two] = await Promise.all([
      h.json<Body<typeof Plan>>(`/api/v1/plans/${made.body.id}/rebuild`, { method: 'POST', cookie: a.cookie }),
      h.json<Body<typeof Plan>>(`/api/v1/plans/${made.body.id}/rebuild`, { method: 'POST', cookie: a.cookie }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(two.body.id).toBe(one.body.id);
    expect(one.body).toMatchObject({ status: 'active', fitnessSource: 'history', startDate: addDays(today(), 1) });
    const now = await h.json<Body<typeof Plan>>('/api/v1/plans/active', { cookie: a.cookie });
    expect(now.body).toMatchObject({ id: one.body.id, rebuild: { suggested: false, reasons: [] } });
    const dismissOld = await h.json<ErrorBody>(`/api/v1/plans/${made.body.id}/rebuild/dismiss`, { method: 'POST', cookie: a.cookie });
    expect(dismissOld.status).toBe(409);
    expect(dismissOld.body.error).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_NOT_ACTIVE' });
  });
});
