// A structured workout through workout control (ADR 055): add and edit with the step tree or its text;
// time, distance and load follow from the steps with the athlete's thresholds of the day; a text that
// does not parse is a 400 listing each bad token; undo gives the old workout back.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import { parseWorkoutText, workoutTotals } from '../../workouts';
import type { Change, Plan, PlannedWorkout } from '../plans.schema';

const INTERVALS = '- warmup 15m Z2\n3x 10m 95-105% 5m Z1\n- cooldown 10m Z1';

async function athlete(h: Harness) {
  const a = await h.signup();
  await giveTier(h, a.user.id, 'pro');
  const body = {
    goal: { kind: 'run_10k', eventDate: addDays(new Date().toISOString().slice(0, 10), 60), eventName: 'River 10K' },
    availableDays: [1, 3, 5, 6],
    longDay: 6,
    hoursPerWeek: 5,
    includeStrength: false,
  };
  const plan = (await h.json<Body<typeof Plan>>('/api/v1/plans', { body, cookie: a.cookie })).body;
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

describe('structured workouts through workout control', () => {
  it('adds from text: the tree stored, time, distance and load from the steps (hand-worked)', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const day = addDays(a.plan.startDate, 3);
    const r = await a.api('/workouts', { body: { date: day, sport: 'run', type: 'intervals', title: 'Threshold 3x10', text: INTERVALS } });
    expect(r.status).toBe(201);
    const w = (await a.calendar(day, day)).find((x) => x.title === 'Threshold 3x10')!;
    // 15 + 3 × (10 + 5) + 10 min; load Σ s·IF²/36: 900·0.8² + 3·(600·1² + 300·0.7²) + 600·0.7², over 36.
    expect(w.durationSec).toBe(4200);
    expect(w.targetLoad).toBe(Math.round((900 * 0.64 + 3 * (600 + 300 * 0.49) + 600 * 0.49) / 36));
    expect(w.steps).toEqual(
      parseWorkoutText(INTERVALS, 'run').ok && (parseWorkoutText(INTERVALS, 'run') as { workout: { steps: unknown } }).workout.steps,
    );
    expect(w.intensity).toBeNull();
  });

  it('edits with a tree: distances timed by the athlete’s threshold pace in effect; undo restores the old workout', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const x = a.workouts.find((w) => w.sport === 'run')!;
    const before = (await a.calendar(x.date, x.date)).find((w) => w.id === x.id)!;
    // Threshold pace 4:00/km (stored as m/s).
    await h.db.execute(
      sql`insert into athlete_thresholds (user_id, kind, value, effective_from, source) values (${a.user.id}, 'threshold_pace', ${1000 / 240}, ${addDays(x.date, -30)}, 'manual')`,
    );
    const tree = {
      steps: [
        { kind: 'warmup', durationSec: 600, distanceM: null, target: { metric: 'pace', zone: 2 } },
        {
          kind: 'repeat',
          count: 4,
          steps: [
            { kind: 'work', durationSec: null, distanceM: 1000, target: { metric: 'pace', unit: 's/km', low: 235, high: 245 } },
            { kind: 'recovery', durationSec: null, distanceM: null, target: null },
          ],
        },
      ],
    };
    const edit = await a.api(`/workouts/${x.id}`, { method: 'PATCH', body: { workout: tree } });
    expect(edit.status).toBe(200);
    const after = (await a.calendar(x.date, x.date)).find((w) => w.id === x.id)!;
    const totals = workoutTotals({ sport: 'run', steps: tree.steps as never }, { thresholdPaceSecPerKm: 240 });
    // 4 × 1 km at 4:00/km = 16 min, 4 lap steps at 5 min, 10 min warm-up (its distance at Z2's pace).
    expect(totals.durationSec).toBe(600 + 4 * 240 + 4 * 300);
    expect(totals.distanceM).toBeGreaterThan(4000);
    expect(after).toMatchObject({
      durationSec: totals.durationSec,
      distanceM: Math.round(totals.distanceM),
      targetLoad: Math.round(totals.load),
      steps: tree.steps,
    });
    // The page's form sends the fields back as they are, with a new title: only the title changes.
    const again = await a.api(`/workouts/${x.id}`, {
      method: 'PATCH',
      body: {
        title: 'Kilometres',
        durationSec: after.durationSec,
        targetLoad: after.targetLoad,
        intensity: after.intensity,
        sport: 'run',
        type: after.type,
      },
    });
    expect(again.status).toBe(200);
    expect((await a.calendar(x.date, x.date)).find((w) => w.id === x.id)).toMatchObject({ title: 'Kilometres', steps: tree.steps });
    expect((await a.api(`/changes/${again.body.id}/undo`, { body: {} })).status).toBe(200);
    expect((await a.api(`/changes/${edit.body.id}/undo`, { body: {} })).status).toBe(200);
    const back = (await a.calendar(x.date, x.date)).find((w) => w.id === x.id)!;
    expect({ ...back, revision: 0 }).toEqual({ ...before, revision: 0 });
  });

  it('a text that does not parse is 400 with each bad token’s line and column; a duration that contradicts the steps names it', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const x = a.workouts[0]!;
    const r = await a.api<ErrorBody>(`/workouts/${x.id}`, { method: 'PATCH', body: { text: '- warmup 10m Z2\n3x 10m 95-105% 5q Z1' } });
    expect(r.status).toBe(400);
    expectErrorShape(r.body, 'VALIDATION');
    const errors = (r.body.error as { textErrors?: { line: number; column: number; token: string; message: string }[] }).textErrors;
    expect(errors?.[0]).toMatchObject({ line: 2, column: 16, token: '5q' });
    expect(r.body.error.fields?.[0]?.path).toBe('text');
    const contradicts = await a.api<ErrorBody>(`/workouts/${x.id}`, { method: 'PATCH', body: { text: INTERVALS, durationSec: 600 } });
    expect(contradicts.status).toBe(400);
    expect(contradicts.body.error.fields?.[0]?.path).toBe('durationSec');
    const bad = await a.api<ErrorBody>(`/workouts/${x.id}`, {
      method: 'PATCH',
      body: { workout: { steps: [{ kind: 'work', durationSec: 60, distanceM: 100, target: null }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.[0]?.path).toMatch(/^workout\.steps\.0/);
  });

  it('a repeat tree is bounded as a whole as flat steps are (issue 55): 12 h, a 400 naming it, never a 500; nothing added', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const day = addDays(a.plan.startDate, 3);
    const before = await a.calendar(day, day);
    const add = (body: object) =>
      a.api<ErrorBody>('/workouts', { body: { date: day, sport: 'bike', type: 'easy', title: 'Long', ...body } });
    for (const [body, path] of [
      [{ text: '99x\n  - 24h Z1' }, 'text'],
      [{ text: '99x\n  99x\n    99x\n      - 1h Z1' }, 'text'],
      [
        {
          workout: {
            steps: [{ kind: 'repeat', count: 99, steps: [{ kind: 'work', durationSec: 86_400, distanceM: null, target: null }] }],
          },
        },
        'workout.steps',
      ],
    ] as const) {
      const r = await add(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(r.body.error.message).toBe('The steps add up to more than 12 hours');
      expect(r.body.error.fields?.[0]?.path).toBe(path);
    }
    // Distance steps are timed with the athlete's threshold pace: past 12 h only then, still a 400.
    await h.db.execute(
      sql`insert into athlete_thresholds (user_id, kind, value, effective_from, source) values (${a.user.id}, 'threshold_pace', ${1000 / 240}, ${addDays(day, -30)}, 'manual')`,
    );
    const far = await a.api<ErrorBody>('/workouts', {
      body: { date: day, sport: 'run', type: 'long', title: 'Far', text: '40x\n  - 10km Z1' },
    });
    expect(far.status).toBe(400);
    expect(far.body.error.message).toBe('The steps add up to more than 12 hours');
    expect(await a.calendar(day, day)).toEqual(before);
    // The same on an edit.
    const x = a.workouts[0]!;
    const edit = await a.api<ErrorBody>(`/workouts/${x.id}`, { method: 'PATCH', body: { text: '99x\n  99x\n    99x\n      - 1h Z1' } });
    expect(edit.status).toBe(400);
    expect(edit.body.error.message).toBe('The steps add up to more than 12 hours');
  });
});
