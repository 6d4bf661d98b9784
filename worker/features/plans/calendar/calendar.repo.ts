// The calendar's reads: the current plan's workouts of a window (and every manual link), and the canonical
// activities of the sources a data use allows, with their load. Statements only; the service decides what.
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { StatementExecutor } from '../../../db/executor';
import { activities, activityMetrics, plannedWorkouts, plans } from '../../../db/schema';
import type { ActivitySource } from '../../activities';
import { type WorkoutJson, workoutJson, workoutOf } from '../plan-range.repo';
import { slotOrder } from '../plans.repo';

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

type PlanSummary = { id: string; status: (typeof plans.$inferSelect)['status']; startDate: string; endDate: string };
type ActivityJson = Omit<CalendarActivityRow, 'startTime'> & { startTime: string };
export type CalendarWindow = { workoutsFrom: string; workoutsTo: string; start: Date; end: Date };
export type CalendarRows = ReturnType<typeof calendarRowsOf>;

const w = plannedWorkouts;
const a = activities;
const activityJson = sql`json_build_object(
  'id', ${a.id}, 'name', ${a.name}, 'sport', ${a.sport}, 'startTime', ${a.startTime}, 'localDate', ${a.localStartDate},
  'movingTimeS', ${a.movingTimeS}, 'elapsedTimeS', ${a.elapsedTimeS}, 'distanceM', ${a.distanceM},
  'sportInferred', ${a.sportInferred}, 'load', ${activityMetrics.load}, 'source', ${a.source}, 'device', ${a.extras}->>'device')`;

/**
 * Everything a calendar read needs, as one JSON value: the current plan (the active one, else the latest paused one,
 * as plans.repo's currentPlan), its workouts dated from `workoutsFrom` to `workoutsTo` and those linked by hand
 * wherever they are (a link may cross days), and the canonical activities (duplicates once) of the allowed sources
 * starting in [start, end). `userId`: a value, or the session lookup's own user column when the read rides on it
 * (ADR 093).
 */
export function calendarRowsJson(userId: string | SQL, sources: ActivitySource[], win: CalendarWindow): SQL<unknown> {
  const current = sql`(select ${plans.id} from ${plans}
     where ${plans.userId} = ${userId} and ${plans.status} in ('active', 'paused')
     order by ${plans.status} = 'active' desc, ${plans.updatedAt} desc limit 1)`;
  const allowed = sql.join(
    sources.map((x) => sql`${x}`),
    sql`, `,
  );
  return sql`json_build_object(
    'plan', (select json_build_object('id', ${plans.id}, 'status', ${plans.status}, 'startDate', ${plans.startDate}, 'endDate', ${plans.endDate})
               from ${plans} where ${plans.id} = ${current}),
    'workouts', (select coalesce(json_agg(${workoutJson} order by ${w.date}, ${slotOrder}, ${w.createdAt}, ${w.id}), '[]')
                   from ${w}
                  where ${w.userId} = ${userId} and ${w.planId} = ${current}
                    and ((${w.date} between ${win.workoutsFrom} and ${win.workoutsTo}) or ${w.linkMode} = 'manual')),
    'activities', (select coalesce(json_agg(${activityJson} order by ${a.startTime}, ${a.id}), '[]')
                     from ${a} left join ${activityMetrics} on ${activityMetrics.activityId} = ${a.id}
                    where ${a.userId} = ${userId} and ${a.duplicateOf} is null and ${a.source} in (${allowed})
                      and ${a.startTime} >= ${win.start.toISOString()} and ${a.startTime} < ${win.end.toISOString()}))`;
}

/** The rows of `calendarRowsJson`'s value, as both drivers parse it. */
export function calendarRowsOf(value: unknown) {
  const row = value as { plan: PlanSummary | null; workouts: WorkoutJson[]; activities: ActivityJson[] };
  return {
    plan: row.plan ?? undefined,
    workouts: row.workouts.map(workoutOf),
    activities: row.activities.map((x): CalendarActivityRow => ({ ...x, startTime: new Date(x.startTime) })),
  };
}

/** The calendar's rows of the session's user as a column of the session lookup, with whose they are (ADR 093). */
export const calendarRiderColumn = (userId: SQL, sources: ActivitySource[], win: CalendarWindow): SQL<unknown> =>
  sql`json_build_object('userId', ${userId}, 'rows', ${calendarRowsJson(userId, sources, win)})`;

/** `calendarRiderColumn`'s value, or null when the lookup found no session. */
export function calendarRiderOf(value: unknown): { userId: string; rows: CalendarRows } | null {
  const v = value as { userId?: string; rows?: unknown } | null;
  return v?.userId && v.rows ? { userId: v.userId, rows: calendarRowsOf(v.rows) } : null;
}

/** The calendar's rows in one statement (one round trip beside the session's). */
export async function calendarRows(db: StatementExecutor, userId: string, sources: ActivitySource[], win: CalendarWindow) {
  // Both drivers (the pool's and the HTTP one) answer a raw statement with its rows as objects.
  const { rows } = (await db.execute(sql`select ${calendarRowsJson(userId, sources, win)} as calendar`)) as unknown as {
    rows: { calendar: unknown }[];
  };
  return calendarRowsOf(rows[0]!.calendar);
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
