// Planned workouts to the athlete's Garmin, end to end in workerd against the Garmin sandbox's Training API:
// consent, "Send to Garmin" arriving valid and scheduled on its day, edits, moves and deletes followed there,
// what Garmin cannot represent said before sending, Garmin's refusal shown, and another athlete's workout 404.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { athleteThresholds, plannedWorkouts, users } from '../../db/schema';
import { addDays, todayIn } from '../../lib/dates';
import { expectErrorShape, Harness } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import { athleteOf } from '../analytics';
import { connectGarmin, garmin, newGarminUser } from '../ingest/file-doors/file-doors.testing';
import type { StepNode } from '../plans';
import { controlWorld, planRequest, rows } from '../plans/control/plans-control.testing';

type Training = {
  workouts: { workoutId: number; workoutName: string; sport: string; segments: { steps: Record<string, unknown>[] }[] }[];
  schedules: { scheduleId: number; workoutId: number; date: string }[];
};
type State = { status: string; error: string | null; unrepresentable: string[]; scheduledDate: string | null; sentAt: string | null };

const pace = (zone: 1 | 2 | 3 | 4 | 5, low: number, high: number) => ({ metric: 'pace' as const, zone, low, high });
const INTERVALS: StepNode[] = [
  { kind: 'warmup', durationSec: 600, distanceM: null, target: pace(2, 0.75, 0.82) },
  {
    kind: 'repeat',
    count: 3,
    steps: [
      { kind: 'work', durationSec: 300, distanceM: null, target: pace(4, 0.98, 1.02) },
      { kind: 'recovery', durationSec: 120, distanceM: null, target: null },
    ],
  },
  { kind: 'cooldown', durationSec: 600, distanceM: null, target: pace(1, 0.7, 0.78), note: 'Easy jog home' },
];
const secondsOf = (nodes: StepNode[]): number =>
  nodes.reduce((s, n) => s + (n.kind === 'repeat' ? n.count * secondsOf(n.steps) : (n.durationSec ?? 0)), 0);

/** An athlete on Pro with a plan, Garmin connected (sandbox user `garminUser`), thresholds, and one run workout of known steps. */
async function athleteWithWorkout(h: Harness, steps: StepNode[] = INTERVALS, connect = true) {
  const athlete = await h.signup();
  await giveTier(h, athlete.user.id, 'pro');
  const garminUser = newGarminUser();
  if (connect) expect((await connectGarmin(h, athlete.cookie, garminUser)).status).toBe(302);
  await h.db.insert(athleteThresholds).values([
    { userId: athlete.user.id, kind: 'threshold_pace', value: 4, effectiveFrom: '2020-01-01', source: 'manual' },
    { userId: athlete.user.id, kind: 'lthr', value: 170, effectiveFrom: '2020-01-01', source: 'manual' },
  ]);
  const row = (await h.db.select().from(users).where(eq(users.id, athlete.user.id)))[0]!;
  const a = athleteOf(row);
  const today = todayIn(a.timeZone, new Date());
  const plan = await controlWorld(h).plans.create(a, planRequest(today));
  const w = (await rows(h, plan.id)).find((r) => r.sport === 'run' && r.date > addDays(today, 1) && r.type !== 'long' && !r.skipped)!;
  await h.db
    .update(plannedWorkouts)
    .set({ steps, durationSec: secondsOf(steps), title: 'Threshold intervals' })
    .where(eq(plannedWorkouts.id, w.id));
  return { ...athlete, garminUser, plan, workout: { ...w, steps } };
}

const training = (garminUser: number) => garmin<Training>(`users/${garminUser}/training`);
const stateOf = async (h: Harness, cookie: string, id: string) =>
  (await h.json<State>(`/api/v1/garmin-training/workouts/${id}`, { cookie })).body;
const until = (fn: () => Promise<void>) => vi.waitFor(fn, { timeout: 30_000, interval: 150 });

