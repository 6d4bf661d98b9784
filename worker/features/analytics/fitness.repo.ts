import { sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client';
import type { Executor, StatementExecutor } from '../../db/executor';
import type { ActivitySource } from '../activities';
import { num, rowsOf } from './analytics-shared.repo';

/** Reads of the daily loads the PMC is computed from (owner-scoped; `sources` from the data-use policy). Single statements. */
export function createFitnessRepo(db: StatementExecutor) {
  return {
    async firstDay(userId: string, sources: ActivitySource[]): Promise<string | null> {
      const rows = await rowsOf<{ d: string | null }>(
        db.execute(
          sql`select min(day)::text as d from training_days where user_id = ${userId} and source::text = any(${sql.param(sources)}::text[])`,
        ),
      );
      return rows[0]?.d ?? null;
    },

    async dailyLoads(userId: string, sources: ActivitySource[], toDay: string): Promise<{ day: string; load: number }[]> {
      const rows = await rowsOf<{ day: string; load: unknown }>(
        db.execute(sql`
          select day::text as day, sum(load) as load from training_days
          where user_id = ${userId} and source::text = any(${sql.param(sources)}::text[]) and day <= ${toDay}
          group by day order by day`),
      );
      return rows.map((r) => ({ day: r.day, load: num(r.load) }));
    },

    /** Several athletes' daily loads between two days, in one statement (the coach's dashboard). */
    async dailyLoadsOfMany(
      userIds: string[],
      sources: ActivitySource[],
      fromDay: string,
      toDay: string,
    ): Promise<{ userId: string; day: string; load: number }[]> {
      if (userIds.length === 0) return [];
      const rows = await rowsOf<{ user_id: string; day: string; load: unknown }>(
        db.execute(sql`
          select user_id, day::text as day, sum(load) as load from training_days
          where user_id = any(${sql.param(userIds)}::uuid[]) and source::text = any(${sql.param(sources)}::text[])
            and day between ${fromDay} and ${toDay}
          group by user_id, day order by user_id, day`),
      );
      return rows.map((r) => ({ userId: r.user_id, day: r.day, load: num(r.load) }));
    },
  };
}
