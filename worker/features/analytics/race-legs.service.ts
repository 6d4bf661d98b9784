// What a triathlon's legs are planned from (races feature, issue 56): the thresholds in effect on a day with their
// dates and receipts, and rides and runs with their start, duration, power and heart rate (long rides and bricks).
// Both read only the sources the data use allows, so strict mode's Strava API rows do not count.
import { sql } from 'drizzle-orm';
import type { DataUse } from '../activities';
import type { Athlete, ReadContext } from './analytics-shared';
import { canonical, num, numOrNull, rowsOf } from './analytics-shared.repo';
import type { ThresholdKind } from './analytics.types';
import { thresholdTimeline } from './calc/thresholds.calc';
import * as thresholdsRepo from './thresholds.repo';

/** A threshold in effect with its date: the athlete's own value or an estimate (its activity and note, ADR 065). */
export interface DatedThreshold {
  kind: ThresholdKind;
  value: number;
  source: 'manual' | 'estimated';
  effectiveFrom: string;
  activityId: string | null;
  note: string | null;
}

/** A ride or run: times in seconds, `startMs` the UTC start; power and IF only where the load was from power. */
export interface SessionRow {
  id: string;
  name: string;
  sport: 'ride' | 'run';
  date: string;
  startMs: number;
  movingTimeS: number;
  elapsedTimeS: number;
  distanceM: number;
  avgHr: number | null;
  avgPowerW: number | null;
  normalizedPowerW: number | null;
  intensityFactor: number | null;
}

export function createRaceLegsService(ctx: ReadContext) {
  return {
    async thresholdsOn(a: Athlete, day: string, use: DataUse = 'analytics'): Promise<Partial<Record<ThresholdKind, DatedThreshold>>> {
      const rows = await thresholdsRepo.thresholds(ctx.db, a.id, await ctx.sourcesFor(use));
      const out: Partial<Record<ThresholdKind, DatedThreshold>> = {};
      for (const [kind, e] of Object.entries(thresholdTimeline(rows).inEffect(day)) as [
        ThresholdKind,
        { value: number; source: 'manual' | 'estimated'; effectiveFrom: string },
      ][]) {
        const row = rows.find((r) => r.kind === kind && r.source === e.source && r.effectiveFrom === e.effectiveFrom);
        out[kind] = { kind, ...e, activityId: row?.activityId ?? null, note: row?.note ?? null };
      }
      return out;
    },

    /** Rides and runs of the local days `from`–`to`, oldest first. */
    async sessionsBetween(a: Athlete, from: string, to: string, use: DataUse = 'analytics'): Promise<SessionRow[]> {
      const sources = await ctx.sourcesFor(use);
      const rows = await rowsOf<Record<string, unknown>>(
        ctx.db.execute(sql`
          select a.id, a.name, a.sport, a.local_start_date::text as date, a.start_time, a.moving_time_s, a.elapsed_time_s,
                 a.distance_m, a.avg_hr, a.avg_power,
                 coalesce((m.facts->>'normalizedPower')::float8, a.normalized_power) as np,
                 case when m.load_method = 'power_tss' then m.intensity end as intensity_factor
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${a.id} and ${canonical(sources)} and a.deleted_at is null and a.sport in ('ride', 'run')
            and a.local_start_date between ${from} and ${to}
          order by a.start_time`),
      );
      return rows.map((r) => ({
        id: String(r.id),
        name: String(r.name),
        sport: r.sport as 'ride' | 'run',
        date: String(r.date),
        startMs: new Date(r.start_time as string).getTime(),
        movingTimeS: num(r.moving_time_s),
        elapsedTimeS: num(r.elapsed_time_s),
        distanceM: num(r.distance_m),
        avgHr: numOrNull(r.avg_hr),
        avgPowerW: numOrNull(r.avg_power),
        normalizedPowerW: numOrNull(r.np),
        intensityFactor: numOrNull(r.intensity_factor),
      }));
    },
  };
}
