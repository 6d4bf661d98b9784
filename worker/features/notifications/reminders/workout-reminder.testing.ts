import { eq } from 'drizzle-orm';
import { plannedWorkouts, plans } from '../../../db/schema';
import type { Harness } from '../../../testing/harness';
import { athleteIn } from '../notifications.testing';

/** An athlete in `zone` with the daily reminder at local `time` (do-not-disturb off unless given). */
export async function reminded(h: Harness, zone: string, time: string | null, prefs: Parameters<typeof athleteIn>[2] = {}) {
  const minute = time ? Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) : 7 * 60;
  return athleteIn(h, zone, { emailMode: 'daily', ...prefs, reminder: { on: time !== null, minute } });
}

/** A planned workout on `date` in the athlete's plan (made on first use; `status` for a plan no longer followed). */
export async function workoutOn(
  h: Harness,
  userId: string,
  date: string,
  opts: { title?: string; skipped?: boolean; status?: 'active' | 'cancelled'; durationSec?: number } = {},
) {
  const status = opts.status ?? 'active';
  const mine = await h.db.select().from(plans).where(eq(plans.userId, userId));
  const plan =
    mine.find((p) => p.status === status) ??
    (
      await h.db
        .insert(plans)
        .values({ userId, goalKind: 'fitness', status, startDate: '2027-01-01', endDate: '2027-12-31', inputs: {}, weeks: [], rules: {} })
        .returning()
    )[0]!;
  const [w] = await h.db
    .insert(plannedWorkouts)
    .values({
      planId: plan.id,
      userId,
      date,
      week: 1,
      phase: 'base',
      sport: 'run',
      type: 'endurance',
      title: opts.title ?? 'Easy run',
      durationSec: opts.durationSec ?? 2700,
      skipped: opts.skipped ?? false,
    })
    .returning();
  return w!;
}
