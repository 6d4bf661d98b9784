// The calendar's reads: the current plan's workouts of a window (and every manual link), and the canonical
// activities of the sources a data use allows, with their load. Statements only; the service decides what.
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { StatementExecutor } from '../../../db/executor';
import { activities, activityMetrics, plannedWorkouts, plans } from '../../../db/schema';
import type { ActivitySource } from '../../activities';

const activityColumns = {
  id: activities.id,
  name: activities.name,
  sport: activities.sport,
  startTime: activities.startTime,
  localDate: activities.localStartDate,
  movingTimeS: activities.movingTimeS,
  elapsedTimeS: activities.elapsedTimeS,
  distanceM: activities.distanceM,
  sportInferred: activities.sportInferred,
  load: activityMetrics.load,
};
export type CalendarActivityRow = Awaited<ReturnType<typeof activitiesBetween>>[number];

// The plan the training page shows: the active one, else the latest paused one (as plans.repo's currentPlan).
const isCurrent = (userId: string) => and(eq(plans.userId, userId), inArray(plans.status, ['active', 'paused']));
const currentFirst = [sql`${plans.status} = 'active' desc`, desc(plans.updatedAt)] as const;

export async function currentPlan(db: StatementExecutor, userId: string) {
  const [row] = await db
    .select({ id: plans.id, status: plans.status, startDate: plans.startDate, endDate: plans.endDate })
    .from(plans)
    .where(isCurrent(userId))
    .orderBy(...currentFirst)
    .limit(1);
  return row;
}

/**
 * The current plan's workouts dated from `from` to `to`, and those linked by hand wherever they are (a link
 * may cross days). The plan is found in the same statement, so this runs beside currentPlan, not after it.
 */
export function currentPlanWorkouts(db: StatementExecutor, userId: string, from: string, to: string) {
  return db
    .select()
    .from(plannedWorkouts)
    .where(
      and(
        eq(plannedWorkouts.userId, userId),
        sql`${plannedWorkouts.planId} = (${db.select({ id: plans.id }).from(plans).where(isCurrent(userId)).orderBy(...currentFirst).limit(1)})`,
        or(and(gte(plannedWorkouts.date, from), lte(plannedWorkouts.date, to)), eq(plannedWorkouts.linkMode, 'manual')),
      ),
    )
    .orderBy(asc(plannedWorkouts.date), asc(plannedWorkouts.createdAt), asc(plannedWorkouts.id));
}

/** Canonical activities (duplicates once) of the allowed sources starting in [start, end). */
export function activitiesBetween(db: StatementExecutor, userId: string, sources: ActivitySource[], start: Date, end: Date) {
  return db
    .select(activityColumns)
    .from(activities)
    .leftJoin(activityMetrics, eq(activityMetrics.activityId, activities.id))
    .where(
      and(
        eq(activities.userId, userId),
        isNull(activities.duplicateOf),
        inArray(activities.source, sources),
        gte(activities.startTime, start),
        lt(activities.startTime, end),
      ),
    )
    .orderBy(asc(activities.startTime), asc(activities.id));
}

/** Canonical activities of the allowed sources by id: the targets of manual links outside the window. */
export function activitiesByIds(db: StatementExecutor, userId: string, sources: ActivitySource[], ids: string[]) {
  return db
    .select(activityColumns)
    .from(activities)
    .leftJoin(activityMetrics, eq(activityMetrics.activityId, activities.id))
    .where(
      and(eq(activities.userId, userId), isNull(activities.duplicateOf), inArray(activities.source, sources), inArray(activities.id, ids)),
    );
}
