// A plan's calendar in one statement: whether the plan is the athlete's, its workouts of a range of days, and
// the athlete's canonical activities between two instants with their load, as JSON aggregates (one round trip,
// on either driver). The workouts' JSON is also the training calendar's (calendar/calendar.repo.ts).
import { sql } from 'drizzle-orm';
import type { StatementExecutor } from '../../db/executor';
import { activities, activityMetrics, plannedWorkouts, plans } from '../../db/schema';
import type { ActivitySource } from '../activities';
import { slotOrder, type WorkoutRow } from './plans.repo';

const w = plannedWorkouts;
const a = activities;

/** A planned workout's every column as json_build_object writes it: timestamps as text, the rest as the row has it. */
export const workoutJson = sql`json_build_object(
  'id', ${w.id}, 'planId', ${w.planId}, 'userId', ${w.userId}, 'date', ${w.date}, 'sport', ${w.sport}, 'type', ${w.type},
  'title', ${w.title}, 'description', ${w.description}, 'durationSec', ${w.durationSec}, 'distanceM', ${w.distanceM},
  'targetLoad', ${w.targetLoad}, 'intensity', ${w.intensity}, 'steps', ${w.steps}, 'phase', ${w.phase}, 'week', ${w.week},
  'why', ${w.why}, 'skipped', ${w.skipped}, 'linkMode', ${w.linkMode}, 'linkedActivityId', ${w.linkedActivityId},
  'revision', ${w.revision}, 'source', ${w.source}, 'createdAt', ${w.createdAt}, 'updatedAt', ${w.updatedAt},
  'doneAt', ${w.doneAt}, 'doneNote', ${w.doneNote}, 'doneRpe', ${w.doneRpe}, 'slot', ${w.slot})`;
export type WorkoutJson = Omit<WorkoutRow, 'createdAt' | 'updatedAt' | 'doneAt'> & {
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
};

/** The row drizzle's select would have given. */
export const workoutOf = (x: WorkoutJson): WorkoutRow => ({
  ...x,
  createdAt: new Date(x.createdAt),
  updatedAt: new Date(x.updatedAt),
  doneAt: x.doneAt === null ? null : new Date(x.doneAt),
});

/** An activity as the plans repo's `activitiesBetween` gives it, and its source (for the policy's cut). */
export interface RangeActivity {
  id: string;
  sport: (typeof activities.$inferSelect)['sport'];
  name: string;
  startTime: Date;
  movingTimeS: number;
  distanceM: number;
  load: number | null;
  source: ActivitySource;
}
type ActivityJson = Omit<RangeActivity, 'startTime'> & { startTime: string };
const activityJson = sql`json_build_object(
  'id', ${a.id}, 'sport', ${a.sport}, 'name', ${a.name}, 'startTime', ${a.startTime}, 'movingTimeS', ${a.movingTimeS},
  'distanceM', ${a.distanceM}, 'load', ${activityMetrics.load}, 'source', ${a.source})`;

/**
 * The plan `planId` if it is `userId`'s (`found`), its workouts dated `from` to `to` (local dates) in plan order,
 * and `userId`'s canonical activities of `sources` starting in [start, end], by start time.
 */
export async function planRangeRows(
  db: StatementExecutor,
  q: { userId: string; planId: string; from: string; to: string; sources: ActivitySource[]; start: Date; end: Date },
) {
  const allowed = q.sources.length
    ? sql`${a.source} in (${sql.join(
        q.sources.map((x) => sql`${x}`),
        sql`, `,
      )})`
    : sql`false`;
  type Row = { found: boolean; workouts: WorkoutJson[]; activities: ActivityJson[] };
  // Both drivers (the pool's and the HTTP one) answer a raw statement with its rows as objects.
  const { rows } = (await db.execute(sql`
    select
      exists (select 1 from ${plans} where ${plans.id} = ${q.planId} and ${plans.userId} = ${q.userId}) as found,
      (select coalesce(json_agg(${workoutJson} order by ${w.date}, ${slotOrder}, ${w.createdAt}, ${w.id}), '[]')
         from ${w}
        where ${w.userId} = ${q.userId} and ${w.planId} = ${q.planId} and ${w.date} between ${q.from} and ${q.to}) as workouts,
      (select coalesce(json_agg(${activityJson} order by ${a.startTime}, ${a.id}), '[]')
         from ${a} left join ${activityMetrics} on ${activityMetrics.activityId} = ${a.id}
        where ${a.userId} = ${q.userId} and ${a.duplicateOf} is null and ${allowed}
          and ${a.startTime} >= ${q.start.toISOString()} and ${a.startTime} <= ${q.end.toISOString()}) as activities`)) as unknown as {
    rows: Row[];
  };
  const row = rows[0]!;
  return {
    found: row.found,
    workouts: row.workouts.map(workoutOf),
    activities: row.activities.map((x): RangeActivity => ({ ...x, startTime: new Date(x.startTime) })),
  };
}
