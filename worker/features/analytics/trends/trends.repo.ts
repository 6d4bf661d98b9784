// The trends' reads: activities of a span with what their zones are counted from (stored facts and the
// inputs of their load), only from the sources the data use allows.
import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../../db/executor';
import type { ActivitySource, Sport } from '../../activities';
import { canonical, rowsOf, sourceFlags } from '../analytics-shared.repo';
import type { DerivedFacts } from '../analytics.types';
import { type MetricSourceRow, toMetricSource } from '../training-load.repo';

export interface ZoneSession extends MetricSourceRow {
  name: string;
  /** The activity has streams stored (its facts may predate the histograms: a rebuild is pending). */
  hasStreams: boolean;
  facts: DerivedFacts | null;
}

export async function zoneSessions(
  db: StatementExecutor,
  userId: string,
  sources: ActivitySource[],
  fromDay: string,
  toDay: string,
  sports: Sport[] | null,
): Promise<ZoneSession[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select a.id, a.name, a.sport, a.local_start_date::text as local_date, a.moving_time_s, a.distance_m, a.avg_hr, a.max_hr,
             a.avg_power, a.normalized_power, a.best_efforts, ${sourceFlags}, m.facts,
             exists (select 1 from activity_streams s where s.activity_id = a.id) as has_streams
      from activities a left join activity_metrics m on m.activity_id = a.id
      where a.user_id = ${userId} and ${canonical(sources)} and a.local_start_date between ${fromDay} and ${toDay}
        ${sports ? sql`and a.sport::text = any(${sql.param(sports)}::text[])` : sql``}
      order by a.start_time`),
  );
  return rows.map((r) => ({
    ...toMetricSource(r),
    name: String(r.name),
    hasStreams: r.has_streams === true,
    facts: (r.facts as DerivedFacts | null) ?? null,
  }));
}
