import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import type { ActivitySource, Sport } from '../activities';
import { canonical, num, rowsOf } from './analytics-shared.repo';

export interface DayRow {
  day: string;
  sport: Sport;
  load: number;
  movingS: number;
  distanceM: number;
  count: number;
}

/** Reads of the daily totals and activity rows behind volume, the heatmap and the CSV export (owner-scoped). */
export function createVolumeRepo(db: StatementExecutor) {
  return {
    async days(userId: string, sources: ActivitySource[], fromDay: string, toDay: string): Promise<DayRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select day::text as day, sport, sum(load) as load, sum(moving_s) as moving_s, sum(distance_m) as distance_m, sum(count) as count
          from training_days
          where user_id = ${userId} and source::text = any(${sql.param(sources)}::text[]) and day between ${fromDay} and ${toDay}
          group by day, sport order by day`),
      );
      return rows.map((r) => ({
        day: String(r.day),
        sport: r.sport as Sport,
        load: num(r.load),
        movingS: num(r.moving_s),
        distanceM: num(r.distance_m),
        count: num(r.count),
      }));
    },

    /** Activities with load, for the CSV export (oldest first, bounded). */
    async exportRows(userId: string, sources: ActivitySource[], limit: number) {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as date, a.start_time, a.name, a.sport, a.source, a.distance_m, a.moving_time_s, a.elapsed_time_s,
                 a.elevation_gain_m, a.avg_hr, a.max_hr, a.avg_power, m.load, m.load_method, m.intensity, m.confidence
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and ${canonical(sources)}
          order by a.start_time limit ${limit}`),
      );
      return rows;
    },
  };
}
