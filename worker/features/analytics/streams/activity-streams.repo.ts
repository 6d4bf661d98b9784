// The one read behind the activity page's streams: the activity's own row and its stored streams.

import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../../db/executor';
import type { ActivityLap, ActivitySource, ActivityStreams, Sport } from '../../activities';
import { num, rowsOf } from '../analytics-shared.repo';

export interface StreamsRow {
  id: string;
  source: ActivitySource;
  sport: Sport;
  startTime: Date;
  localDate: string;
  distanceM: number;
  /** The activity's summary as stored at ingest (the file's own totals where it had them). */
  totals: ActivityTotals;
  laps: ActivityLap[];
  streams: ActivityStreams | null;
}

export interface ActivityTotals {
  movingTimeS: number;
  elevationGainM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  avgPower: number | null;
}

const numOrNull = (v: unknown) => (v === null || v === undefined ? null : num(v));

/** Owner-scoped: another athlete's id is simply not found, nor a deleted one (in its undo window too, issue 55). */
export async function streamsOf(db: StatementExecutor, userId: string, activityId: string): Promise<StreamsRow | undefined> {
  const [r] = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select a.id, a.source, a.sport, a.start_time, a.local_start_date::text as local_date, a.distance_m, a.laps, s.streams,
        a.moving_time_s, a.elevation_gain_m, a.avg_hr, a.max_hr, a.avg_power
      from activities a left join activity_streams s on s.activity_id = a.id
      where a.user_id = ${userId} and a.id = ${activityId} and a.deleted_at is null`),
  );
  if (!r) return undefined;
  return {
    id: String(r.id),
    source: r.source as ActivitySource,
    sport: r.sport as Sport,
    startTime: new Date(r.start_time as string | Date),
    localDate: String(r.local_date),
    distanceM: num(r.distance_m),
    totals: {
      movingTimeS: num(r.moving_time_s),
      elevationGainM: numOrNull(r.elevation_gain_m),
      avgHr: numOrNull(r.avg_hr),
      maxHr: numOrNull(r.max_hr),
      avgPower: numOrNull(r.avg_power),
    },
    laps: (r.laps as ActivityLap[] | null) ?? [],
    streams: (r.streams as ActivityStreams | null) ?? null,
  };
}
