// What the analytics repos share: row coercion, the canonical-sources filter and receipt rows (an
// activity with its load), which most read models show next to their numbers.

import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import type { ActivitySource, Sport } from '../activities';

export interface ReceiptRow {
  id: string;
  date: string;
  name: string;
  sport: Sport;
  source: ActivitySource;
  distanceM: number;
  movingTimeS: number;
  avgHr: number | null;
  elevationGainM: number | null;
  load: number | null;
  loadMethod: string | null;
}

// Both drivers (the pool's and the HTTP one) answer a raw statement with `{ rows }`, typed loosely by drizzle.
export const rowsOf = async <T>(p: PromiseLike<unknown>): Promise<T[]> => ((await p) as { rows: unknown[] }).rows as T[];
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

// What the bests rules need to know about an activity (plausibility.calc.ts `EffortSource`).
export const sourceFlags = sql`a.sport_inferred, (a.data_quality @> '[{"code":"implausible_effort"}]'::jsonb) as implausible_effort`;

// Canonical rows from the sources a data use allows: every read goes through this filter.
export const canonical = (sources: ActivitySource[]) => sql`a.duplicate_of is null and a.source::text = any(${sql.param(sources)}::text[])`;

export function createReceiptsRepo(db: StatementExecutor) {
  return {
    async receiptsBetween(userId: string, sources: ActivitySource[], fromDay: string, toDay: string, sport?: Sport): Promise<ReceiptRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as date, a.name, a.sport, a.source, a.distance_m, a.moving_time_s, a.avg_hr, a.elevation_gain_m,
                 m.load, m.load_method
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and ${canonical(sources)} and a.local_start_date between ${fromDay} and ${toDay}
            ${sport ? sql`and a.sport = ${sport}` : sql``}
          order by a.start_time`),
      );
      return rows.map(toReceiptRow);
    },

    async receiptsByIds(userId: string, ids: string[]): Promise<ReceiptRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as date, a.name, a.sport, a.source, a.distance_m, a.moving_time_s, a.avg_hr, a.elevation_gain_m,
                 m.load, m.load_method
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and a.id = any(${sql.param(ids)}::uuid[])`),
      );
      return rows.map(toReceiptRow);
    },
  };
}

export function toReceiptRow(r: Record<string, unknown>): ReceiptRow {
  return {
    id: String(r.id),
    date: String(r.date),
    name: String(r.name),
    sport: r.sport as Sport,
    source: r.source as ActivitySource,
    distanceM: num(r.distance_m),
    movingTimeS: num(r.moving_time_s),
    avgHr: numOrNull(r.avg_hr),
    elevationGainM: numOrNull(r.elevation_gain_m),
    load: numOrNull(r.load),
    loadMethod: (r.load_method as string | null) ?? null,
  };
}