describe('planned workouts on Garmin', () => {
  it('arrives valid and scheduled on its day; an edit updates it there, a move reschedules it, a delete removes both', async () => {
    const h = Harness.init();
    const { cookie, garminUser, plan, workout } = await athleteWithWorkout(h);
    const on = await h.json('/api/v1/garmin-training/consent', { method: 'PUT', cookie, body: { enabled: true } });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ connected: true, workoutImport: true, enabled: true });

    const before = await stateOf(h, cookie, workout.id);
    expect(before).toMatchObject({ status: 'not_sent', unrepresentable: [], sentAt: null });
    const sent = await h.json<State>(`/api/v1/garmin-training/workouts/${workout.id}/send`, { method: 'POST', cookie, body: {} });
    expect(sent.status).toBe(202);
    expect(sent.body.status).toBe('queued');
    await until(async () => expect((await stateOf(h, cookie, workout.id)).status).toBe('sent'));

    const first = await training(garminUser);
    expect(first.workouts).toHaveLength(1);
    const [g] = first.workouts;
    expect(g).toMatchObject({ workoutName: 'Threshold intervals', sport: 'RUNNING', workoutProvider: 'Cadence' });
    // Steps in the order a watch runs them; pace targets absolute (m/s) from the 4 m/s threshold pace.
    expect(g!.segments[0]!.steps).toMatchObject([
      {
        type: 'WorkoutStep',
        stepOrder: 1,
        intensity: 'WARMUP',
        durationType: 'TIME',
        durationValue: 600,
        targetType: 'PACE',
        targetValueLow: 3,
        targetValueHigh: 3.28,
      },
      {
        type: 'WorkoutRepeatStep',
        stepOrder: 2,
        repeatType: 'REPEAT_UNTIL_STEPS_CMPLT',
        repeatValue: 3,
        steps: [
          { stepOrder: 3, intensity: 'INTERVAL', durationValue: 300, targetType: 'PACE', targetValueLow: 3.92, targetValueHigh: 4.08 },
          { stepOrder: 4, intensity: 'RECOVERY', durationValue: 120, targetType: 'OPEN' },
        ],
      },
      { stepOrder: 5, intensity: 'COOLDOWN', description: 'Easy jog home' },
    ]);
    expect(first.schedules).toEqual([{ scheduleId: expect.any(Number), workoutId: g!.workoutId, date: workout.date }]);
    expect((await stateOf(h, cookie, workout.id)).scheduledDate).toBe(workout.date);

    // An edit: the same Garmin workout, updated.
    const edit = await h.json(`/api/v1/plans/${plan.id}/workouts/${workout.id}`, {
      method: 'PATCH',
      cookie,
      body: { title: 'Threshold 3 × 5 min' },
    });
    expect(edit.status).toBe(200);
    await until(async () => expect((await training(garminUser)).workouts[0]?.workoutName).toBe('Threshold 3 × 5 min'));
    expect((await training(garminUser)).workouts.map((x) => x.workoutId)).toEqual([g!.workoutId]);

    // A move: one calendar entry, on the new day.
    const day = addDays(workout.date, 1);
    expect(
      (await h.json(`/api/v1/plans/${plan.id}/workouts/${workout.id}/move`, { method: 'POST', cookie, body: { date: day } })).status,
    ).toBe(200);
    await until(async () => expect((await training(garminUser)).schedules.map((s) => s.date)).toEqual([day]));
    expect((await stateOf(h, cookie, workout.id)).scheduledDate).toBe(day);

    // A delete: the workout and its calendar entry leave Garmin.
    expect((await h.call(`/api/v1/plans/${plan.id}/workouts/${workout.id}`, { method: 'DELETE', cookie })).status).toBe(200);
    await until(async () => expect(await training(garminUser)).toMatchObject({ workouts: [], schedules: [] }));
    expect((await stateOf(h, cookie, workout.id)).status).toBe('removed');
  });

  it('needs the consent (and the connection for it); says what Garmin cannot represent before sending; another athlete’s workout is 404', async () => {
    const h = Harness.init();
    const unlinked = await h.signup();
    const refused = await h.json('/api/v1/garmin-training/consent', { method: 'PUT', cookie: unlinked.cookie, body: { enabled: true } });
    expect(refused.status).toBe(409);
    expectErrorShape(refused.body, 'CONFLICT');

    const rpe: StepNode[] = [
      { kind: 'warmup', durationSec: 600, distanceM: null, target: null },
      { kind: 'work', durationSec: 1200, distanceM: null, target: { metric: 'rpe', zone: 3, low: 6, high: 7 } },
    ];
    const { cookie, garminUser, workout } = await athleteWithWorkout(h, rpe);
    expect(await h.json('/api/v1/garmin-training/consent', { cookie })).toMatchObject({ body: { connected: true, enabled: false } });
    // Consent off: nothing is sent.
    const off = await h.json(`/api/v1/garmin-training/workouts/${workout.id}/send`, { method: 'POST', cookie, body: {} });
    expect(off.status).toBe(409);
    expect((off.body as { error: { reason: string } }).error.reason).toBe('GARMIN_WORKOUTS_OFF');
    expect((await training(garminUser)).workouts).toEqual([]);

    await h.json('/api/v1/garmin-training/consent', { method: 'PUT', cookie, body: { enabled: true } });
    const said = await stateOf(h, cookie, workout.id);
    expect(said.unrepresentable.join(' ')).toMatch(/RPE/);
    const unsaid = await h.json(`/api/v1/garmin-training/workouts/${workout.id}/send`, { method: 'POST', cookie, body: {} });
    expect(unsaid.status).toBe(409);
    expect((unsaid.body as { error: { reason: string; message: string } }).error).toMatchObject({
      reason: 'GARMIN_UNREPRESENTABLE',
      message: expect.stringMatching(/RPE/),
    });
    expect((await training(garminUser)).workouts).toEqual([]);

    // Another athlete: the workout does not exist for them.
    const other = await h.signup();
    expect((await h.call(`/api/v1/garmin-training/workouts/${workout.id}`, { cookie: other.cookie })).status).toBe(404);
    const foreign = await h.json(`/api/v1/garmin-training/workouts/${workout.id}/send`, {
      method: 'POST',
      cookie: other.cookie,
      body: { acknowledged: true },
    });
    expect(foreign.status).toBe(404);
    expectErrorShape(foreign.body, 'NOT_FOUND');

    // Said and acknowledged: sent, the effort kept in the step's words.
    expect(
      (await h.call(`/api/v1/garmin-training/workouts/${workout.id}/send`, { method: 'POST', cookie, body: { acknowledged: true } }))
        .status,
    ).toBe(202);
    await until(async () => expect((await stateOf(h, cookie, workout.id)).status).toBe('sent'));
    const [g] = (await training(garminUser)).workouts;
    expect(g!.segments[0]!.steps[1]).toMatchObject({ targetType: 'OPEN', description: 'RPE 6–7' });
  });

  it('a lapsed estimate sets no target (ADR 065): without a threshold in effect, the pace steps say Garmin cannot hold them', async () => {
    const h = Harness.init();
    const { cookie, workout, user } = await athleteWithWorkout(h);
    await h.db.delete(athleteThresholds).where(eq(athleteThresholds.userId, user.id));
    // A 2013 file's threshold pace: its efforts left the window a year later, so a 2026 workout is not set from it.
    await h.db.insert(athleteThresholds).values({
      userId: user.id,
      kind: 'threshold_pace',
      value: 4.2,
      effectiveFrom: '2013-11-18',
      effectiveUntil: '2014-11-24',
      source: 'estimated',
    });
    const said = await stateOf(h, cookie, workout.id);
    expect(said.unrepresentable.join(' ')).toMatch(/threshold pace/);
  });

  it('a cancelled plan takes its workouts off Garmin', async () => {
    const h = Harness.init();
    const { cookie, garminUser, plan, workout } = await athleteWithWorkout(h);
    await h.json('/api/v1/garmin-training/consent', { method: 'PUT', cookie, body: { enabled: true } });
    expect((await h.call(`/api/v1/garmin-training/workouts/${workout.id}/send`, { method: 'POST', cookie, body: {} })).status).toBe(202);
    await until(async () => expect((await training(garminUser)).schedules).toHaveLength(1));
    const cancelled = await h.json(`/api/v1/plans/${plan.id}/status`, { method: 'POST', cookie, body: { status: 'cancelled' } });
    expect(cancelled.status).toBe(200);
    await until(async () => expect(await training(garminUser)).toMatchObject({ workouts: [], schedules: [] }));
    expect((await stateOf(h, cookie, workout.id)).status).toBe('removed');
  });

  it('Garmin refuses an invalid workout, and the athlete sees Garmin’s reason', async () => {
    const h = Harness.init();
    // 101 steps: more than Garmin takes in one single-sport workout.
    const many: StepNode[] = Array.from({ length: 101 }, () => ({
      kind: 'steady' as const,
      durationSec: 60,
      distanceM: null,
      target: null,
    }));
    const { cookie, garminUser, workout } = await athleteWithWorkout(h, many);
    await h.json('/api/v1/garmin-training/consent', { method: 'PUT', cookie, body: { enabled: true } });
    expect((await h.call(`/api/v1/garmin-training/workouts/${workout.id}/send`, { method: 'POST', cookie, body: {} })).status).toBe(202);
    await until(async () => expect((await stateOf(h, cookie, workout.id)).status).toBe('failed'));
    expect((await stateOf(h, cookie, workout.id)).error).toBe('Garmin refused this workout: A single-sport workout has at most 100 steps');
    expect((await training(garminUser)).workouts).toEqual([]);
  });
});
