// SQL of the operator's side of leaderboard reviews (ADR 084): the queue and the one decision.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';

export interface AdminReviewRow {
  id: string;
  status: 'open' | 'accepted' | 'declined';
  note: string;
  createdAt: Date;
  decidedAt: Date | null;
  decisionReason: string | null;
  userId: string;
  displayName: string;
  activityId: string;
  name: string;
  sport: string;
  startTime: Date;
  exclusion: string | null;
}

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];

export function createReviewsAdminRepo(db: Executor) {
  return {
    /** Open requests first (oldest first), then the latest decided ones. */
    queue: (limit: number) =>
      rows<AdminReviewRow>(
        db.execute(sql`
          select r.id, r.status, r.note, r.created_at as "createdAt", r.decided_at as "decidedAt", r.decision_reason as "decisionReason",
                 r.user_id as "userId", u.display_name as "displayName", a.id as "activityId", a.name, a.sport::text as sport,
                 a.start_time as "startTime", j.reason as exclusion
          from leaderboard_reviews r join users u on u.id = r.user_id join activities a on a.id = r.activity_id
            left join activity_social_judgments j on j.activity_id = r.activity_id
          order by r.status <> 'open', case when r.status = 'open' then r.created_at end asc, r.decided_at desc nulls last, r.id
          limit ${limit}`),
      ),

    /** Decides an open request once; undefined when it is not open (or not there). */
    async decide(id: string, status: 'accepted' | 'declined', reason: string, by: string, now: Date) {
      const [r] = await rows<{ id: string; userId: string; activityId: string }>(
        db.execute(sql`
          update leaderboard_reviews set status = ${status}, decision_reason = ${reason}, decided_by = ${by}, decided_at = ${now.toISOString()}
          where id = ${id} and status = 'open'
          returning id, user_id as "userId", activity_id as "activityId"`),
      );
      return r;
    },

    exists: async (id: string) => (await rows(db.execute(sql`select 1 from leaderboard_reviews where id = ${id}`))).length > 0,
  };
}
