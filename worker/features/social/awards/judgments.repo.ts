// SQL of the per-activity verdicts (ADR 084): the streams of the activities still to judge, the verdicts written
// back, and the activities an operator's accepted review lets count.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';

export interface StreamChannels {
  id: string;
  t: number[] | null;
  distanceDmDelta: number[] | null;
  positions: boolean;
}

export interface Verdict {
  activityId: string;
  reason: string | null;
  fingerprint: string;
}

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];

export function createJudgmentsRepo(db: Executor) {
  return {
    /** The channels eligibility reads, for these activities only. */
    streams: (ids: string[]) =>
      rows<StreamChannels>(
        db.execute(sql`
          select s.activity_id as id, s.streams->'t' as t, s.streams->'distanceDmDelta' as "distanceDmDelta",
                 coalesce(s.streams ? 'latE6Delta', false) as positions
          from activity_streams s where s.activity_id = any(${sql.param(ids)}::uuid[])`),
      ),

    /** Writes (or replaces) the verdicts of one athlete's activities, in one statement. */
    async put(userId: string, version: number, list: Verdict[]): Promise<void> {
      if (list.length === 0) return;
      await db.execute(sql`
        insert into activity_social_judgments (activity_id, user_id, eligible, reason, fingerprint, inputs_version, judged_at)
        select v.id, ${userId}, v.reason is null, v.reason, v.fp, ${version}, now()
        from jsonb_to_recordset(${JSON.stringify(list.map((v) => ({ id: v.activityId, reason: v.reason, fp: v.fingerprint })))}::jsonb)
          as v(id uuid, reason text, fp text)
        on conflict (activity_id) do update set
          eligible = excluded.eligible, reason = excluded.reason, fingerprint = excluded.fingerprint,
          inputs_version = excluded.inputs_version, judged_at = excluded.judged_at`);
    },

    /** The athlete's activities an operator accepted on review: they count from then on. */
    accepted: async (userId: string) =>
      (
        await rows<{ id: string }>(
          db.execute(sql`select distinct activity_id as id from leaderboard_reviews where user_id = ${userId} and status = 'accepted'`),
        )
      ).map((r) => r.id),
  };
}

/**
 * Puts the athlete back in the re-evaluation's queue (their evaluated version falls behind) when something their
 * awards read changed without touching their activities: a race mark, an accepted review.
 */
export const requeue = (db: Executor, userId: string) =>
  db.execute(sql`update award_evaluations set analytics_version = 0 where user_id = ${userId}`);
