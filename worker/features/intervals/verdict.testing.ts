// The issue 55 workout for the verdict tests: 5 × 1 km against 4:05–4:15 /km, done with rep 3 at 4:30, on a
// brand-new athlete's plan. Its time was done (the ratio is green); its steps were not (the verdict is not).
import { and, eq } from 'drizzle-orm';
import { plannedWorkouts, users } from '../../db/schema';
import { addDays, localDayRange } from '../../lib/dates';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import type { Harness } from '../../testing/harness';
import { membershipOf } from '../../testing/scenarios';
import { createPlansService } from '../plans';
import type { WorkoutNode } from '../workouts';

export const REP_S = [250, 250, 270, 250, 250];
export const tree: WorkoutNode[] = [
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

/**
 * A brand-new athlete whose plan's day `day` holds the issue's workout, run that day and uploaded (a FIT file,
 * which a coach may see). By default the plan began the day before a fixed "now", the workout its first day;
 * `now`, `day` and the athlete's zone put it elsewhere (today, for Home).
 */
export async function issueWorkout(
  h: Harness,
  at: { now?: Date; day?: string; timeZone?: string; athlete?: Awaited<ReturnType<Harness['signup']>> } = {},
) {
  const now = at.now ?? new Date('2026-11-21T12:00:00Z');
  const timeZone = at.timeZone ?? 'UTC';
  const day = at.day ?? addDays('2026-11-21', -1);
  const w = analyticsWorld(h.db, now);
  const me = at.athlete ?? (await h.signup());
  await h.db.update(users).set({ timeZone }).where(eq(users.id, me.user.id));
  const a = { id: me.user.id, units: 'km' as const, timeZone, birthDate: null, sex: null, version: 0 };
  const began = at.day ? { now: () => now } : { now: () => new Date(`${day}T06:00:00Z`) };
  const plans = createPlansService({ db: h.db, clock: began, analytics: w.analytics, membership: membershipOf(h) });
  const plan = await plans.create(a, {
    goal: { kind: 'run_10k', eventDate: addDays(day, 7 * 12), eventName: '10K' },
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
  // Early in the local day, so it is over by "now" in a zone where now is past 1 am.
  const start = at.day ? new Date(localDayRange(day, timeZone).start.getTime() + 5 * 60_000) : new Date(`${day}T07:00:00Z`);
  const activity = await w.activities.ingest(
    a.id,
    buildActivity({
      source: 'fit_upload',
      sport: 'run',
      sportOriginal: 'Run',
      startTime: start,
      localStartDate: day,
      timezone: timeZone,
      movingTimeS: speed.length,
      elapsedTimeS: speed.length,
      distanceM: speed.reduce((t, v) => t + v / 100, 0),
      streams: { t: speed.map((_, i) => i), speedCms: speed },
      detailComplete: true,
    }),
  );
  return { me, day, plan, row: row!, activity };
}
