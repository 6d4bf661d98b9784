// SQL of marked race results (ADR 084).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';

export interface RaceRow {
  activityId: string;
  place: number | null;
  fieldSize: number | null;
  markedAt: Date;
}

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];

export function createRacesRepo(db: Executor) {
  return {
    ownsActivity: async (userId: string, activityId: string) =>
      (await rows(db.execute(sql`select 1 from activities where id = ${activityId} and user_id = ${userId} and deleted_at is null`)))
        .length > 0,

    async get(userId: string, activityId: string): Promise<RaceRow | undefined> {
      const [r] = await rows<RaceRow>(
        db.execute(sql`
          select activity_id as "activityId", place, field_size as "fieldSize", marked_at as "markedAt"
          from activity_race_results where activity_id = ${activityId} and user_id = ${userId}`),
      );
      return r;
    },

    async put(userId: string, activityId: string, place: number | null, fieldSize: number | null): Promise<RaceRow> {
      const [r] = await rows<RaceRow>(
        db.execute(sql`
          insert into activity_race_results (activity_id, user_id, place, field_size) values (${activityId}, ${userId}, ${place}, ${fieldSize})
          on conflict (activity_id) do update set place = excluded.place, field_size = excluded.field_size, marked_at = now()
          returning activity_id as "activityId", place, field_size as "fieldSize", marked_at as "markedAt"`),
      );
      return r!;
    },

    async remove(userId: string, activityId: string): Promise<boolean> {
      const r = await db.execute(sql`delete from activity_race_results where activity_id = ${activityId} and user_id = ${userId}`);
      return ((r as unknown as { rowCount?: number }).rowCount ?? 0) > 0;
    },
  };
}
