import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import type { DndWindow } from '../preferences/notification-preferences';

/** One combination of zone, send time and do-not-disturb windows that athletes share. */
export interface SendGroup {
  zone: string;
  minute: number;
  dnd: DndWindow[];
  athletes: number;
}

/** A group whose Monday send instant falls in the tick's horizon: its rows to prepare. */
export interface DueGroup {
  zone: string;
  minute: number;
  dnd: DndWindow[];
  /** The local Monday of the week summarised (the week that ended). */
  weekStart: string;
  dueAt: Date;
  /** The summarised week's end (that zone's Monday 00:00): accounts created after it get no summary of it. */
  weekEndsAt: Date;
  reason: 'send_time' | 'dnd';
}

/**
 * Who gets the Monday summary: athletes, and anyone else with a training history (a coach who trains),
 * never the console's demo role or a blocked account.
 */
const eligible = sql`u.blocked_at is null
  and (u.role = 'athlete' or (u.role <> 'demo' and exists (select 1 from training_days d where d.user_id = u.id)))`;

export function createWeeklyRepo(db: Executor, defaults: { sendMinute: number; dnd: DndWindow[] }) {
  const minute = sql`coalesce(p.send_minute, ${defaults.sendMinute}::int)`;
  const dnd = sql`coalesce(p.dnd, ${JSON.stringify(defaults.dnd)}::jsonb)`;
  return {
    /** The distinct (zone, send time, do-not-disturb) combinations of eligible accounts: a handful, whatever the headcount. */
    async sendGroups(): Promise<SendGroup[]> {
      const rows = await db.execute<{ zone: string; minute: number; dnd: DndWindow[]; athletes: number }>(sql`
        select u.time_zone as zone, ${minute} as minute, ${dnd} as dnd, count(*)::int as athletes
        from users u left join notification_preferences p on p.user_id = u.id
        where ${eligible}
        group by 1, 2, 3`);
      return rows.rows.map((r) => ({ zone: r.zone, minute: Number(r.minute), dnd: r.dnd, athletes: Number(r.athletes) }));
    },

    /**
     * One statement for every due group: an outbox row per eligible account of each, keyed
     * `weekly:<user>:<weekStart>`, so a re-run or a concurrent tick inserts nothing twice.
     */
    async insertWeekly(groups: DueGroup[], now: Date): Promise<number> {
      if (groups.length === 0) return 0;
      const recordset = JSON.stringify(
        groups.map((g) => ({
          zone: g.zone,
          minute: g.minute,
          dnd: g.dnd,
          week_start: g.weekStart,
          due_at: g.dueAt.toISOString(),
          at: g.dueAt.toISOString(),
          week_ends_at: g.weekEndsAt.toISOString(),
          reason: g.reason,
        })),
      );
      const result = await db.execute(sql`
        insert into notification_deliveries (user_id, dedupe_key, kind, category, type, items, due_at, reason, created_at, updated_at)
        select u.id, k.key, 'weekly', 'analysis', 'weekly.summary',
               jsonb_build_array(jsonb_build_object(
                 'type', 'weekly.summary', 'dedupeKey', k.key, 'data', jsonb_build_object('weekStart', g.week_start), 'at', g.at)),
               g.due_at, g.reason, ${now}, ${now}
        from jsonb_to_recordset(${recordset}::jsonb)
               as g(zone text, minute int, dnd jsonb, week_start text, due_at timestamptz, at text, week_ends_at timestamptz, reason text),
             users u
             left join notification_preferences p on p.user_id = u.id,
             lateral (select 'weekly:' || u.id || ':' || g.week_start as key) k
        where u.time_zone = g.zone and u.created_at < g.week_ends_at
          and ${minute} = g.minute and ${dnd} = g.dnd and ${eligible}
        on conflict (dedupe_key) do nothing`);
      return result.rowCount ?? 0;
    },
  };
}
