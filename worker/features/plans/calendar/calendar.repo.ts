// The calendar's reads: the current plan's workouts of a window (and every manual link), and the canonical
// activities of the sources a data use allows, with their load. Statements only; the service decides what.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { StatementExecutor } from '../../../db/executor';
import { activities, activityMetrics, plannedWorkouts, plans } from '../../../db/schema';
import type { ActivitySource } from '../../activities';
import { type WorkoutJson, workoutJson, workoutOf } from '../plan-range.repo';

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
  // Where it came from, for the attribution a provider asks for on every view (Garmin: "Garmin [device]").
  source: activities.source,
  device: sql<string | null>`${activities.extras}->>'device'`,
};
export type CalendarActivityRow = Awaited<ReturnType<typeof activitiesByIds>>[number];

// The plan the training page shows: the active one, else the latest paused one (as plans.repo's currentPlan).
const isCurrent = (userId: string) => and(eq(plans.userId, userId), inArray(plans.status, ['active', 'paused']));
const currentFirst = [sql`${plans.status} = 'active' desc`, desc(plans.updatedAt)] as const;

type PlanSummary = { id: string; status: (typeof plans.$inferSelect)['status']; startDate: string; endDate: string };
type ActivityJson = Omit<CalendarActivityRow, 'startTime'> & { startTime: string };

const w = plannedWorkouts;
const a = activities;
const activityJson = sql`json_build_object(
  'id', ${a.id}, 'name', ${a.name}, 'sport', ${a.sport}, 'startTime', ${a.startTime}, 'localDate', ${a.localStartDate},
  'movingTimeS', ${a.movingTimeS}, 'elapsedTimeS', ${a.elapsedTimeS}, 'distanceM', ${a.distanceM},
  'sportInferred', ${a.sportInferred}, 'load', ${activityMetrics.load}, 'source', ${a.source}, 'device', ${a.extras}->>'device')`;

/**
 * Everything a calendar read needs, in one statement (one round trip beside the session's): the current
 * plan, its workouts dated from `workoutsFrom` to `workoutsTo` and those linked by hand wherever they are (a
 * link may cross days), and the canonical activities (duplicates once) of the allowed sources starting in
 * [start, end).
 */
export async function calendarRows(
  db: StatementExecutor,
  userId: string,
  sources: ActivitySource[],
  win: { workoutsFrom: string; workoutsTo: string; start: Date; end: Date },
) {
  const current = db
    .select({ id: plans.id })
    .from(plans)
    .where(isCurrent(userId))
    .orderBy(...currentFirst)
    .limit(1);
  const allowed = sql.join(
    sources.map((x) => sql`${x}`),
    sql`, `,
  );
  type Row = { plan: PlanSummary | null; workouts: WorkoutJson[]; activities: ActivityJson[] };
  // Both drivers (the pool's and the HTTP one) answer a raw statement with its rows as objects.
  const { rows } = (await db.execute(sql`
    select
      (select json_build_object('id', ${plans.id}, 'status', ${plans.status}, 'startDate', ${plans.startDate}, 'endDate', ${plans.endDate})
         from ${plans} where ${plans.id} = (${current})) as plan,
      (select coalesce(json_agg(${workoutJson} order by ${w.date}, ${w.createdAt}, ${w.id}), '[]')
         from ${w}
        where ${w.userId} = ${userId} and ${w.planId} = (${current})
          and ((${w.date} between ${win.workoutsFrom} and ${win.workoutsTo}) or ${w.linkMode} = 'manual')) as workouts,
      (select coalesce(json_agg(${activityJson} order by ${a.startTime}, ${a.id}), '[]')
         from ${a} left join ${activityMetrics} on ${activityMetrics.activityId} = ${a.id}
        where ${a.userId} = ${userId} and ${a.duplicateOf} is null and ${a.source} in (${allowed})
          and ${a.startTime} >= ${win.start.toISOString()} and ${a.startTime} < ${win.end.toISOString()}) as activities`)) as unknown as {
    rows: Row[];
  };
  const row = rows[0]!;
  return {
    plan: row.plan ?? undefined,
    workouts: row.workouts.map(workoutOf),
    activities: row.activities.map((x): CalendarActivityRow => ({ ...x, startTime: new Date(x.startTime) })),
  };
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
