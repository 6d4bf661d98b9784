import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { users } from '../../db/schema';
import type { ActivitySource } from '../activities';
import { canonical, rowsOf } from './analytics-shared.repo';

export interface NewActivityRow {
  id: string;
  name: string;
  date: string;
}

export function createAnalysisNoticesRepo(db: Executor) {
  return {
    /** What `athleteOf` needs of a user, read by id (consumers have no session). */
    async athleteRow(userId: string) {
      const [row] = await db
        .select({
          id: users.id,
          units: users.units,
          timeZone: users.timeZone,
          birthDate: users.birthDate,
          sex: users.sex,
          analyticsVersion: users.analyticsVersion,
        })
        .from(users)
        .where(eq(users.id, userId));
      return row ?? null;
    },

    /**
     * Of these activities, the ones the athlete's own analytics count (canonical: not another copy of an
     * effort already there, and still stored), newest first.
     */
    newActivities(userId: string, ids: string[], sources: ActivitySource[]): Promise<NewActivityRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return rowsOf<NewActivityRow>(
        db.execute(sql`
          select a.id, a.name, a.local_start_date::text as date
          from activities a
          where a.user_id = ${userId} and a.id = any(${sql.param(ids)}::uuid[]) and ${canonical(sources)}
          order by a.start_time desc, a.id`),
      );
    },
  };
}
