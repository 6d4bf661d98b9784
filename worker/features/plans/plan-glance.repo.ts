// The reads behind a week at a glance for many athletes at once (the coach's dashboard): each is one
// statement whatever the number of athletes, and every one is scoped by the athletes' own ids.
import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activities, activityMetrics, plannedWorkouts, plans } from '../../db/schema';
import type { ActivitySource } from '../activities';
import { slotOrder } from './plans.repo';

/** The active plan of each athlete who has one. */
export function activePlansOf(db: Executor, userIds: string[]): Promise<{ id: string; userId: string }[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: plans.id, userId: plans.userId })
    .from(plans)
    .where(and(inArray(plans.userId, userIds), eq(plans.status, 'active')));
}

/** The workouts of these plans between two local days, with what matching and compliance read. */
export function workoutsOfPlans(db: Executor, planIds: string[], from: string, to: string) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: plannedWorkouts.id,
      userId: plannedWorkouts.userId,
      date: plannedWorkouts.date,
      sport: plannedWorkouts.sport,
      type: plannedWorkouts.type,
      durationSec: plannedWorkouts.durationSec,
      distanceM: plannedWorkouts.distanceM,
      targetLoad: plannedWorkouts.targetLoad,
      steps: plannedWorkouts.steps,
      skipped: plannedWorkouts.skipped,
      linkMode: plannedWorkouts.linkMode,
      linkedActivityId: plannedWorkouts.linkedActivityId,
      doneAt: plannedWorkouts.doneAt,
    })
    .from(plannedWorkouts)
    .where(and(inArray(plannedWorkouts.planId, planIds), gte(plannedWorkouts.date, from), lte(plannedWorkouts.date, to)))
    .orderBy(asc(plannedWorkouts.date), slotOrder, asc(plannedWorkouts.createdAt), asc(plannedWorkouts.id));
}

/** These athletes' canonical activities between two instants from the allowed sources, with their load. */
export function activitiesOfMany(db: Executor, userIds: string[], sources: ActivitySource[], from: Date, to: Date) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: activities.id,
      userId: activities.userId,
      sport: activities.sport,
      startTime: activities.startTime,
      movingTimeS: activities.movingTimeS,
      distanceM: activities.distanceM,
      load: activityMetrics.load,
    })
    .from(activities)
    .leftJoin(activityMetrics, eq(activityMetrics.activityId, activities.id))
    .where(
      and(
        inArray(activities.userId, userIds),
        isNull(activities.duplicateOf),
        inArray(activities.source, sources),
        gte(activities.startTime, from),
        lte(activities.startTime, to),
      ),
    )
    .orderBy(asc(activities.startTime), asc(activities.id));
}

/**
 * Per athlete, how many workouts of these plans changed day in changes logged since `since` that are
 * still in effect. An undo is not a move (the change it undoes is marked undone), nor is a rebuild.
 */
export async function movedSince(db: Executor, planIds: string[], since: Date): Promise<{ userId: string; moved: number }[]> {
  if (planIds.length === 0) return [];
  const { rows } = await db.execute(sql`
    select c.user_id as "userId", count(distinct k.key)::int as moved
    from plan_changes c cross join lateral jsonb_each(c.before) as k(key, value)
    where c.plan_id = any(${sql.param(planIds)}::uuid[]) and c.created_at >= ${since} and c.undone_at is null
      and c.action not in ('undo', 'rebuild')
      and jsonb_typeof(k.value) = 'object' and jsonb_typeof(c.after -> k.key) = 'object'
      and (k.value ->> 'date') is distinct from (c.after -> k.key ->> 'date')
    group by c.user_id`);
  return rows as { userId: string; moved: number }[];
}
