import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';

/** One athlete whose reminder time has come today, with today's first planned workout. */
export interface DueReminder {
  userId: string;
  /** The athlete's local date: the reminder's day (its dedupe key) and the workout's date. */
  date: string;
  workoutId: string;
  title: string;
  durationS: number;
  count: number;
  /** The end of that local day, as an instant. */
  endsAt: Date;
}

// The query's anti-join spells the same key in SQL: change both together.
export const reminderKey = (userId: string, date: string) => `workout.reminder:${userId}:${date}`;

export function createWorkoutReminderRepo(db: Executor) {
  return {
    /**
     * Every athlete due in one statement: reminder on, the local reminder time of their local today in
     * (from, to], a planned and not skipped workout of an active plan on that date, and no reminder of that
     * day gated yet. Postgres turns local times into instants per zone and date (`at time zone`), so a DST
     * day's 23 or 25 hours come out right; a time the spring change skips reads as the hour after.
     */
    async due(from: Date, to: Date): Promise<DueReminder[]> {
      const rows = await db.execute<{
        user_id: string;
        date: string;
        workout_id: string;
        title: string;
        duration_s: number;
        count: number;
        ends_at: string | Date;
      }>(sql`
        with due as (
          select u.id as user_id, u.time_zone as zone, l.day
          from notification_preferences p
          join users u on u.id = p.user_id,
          lateral (select (${to.toISOString()}::timestamptz at time zone u.time_zone)::date as day) l
          where p.reminder_on and u.blocked_at is null
            and ((l.day + make_interval(mins => p.reminder_minute::int)) at time zone u.time_zone) > ${from.toISOString()}::timestamptz
            and ((l.day + make_interval(mins => p.reminder_minute::int)) at time zone u.time_zone) <= ${to.toISOString()}::timestamptz
        )
        select distinct on (due.user_id)
               due.user_id, to_char(due.day, 'YYYY-MM-DD') as date, w.id as workout_id, w.title, w.duration_sec as duration_s,
               count(*) over (partition by due.user_id)::int as count,
               ((due.day + 1)::timestamp at time zone due.zone) as ends_at
        from due
        join planned_workouts w on w.user_id = due.user_id and w.date = due.day and not w.skipped
        join plans pl on pl.id = w.plan_id and pl.status = 'active'
        where not exists (
          select 1 from notification_events e
          where e.dedupe_key = 'workout.reminder:' || due.user_id || ':' || to_char(due.day, 'YYYY-MM-DD'))
        order by due.user_id, w.created_at, w.id`);
      return rows.rows.map((r) => ({
        userId: r.user_id,
        date: r.date,
        workoutId: r.workout_id,
        title: r.title,
        durationS: Number(r.duration_s),
        count: Number(r.count),
        endsAt: new Date(r.ends_at),
      }));
    },
  };
}
