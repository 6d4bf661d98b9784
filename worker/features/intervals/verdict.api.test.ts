// One verdict per workout (issue 55): 5 × 1 km against 4:05–4:15 /km with rep 3 run at 4:30, on a brand-new
// athlete. The activity page and the workout drawer read the same judgement from the server, the set never
// reads "on target" beside its red rep, and the step table's paces are the rep table's seconds.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { plannedWorkouts } from '../../db/schema';
import { addDays } from '../../lib/dates';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { Harness } from '../../testing/harness';
import { membershipOf } from '../../testing/scenarios';
import { createPlansService } from '../plans';
import type { WorkoutNode } from '../workouts';
import type { ActivityIntervals } from './intervals.schema';

const REP_S = [250, 250, 270, 250, 250];
const tree: WorkoutNode[] = [
  { kind: 'warmup', durationSec: 600, distanceM: null, target: null },
  {
    kind: 'repeat',
    count: 5,
    steps: [
      { kind: 'work', durationSec: null, distanceM: 1000, target: { metric: 'pace', unit: 's/km', low: 245, high: 255 } },
      { kind: 'recovery', durationSec: 120, distanceM: null, target: null },
    ],
  },
  { kind: 'cooldown', durationSec: 600, distanceM: null, target: null },
];

/** The run as done, second by second: a warm-up 20 s longer than planned (no laps), then the reps at their paces. */
function recording() {
  const speed: number[] = [];
  const hold = (seconds: number, cms: number) => {
    for (let i = 0; i < seconds; i++) speed.push(cms);
  };
  hold(620, 280);
  REP_S.forEach((s, k) => {
    hold(s, Math.round(100_000 / s));
    if (k < REP_S.length - 1) hold(120, 200);
  });
  hold(600, 280);
  return speed;
}

/** A brand-new athlete whose plan's first day holds the issue's workout, done with rep 3 at 4:30. */
async function issueWorkout() {
  const h = Harness.init();
  const now = new Date('2026-11-21T12:00:00Z');
  const today = '2026-11-21';
  const w = analyticsWorld(h.db, now);
  const me = await h.signup();
  const a = { id: me.user.id, units: 'km' as const, timeZone: 'UTC', birthDate: null, sex: null, version: 0 };
  // The plan began yesterday, the issue's workout its first day.
  const day = addDays(today, -1);
  const began = { now: () => new Date(`${day}T06:00:00Z`) };
  const plans = createPlansService({ db: h.db, clock: began, analytics: w.analytics, membership: membershipOf(h) });
  const plan = await plans.create(a, {
    goal: { kind: 'run_10k', eventDate: addDays(today, 7 * 12), eventName: '10K' },
    startDate: day,
    availableDays: [0, 1, 2, 3, 4, 5, 6],
    longDay: 6,
    hoursPerWeek: 5,
    includeStrength: false,
  });
  // The issue's workout, the day's only one.
  await h.db.delete(plannedWorkouts).where(and(eq(plannedWorkouts.planId, plan.id), eq(plannedWorkouts.date, day)));
  const speed = recording();
  const [row] = await h.db
    .insert(plannedWorkouts)
    .values({
      planId: plan.id,
      userId: a.id,
      date: day,
      sport: 'run',
      type: 'intervals',
      title: '5 × 1 km',
      durationSec: speed.length,
      distanceM: 8000,
      targetLoad: 80,
      steps: tree,
      phase: 'build',
      week: 1,
      source: 'builder',
    })
    .returning();
  const start = new Date(`${day}T07:00:00Z`);
  const activity = await w.activities.ingest(
    a.id,
    buildActivity({
      source: 'fit_upload',
      sport: 'run',
      sportOriginal: 'Run',
      startTime: start,
      localStartDate: day,
      timezone: 'UTC',
      movingTimeS: speed.length,
      elapsedTimeS: speed.length,
      distanceM: speed.reduce((t, v) => t + v / 100, 0),
      streams: { t: speed.map((_, i) => i), speedCms: speed },
      detailComplete: true,
    }),
  );

  return { h, me, day, row: row!, activity };
}

describe('one verdict per workout', () => {
  it('the activity page and the drawer carry one judgement; the set is not on target with a rep off; one pace per rep', async () => {
    const { h, me, row, activity } = await issueWorkout();
    const page = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(page.status).toBe(200);
    const x = page.body;
    expect(x.workout?.id).toBe(row!.id);
    // The calendar's ratio is green (the session's length was done); the steps judge rep 3 off.
    expect(x.workout?.compliance.band).toBe('green');
    const rep3 = x.planVsDone!.reps[2]!;
    expect(rep3.band).toBe('red');
    expect(x.planVsDone!.band).not.toBe('green');
    expect(x.steps?.overall?.band).not.toBe('green');
    expect(x.workout?.verdict).toEqual({ band: x.steps!.overall!.band, by: 'steps' });

    // The drawer fetches the same answer for the same workout: one judgement, the same words.
    const drawer = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(drawer.body.workout?.verdict).toEqual(x.workout?.verdict);

    // Each work step held the rep's own seconds: 250 s and 270 s a kilometre, as the rep table reads them.
    const work = x.steps!.steps.filter((s) => s.kind === 'work');
    const repPace = x.planVsDone!.reps.map((r) => Math.round(1000 / r.done!.avgSpeedMps!));
    const stepPace = work.map((s) => Math.round(1000 / s.actual!.avgSpeedMps!));
    expect(repPace).toEqual([250, 250, 270, 250, 250]);
    expect(stepPace).toEqual(repPace);
    expect(work[2]!.verdict).toBe('off');
  });
});

describe('the calendar card reads the same verdict (issue 55)', () => {
  type Card = {
    workout: { id: string; status: string; compliance: { band: string | null }; verdict: { band: string | null; by: string } };
  };
  const cardOf = async (h: Harness, cookie: string, day: string, id: string) => {
    const cal = await h.json<{ days: { items: Card[] }[] }>(`/api/v1/calendar?from=${day}&to=${day}`, { cookie });
    expect(cal.status).toBe(200);
    return cal.body.days.flatMap((d) => d.items).find((x) => x.workout?.id === id)!.workout;
  };

  it('the card of a workout done with one rep off says what the activity page and the drawer say, not the ratio', async () => {
    const { h, me, day, row, activity } = await issueWorkout();
    const page = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    const card = await cardOf(h, me.cookie, day, row.id);
    expect(card.status).toBe('completed');
    // The time was done (green), the steps were not: the card no longer says "On target".
    expect(card.compliance.band).toBe('green');
    expect(page.body.workout?.verdict.by).toBe('steps');
    expect(card.verdict).toEqual(page.body.workout?.verdict);
    expect(card.verdict.band).not.toBe('green');

    // The workout changed (rep 3's pace now inside a wider target): the card follows, as the activity page does.
    const wider = JSON.parse(JSON.stringify(tree).replace('"low":245,"high":255', '"low":240,"high":275')) as WorkoutNode[];
    await h.db
      .update(plannedWorkouts)
      .set({ steps: wider, revision: row.revision + 1 })
      .where(eq(plannedWorkouts.id, row.id));
    const after = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(after.body.workout?.verdict.band).toBe('green');
    expect((await cardOf(h, me.cookie, day, row.id)).verdict).toEqual(after.body.workout?.verdict);
  });
});
