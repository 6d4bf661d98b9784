// The activities the N=1 engine reads: id, day, sport, moving time and the stored HR histogram only.
import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import type { ActivitySource } from '../activities';
import { canonical, num, rowsOf } from './analytics-shared.repo';
import type { ValueHistogram } from './analytics.types';

export async function engineActivities(db: StatementExecutor, userId: string, sources: ActivitySource[], from: string, to: string) {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select a.id, a.local_start_date::text as date, a.name, a.sport, a.moving_time_s, m.facts->'zoneHist'->'hr' as hr_hist
      from activities a left join activity_metrics m on m.activity_id = a.id
      where a.user_id = ${userId} and ${canonical(sources)} and a.local_start_date between ${from} and ${to}
      order by a.start_time`),
  );
  return rows.map((r) => ({
    id: r.id as string,
    day: r.date as string,
    name: r.name as string,
    sport: r.sport as string,
    movingS: num(r.moving_time_s),
    hrHist: (r.hr_hist as ValueHistogram | null) ?? null,
  }));
}

/** True while the athlete waits for a rebuild (an estimated threshold moved): their figures are about to change. */
export async function rebuildPending(db: StatementExecutor, userId: string): Promise<boolean> {
  const rows = await rowsOf(db.execute(sql`select 1 from analytics_rebuilds where user_id = ${userId}`));
  return rows.length > 0;
}
