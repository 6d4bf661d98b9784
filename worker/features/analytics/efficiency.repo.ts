import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import type { ActivitySource } from '../activities';
import { canonical, numOrNull, rowsOf, toReceiptRow } from './analytics-shared.repo';
import type { DerivedFacts } from './analytics.types';

export function createEfficiencyRepo(db: StatementExecutor) {
  return {
    /** Runs and rides with heart rate in a window, with their facts (efficiency). */
    async hrSessions(userId: string, sources: ActivitySource[], fromDay: string, toDay: string) {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as date, a.name, a.sport, a.source, a.distance_m, a.moving_time_s, a.avg_hr, a.elevation_gain_m,
                 a.avg_power, a.normalized_power, m.load, m.load_method, m.facts
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and ${canonical(sources)} and a.local_start_date between ${fromDay} and ${toDay}
            and a.sport in ('run', 'ride') and a.avg_hr > 0 and a.moving_time_s > 0
          order by a.start_time`),
      );
      return rows.map((r) => ({
        ...toReceiptRow(r),
        avgPower: numOrNull(r.avg_power),
        normalizedPower: numOrNull(r.normalized_power),
        facts: (r.facts as DerivedFacts | null) ?? null,
      }));
    },
  };
}
