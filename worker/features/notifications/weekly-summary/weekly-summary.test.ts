// The Monday summary's figures against the APIs the dashboard and the training page read: for the same
// athlete and week, every number is the analytics or plans API's own.
import { and, between, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { plannedWorkouts, users } from '../../../db/schema';
import { addDays, daysBetween, todayIn } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import { athleteOf } from '../../analytics';
import type { FitnessResponse, WeeklyVolumeResponse } from '../../analytics/analytics.schema';
import { HARD_TYPES } from '../../plans';
import { planRequest } from '../../plans/control/plans-control.testing';
import { localMonday } from '../delivery/notification-schedule';
import { servicesAt } from '../notifications.testing';

type Calendar = {
  workouts: {
    id: string;
    date: string;
    sport: string;
    type: string;
    title: string;
    status: string;
    skipped: boolean;
    distanceM: number | null;
    durationSec: number;
  }[];
};

const ZONE = 'America/New_York';

/** An athlete in New York who joined two months ago, Pro (moves and skips), with the services on the real clock. */
async function athlete(h: Harness) {
  const a = await h.signup();
  await h.db
    .update(users)
    .set({ timeZone: ZONE, createdAt: new Date(Date.now() - 60 * 86_400_000) })
    .where(eq(users.id, a.user.id));
  await giveTier(h, a.user.id, 'pro');
  return a;
}

/** A run on a local day at 11:00 New York time, of the given length. */
const run = (date: string, movingTimeS: number, name: string) =>
  buildActivity({
    sport: 'run',
    name,
    startTime: new Date(`${date}T16:00:00Z`),
    localStartDate: date,
    timezone: ZONE,
    movingTimeS,
    elapsedTimeS: movingTimeS,
    distanceM: Math.round(movingTimeS * 2.8),
  });

describe('weekly summary', () => {
  it('says what the analytics and plans APIs say about the same athlete and week', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const now = new Date();
    const weekStart = addDays(localMonday(now, ZONE), -7);
    const weekEnd = addDays(weekStart, 6);

    // A plan starting last Monday, made on the Sunday before (its own clock: a plan starts today or later).
    const before = servicesAt(h, new Date(`${addDays(weekStart, -1)}T18:00:00Z`));
    const me = athleteOf((await before.auth.userById(a.user.id))!);
    const plan = await before.plans.create(me, { ...planRequest(addDays(weekStart, -1)), startDate: weekStart });

    const s = servicesAt(h, now);
    const lastWeek = (
      await h.db
        .select()
        .from(plannedWorkouts)
        .where(and(eq(plannedWorkouts.planId, plan.id), between(plannedWorkouts.date, weekStart, weekEnd)))
    )
      .filter((w) => w.sport === 'run')
      .sort((x, y) => x.date.localeCompare(y.date));
    expect(lastWeek.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = lastWeek as [(typeof lastWeek)[0], (typeof lastWeek)[0], (typeof lastWeek)[0]];
    // Two sessions done as planned, one skipped, one extra ride; and two runs the week before (history for form).
    const done1 = await s.activities.ingest(a.user.id, run(first.date, first.durationSec, 'Planned one'));
    const done2 = await s.activities.ingest(a.user.id, run(second.date, second.durationSec, 'Planned two'));
    await h.db.update(plannedWorkouts).set({ skipped: true }).where(eq(plannedWorkouts.id, third.id));
    const extra = await s.activities.ingest(
      a.user.id,
      buildActivity({
        sport: 'ride',
        sportOriginal: 'Ride',
        name: 'Extra ride',
        startTime: new Date(`${weekEnd}T15:00:00Z`),
        localStartDate: weekEnd,
        timezone: ZONE,
        distanceM: 30_000,
        movingTimeS: 3600,
        elapsedTimeS: 3700,
      }),
    );
    await s.activities.ingest(a.user.id, run(addDays(weekStart, -6), 2400, 'Before one'));
    await s.activities.ingest(a.user.id, run(addDays(weekStart, -3), 3000, 'Before two'));

    const summary = await s.notifications.weeklySummary(a.user.id, weekStart);

    // The analytics API, over enough weeks and days to reach the week and the one before.
    const today = todayIn(ZONE, new Date());
    const weeks = daysBetween(addDays(weekStart, -7), localMonday(new Date(), ZONE)) / 7 + 1;
    const volume = await h.json<Body<typeof WeeklyVolumeResponse>>(`/api/v1/analytics/weekly-volume?weeks=${weeks}`, { cookie: a.cookie });
    expect(volume.status).toBe(200);
    const week = volume.body.weeks.find((w) => w.weekStart === weekStart)!.total;
    const previous = volume.body.weeks.find((w) => w.weekStart === addDays(weekStart, -7))!.total;
    expect(summary.weekStart).toBe(weekStart);
    expect(summary.weekEnd).toBe(weekEnd);
    expect(summary.volume).toEqual({
      activities: week.count,
      distanceM: week.distanceM,
      movingTimeS: week.movingS,
      previousDistanceM: previous.distanceM,
    });
    expect(summary.load).toEqual({ total: week.load, previous: previous.load });
    // Not vacuous: what was recorded.
    expect(summary.volume.activities).toBe(3);
    expect(summary.volume.previousDistanceM).toBe(Math.round(2400 * 2.8) + Math.round(3000 * 2.8));
    expect(summary.load.total).toBeGreaterThan(0);

    const fitness = await h.json<Body<typeof FitnessResponse>>(`/api/v1/analytics/fitness?days=${daysBetween(weekStart, today) + 1}`, {
      cookie: a.cookie,
    });
    expect(fitness.status).toBe(200);
    const sunday = fitness.body.days.find((d) => d.date === weekEnd)!;
    expect(summary.form).toEqual({ date: weekEnd, ctl: sunday.ctl, atl: sunday.atl, tsb: sunday.tsb });
    const weekReceipts = fitness.body.days.filter((d) => d.date >= weekStart && d.date <= weekEnd).flatMap((d) => d.activities);
    expect(summary.receipts).toEqual(
      weekReceipts.reverse().map((r) => ({
        id: r.activityId,
        name: r.name,
        startDate: r.date,
        sport: r.sport,
        distanceM: r.distanceM,
        movingTimeS: r.movingTimeS,
        load: r.values.load,
      })),
    );
    expect(summary.receipts.map((r) => r.id)).toEqual([extra.id, done2.id, done1.id]);

    // The plans API: the week's calendar and the coming week's.
    const calendar = await h.json<Calendar>(`/api/v1/plans/${plan.id}/calendar?from=${weekStart}&to=${weekEnd}`, { cookie: a.cookie });
    expect(calendar.status).toBe(200);
    const sessions = calendar.body.workouts.filter((w) => w.sport !== 'rest');
    const skipped = sessions.filter((w) => w.status === 'skipped').length;
    const completed = sessions.filter((w) => w.status === 'completed').length;
    expect(summary.compliance).toEqual({
      planned: sessions.length - skipped,
      completed,
      skipped,
      percent: Math.round((completed / (sessions.length - skipped)) * 100),
    });
    expect(summary.compliance).toMatchObject({ completed: 2, skipped: 1 });

    const next = await h.json<Calendar>(`/api/v1/plans/${plan.id}/calendar?from=${addDays(weekStart, 7)}&to=${addDays(weekStart, 13)}`, {
      cookie: a.cookie,
    });
    const key = next.body.workouts.filter((w) => !w.skipped && (w.type === 'long' || (HARD_TYPES as readonly string[]).includes(w.type)));
    expect(key.some((w) => w.type === 'long')).toBe(true);
    expect(summary.nextWeek).toEqual(
      key.map((w) => ({ date: w.date, title: w.title, kind: w.type, distanceM: w.distanceM, durationS: w.durationSec })),
    );
  });

  it('an athlete without history or plan: zero volume, no form, no compliance, no sessions ahead', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const weekStart = addDays(localMonday(new Date(), ZONE), -7);
    const summary = await servicesAt(h, new Date()).notifications.weeklySummary(a.user.id, weekStart);
    expect(summary).toEqual({
      weekStart,
      weekEnd: addDays(weekStart, 6),
      volume: { activities: 0, distanceM: 0, movingTimeS: 0, previousDistanceM: 0 },
      load: { total: 0, previous: 0 },
      form: null,
      compliance: null,
      nextWeek: [],
      receipts: [],
    });
    // A week that is not a Monday's is a caller's bug, not an empty summary.
    await expect(servicesAt(h, new Date()).notifications.weeklySummary(a.user.id, addDays(weekStart, 1))).rejects.toThrow('not a Monday');
  });
});
