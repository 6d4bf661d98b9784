// The canonical reads: one logical activity per effort, so duplicates of another row are never listed or
// counted (the activity list, its count, each athlete's latest), nor rows deleted inside their undo window. The rows' writes: activities.repo.ts.
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activities } from '../../db/schema';
import { activityColumns, type ActivityRow } from './activities.repo';
import type { ActivitySource } from './activity.types';

/** The athlete's activities, newest first, a page of `limit` before `before`. */
export function listCanonical(
  db: Executor,
  userId: string,
  sources: ActivitySource[],
  opts: { limit: number; before?: Date },
): Promise<ActivityRow[]> {
  return db
    .select(activityColumns)
    .from(activities)
    .where(
      and(
        eq(activities.userId, userId),
        isNull(activities.duplicateOf),
        isNull(activities.deletedAt),
        inArray(activities.source, sources),
        opts.before ? lt(activities.startTime, opts.before) : undefined,
      ),
    )
    .orderBy(desc(activities.startTime), asc(activities.id))
    .limit(opts.limit);
}

/** How many activities the athlete has from these sources. */
export async function countCanonical(db: Executor, userId: string, sources: ActivitySource[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(activities)
    .where(
      and(eq(activities.userId, userId), isNull(activities.duplicateOf), isNull(activities.deletedAt), inArray(activities.source, sources)),
    );
  return row?.n ?? 0;
}

/** Each athlete's latest canonical activity from the allowed sources, in one statement (one index probe each). */
export async function latestCanonicalOf(
  db: Executor,
  userIds: string[],
  sources: ActivitySource[],
): Promise<{ userId: string; id: string; name: string; sport: string; localStartDate: string; startTime: Date }[]> {
  if (userIds.length === 0) return [];
  const { rows } = await db.execute(sql`
    select u.id as "userId", a.id, a.name, a.sport, a.local_start_date::text as "localStartDate", a.start_time as "startTime"
    from unnest(${sql.param(userIds)}::uuid[]) as u(id)
    cross join lateral (
      select id, name, sport, local_start_date, start_time from activities
      where user_id = u.id and duplicate_of is null and deleted_at is null and source::text = any(${sql.param(sources)}::text[])
      order by start_time desc, id limit 1
    ) a`);
  return (rows as { userId: string; id: string; name: string; sport: string; localStartDate: string; startTime: string | Date }[]).map(
    (r) => ({ ...r, startTime: new Date(r.startTime) }),
  );
}
