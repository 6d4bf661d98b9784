// One activity as its curve card reads it: the row, the kinds of curve it keeps and the one asked for.
import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../../db/executor';
import type { ActivitySource, Sport } from '../../activities';
import { rowsOf } from '../analytics-shared.repo';
import type { StoredCurve } from './activity-curves.calc';
import type { CurveKind } from './mean-max.calc';

export interface ActivityCurveRow {
  id: string;
  sport: Sport;
  source: ActivitySource;
  localDate: string;
  /** The kinds of curve the activity keeps (none without streams). */
  kinds: CurveKind[];
  curve: Pick<StoredCurve, 'values' | 'starts' | 'excluded'> | null;
}

/** Owner-scoped: another athlete's id is simply not found, nor a deleted one (undo window too, issue 55). */
export async function activityCurveOf(
  db: StatementExecutor,
  userId: string,
  activityId: string,
  kind: CurveKind,
): Promise<ActivityCurveRow | undefined> {
  const [r] = await rowsOf<{
    id: string;
    sport: Sport;
    source: ActivitySource;
    local_date: string;
    kinds: CurveKind[] | null;
    values: (number | null)[] | null;
    starts: (number | null)[] | null;
    excluded: StoredCurve['excluded'] | null;
  }>(
    db.execute(sql`
      select a.id, a.sport, a.source, a.local_start_date::text as local_date,
        (select array_agg(k.kind order by k.kind) from activity_curves k where k.activity_id = a.id) as kinds,
        c."values", c.starts, c.excluded
      from activities a left join activity_curves c on c.activity_id = a.id and c.kind = ${kind}
      where a.user_id = ${userId} and a.id = ${activityId} and a.deleted_at is null`),
  );
  if (!r) return undefined;
  return {
    id: String(r.id),
    sport: r.sport,
    source: r.source,
    localDate: r.local_date,
    kinds: r.kinds ?? [],
    curve: r.values ? { values: r.values, starts: r.starts ?? [], excluded: r.excluded ?? [] } : null,
  };
}
