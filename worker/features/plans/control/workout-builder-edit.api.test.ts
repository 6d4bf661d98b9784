// The step builder against the save (issue 55): the thresholds the builder previews with are the ones a
// save on that day takes, so a pace workout previews the time, distance and load it is stored with; and
// an edit that replaces a generated workout's steps replaces the plan's words and reason for the old ones.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import { parseWorkoutText, type Workout, workoutTotals } from '../../workouts';
import type { Change, Plan, PlannedWorkout } from '../plans.schema';

// 15 min warm-up at Z2, 5 × (1 km at threshold pace, 2 min jog), 10 min cool-down.
const PACE_TEXT = '- warmup 15m Z2\n5x\n  - 1km 4:00/km\n  - recovery 2m Z1\n- cooldown 10m Z1';
type Thresholds = {
  date: string;
  ftpW: number | null;
  thresholdPaceSecPerKm: number | null;
  cssSecPer100m: number | null;
  lthrBpm: number | null;
};

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
  const day = async (date: string) =>
    (
      await h.json<{ workouts: Body<typeof PlannedWorkout>[] }>(`/api/v1/plans/${plan.id}/calendar?from=${date}&to=${date}`, {
        cookie: a.cookie,
      })
    ).body.workouts;
  const api = <T = Body<typeof Change>>(path: string, init: { method?: string; body?: unknown } = {}) =>
    h.json<T>(`/api/v1/plans${path}`, { ...init, cookie: a.cookie });
  return { ...a, plan, day, api };
}

const tree = (text: string): Workout => {
  const r = parseWorkoutText(text, 'run');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.workout;
};

describe('the builder’s thresholds and a save’s', () => {
  it('a new account has none; once a threshold pace is in effect, the preview’s totals are the saved ones', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const date = addDays(a.plan.startDate, 3);
    const none = await a.api<Thresholds>(`/workout-thresholds?date=${date}`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ date, ftpW: null, thresholdPaceSecPerKm: null, cssSecPer100m: null, lthrBpm: null });

    // Threshold pace 4:00/km (stored as m/s), in effect from a month before the day, not after it.
    await h.db.execute(
      sql`insert into athlete_thresholds (user_id, kind, value, effective_from, source) values (${a.user.id}, 'threshold_pace', ${1000 / 240}, ${addDays(date, -30)}, 'manual')`,
    );
    const th = (await a.api<Thresholds>(`/workout-thresholds?date=${date}`)).body;
    expect(th.thresholdPaceSecPerKm).toBeCloseTo(240, 6);
    expect((await a.api<Thresholds>(`/workout-thresholds?date=${addDays(date, -31)}`)).body.thresholdPaceSecPerKm).toBeNull();

    // What the builder shows (workoutTotals with those thresholds) is what the add stores.
    const preview = workoutTotals(tree(PACE_TEXT), th);
    const add = await a.api(`/${a.plan.id}/workouts`, {
      body: { date, sport: 'run', type: 'intervals', title: 'Pace 5x1k', text: PACE_TEXT },
    });
    expect(add.status).toBe(201);
    const saved = (await a.day(date)).find((w) => w.title === 'Pace 5x1k')!;
    expect(saved.durationSec).toBe(preview.durationSec);
    expect(saved.distanceM).toBe(preview.distanceM);
    expect(saved.targetLoad).toBe(Math.round(preview.load));
    // By hand: 900 s at 300 s/km (Z2's 0.8), 5 km at 240, 5 × 120 s and 600 s at 240/0.7 s/km: 3 + 5 + 1.75 + 1.75 km.
    expect(saved.distanceM).toBe(11_500);
    expect(saved.durationSec).toBe(900 + 1200 + 600 + 600);
  });

  it('a bad day is a 400, not a 500', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const r = await a.api<{ error: { code: string } }>('/workout-thresholds?date=soon');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION');
  });

  it('new steps for a generated workout replace its description and why; the athlete’s own words stay', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const generated = (
      await h.json<{ workouts: Body<typeof PlannedWorkout>[] }>(
        `/api/v1/plans/${a.plan.id}/calendar?from=${a.plan.startDate}&to=${addDays(a.plan.startDate, 13)}`,
        { cookie: a.cookie },
      )
    ).body.workouts.filter((w) => w.sport === 'run' && w.description);
    const [x, y] = generated;
    expect(x && y, 'two generated runs').toBeTruthy();
    const edit = await a.api(`/${a.plan.id}/workouts/${x!.id}`, { method: 'PATCH', body: { title: 'My intervals', text: PACE_TEXT } });
    expect(edit.status).toBe(200);
    const after = (await a.day(x!.date)).find((w) => w.id === x!.id)!;
    expect(after.title).toBe('My intervals');
    // The plan's words told the old steps (lengths and zones); the plan's reason told the old session.
    expect(after.description).not.toBe(x!.description);
    expect(after.description).toBe('');
    expect(after.why).not.toBe(x!.why);
    expect(after.why).toMatch(/^Edited by hand in week \d+/);

    // Words of the athlete's own (no lengths or zones) stay when the steps change again; the same text again changes nothing.
    await a.api(`/${a.plan.id}/workouts/${y!.id}`, { method: 'PATCH', body: { description: 'Feel the rhythm, stay relaxed.' } });
    await a.api(`/${a.plan.id}/workouts/${y!.id}`, { method: 'PATCH', body: { text: PACE_TEXT } });
    const mine = (await a.day(y!.date)).find((w) => w.id === y!.id)!;
    expect(mine.description).toBe('Feel the rhythm, stay relaxed.');
    expect(mine.why).toMatch(/^Edited by hand/);
  });
});
