// SQL of achievements and weekly boards (issue 42): the athlete's history as the pure rules read it, the stored
// awards and board weeks, the per-zone close, the board's people, review requests.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { achievementAwards, type AwardReceipts, awardEvaluations, leaderboardReviews } from '../../../db/schema';
import type { ActivitySource, DataQualityCode, Sport } from '../../activities';

export interface HistoryRow {
  id: string;
  athleteId: string;
  name: string;
  source: ActivitySource;
  sport: Sport;
  startTime: Date;
  elapsedTimeS: number;
  movingTimeS: number;
  distanceM: number;
  duplicateOf: string | null;
  detailComplete: boolean;
  createdAt: Date;
  dataQuality: { code: DataQualityCode }[];
  multisportGroup: string | null;
  bestEfforts: { distanceM: number; elapsedS: number }[];
  /** Decoded stream channels, or null without a recording; read only when the activity needs judging (ADR 084). */
  t: number[] | null;
  distanceDmDelta: number[] | null;
  positions: boolean;
  /** What the stored verdict was judged from: it stands while this is unchanged. */
  fingerprint: string;
  /** The stored verdict, or null before the first judgment. */
  judgment: { reason: string | null; fingerprint: string; version: number } | null;
  /** The athlete's marked race result, or null. */
  race: { place: number | null } | null;
}

export interface StoredAward {
  code: string;
  earnedAt: Date;
  points: number;
  receipts: AwardReceipts;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
}

export interface WeekRow {
  userId: string;
  weekStart: string;
  zone: string;
  sport: string;
  distanceM: number;
  movingS: number;
  activeDays: number;
  countedActivityIds: string[];
  excludedCount: number;
  final: boolean;
}

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];

// The activity's fields its own verdict depends on; `content_hash` stands for the recording itself.
const FINGERPRINT = sql`md5(concat_ws('|', a.source::text, a.sport::text, a.duplicate_of, a.detail_complete, a.data_quality::text,
  a.distance_m, a.moving_time_s, a.elapsed_time_s, a.content_hash, a.cache_reduced_at))`;

const HISTORY_COLUMNS = sql`
  a.id, a.user_id as "athleteId", a.name, a.source::text as source, a.sport::text as sport, a.start_time as "startTime",
  a.elapsed_time_s as "elapsedTimeS", a.moving_time_s as "movingTimeS", a.distance_m as "distanceM",
  a.duplicate_of as "duplicateOf", a.detail_complete as "detailComplete", a.created_at as "createdAt",
  a.data_quality as "dataQuality", a.multisport_group as "multisportGroup", a.best_efforts as "bestEfforts",
  null as t, null as "distanceDmDelta", false as positions, ${FINGERPRINT} as fingerprint,
  case when j.activity_id is null then null
       else jsonb_build_object('reason', j.reason, 'fingerprint', j.fingerprint, 'version', j.inputs_version) end as judgment,
  case when r.activity_id is null then null else jsonb_build_object('place', r.place) end as race`;

const toHistory = (r: HistoryRow): HistoryRow => ({
  ...r,
  startTime: new Date(r.startTime),
  createdAt: new Date(r.createdAt),
  distanceM: Number(r.distanceM),
});

export function createAwardsRepo(db: Executor) {
  return {
    /** Athletes whose training data changed since their last evaluation (users.analytics_version moved on). */
    stale: (limit: number) =>
      rows<{ id: string }>(
        db.execute(sql`
          select u.id from users u left join award_evaluations e on e.user_id = u.id
          where u.analytics_version > coalesce(e.analytics_version, 0)
          order by u.analytics_version - coalesce(e.analytics_version, 0) desc, u.id limit ${limit}`),
      ),

    async athlete(userId: string): Promise<{ timeZone: string; version: number } | undefined> {
      const [r] = await rows<{ timeZone: string; version: number }>(
        db.execute(sql`select time_zone as "timeZone", analytics_version as version from users where id = ${userId}`),
      );
      return r;
    },

    /** The athlete's activities (not deleted) without their streams, with stored verdicts and race results; `from`..`to` when given. */
    async history(userId: string, range?: { from: Date; to: Date }): Promise<HistoryRow[]> {
      const within = range ? sql`and a.start_time >= ${range.from.toISOString()} and a.start_time < ${range.to.toISOString()}` : sql``;
      const list = await rows<HistoryRow>(
        db.execute(sql`
          select ${HISTORY_COLUMNS}
          from activities a
            left join activity_social_judgments j on j.activity_id = a.id
            left join activity_race_results r on r.activity_id = a.id
          where a.user_id = ${userId} and a.deleted_at is null ${within}
          order by a.start_time, a.id`),
      );
      return list.map(toHistory);
    },

    awards: (userId: string) =>
      db
        .select({
          code: achievementAwards.code,
          earnedAt: achievementAwards.earnedAt,
          points: achievementAwards.points,
          receipts: achievementAwards.receipts,
          withdrawnAt: achievementAwards.withdrawnAt,
          withdrawnReason: achievementAwards.withdrawnReason,
        })
        .from(achievementAwards)
        .where(sql`${achievementAwards.userId} = ${userId}`) as Promise<StoredAward[]>,

    /** Writes every award the history earns now (clearing a withdrawal), in one statement. */
    async putAwards(userId: string, list: { code: string; earnedAt: Date; points: number; receipts: AwardReceipts }[]): Promise<void> {
      if (list.length === 0) return;
      await db
        .insert(achievementAwards)
        .values(list.map((a) => ({ userId, ...a, withdrawnAt: null, withdrawnReason: null })))
        .onConflictDoUpdate({
          target: [achievementAwards.userId, achievementAwards.code],
          set: {
            earnedAt: sql`excluded.earned_at`,
            points: sql`excluded.points`,
            receipts: sql`excluded.receipts`,
            withdrawnAt: sql`null`,
            withdrawnReason: sql`null`,
            updatedAt: sql`now()`,
          },
        });
    },

    async withdraw(userId: string, codes: string[], reason: string): Promise<void> {
      if (codes.length === 0) return;
      await db.execute(sql`
        update achievement_awards set withdrawn_at = now(), withdrawn_reason = ${reason}, updated_at = now()
        where user_id = ${userId} and code = any(${sql.param(codes)}::text[]) and withdrawn_at is null`);
    },

    markEvaluated: (userId: string, version: number) =>
      db
        .insert(awardEvaluations)
        .values({ userId, analyticsVersion: version })
        .onConflictDoUpdate({
          target: awardEvaluations.userId,
          set: {
            analyticsVersion: sql`greatest(${awardEvaluations.analyticsVersion}, excluded.analytics_version)`,
            evaluatedAt: sql`now()`,
          },
        }),

    /** Replaces the athlete's open rows of one week: rows already final are never rewritten. */
    async putWeek(userId: string, weekStart: string, list: WeekRow[]): Promise<void> {
      const sports = list.map((w) => w.sport);
      await db.execute(sql`
        delete from leaderboard_weeks where user_id = ${userId} and week_start = ${weekStart} and not final
          and not (sport = any(${sql.param(sports)}::text[]))`);
      if (list.length === 0) return;
      await db.execute(sql`
        insert into leaderboard_weeks (user_id, week_start, zone, sport, distance_m, moving_s, active_days, counted_activity_ids, excluded_count, final)
        select ${userId}, ${weekStart}::date, w.zone, w.sport, w.distance_m, w.moving_s, w.active_days,
               array(select jsonb_array_elements_text(w.ids))::uuid[], w.excluded, false
        from jsonb_to_recordset(${JSON.stringify(
          list.map((w) => ({
            zone: w.zone,
            sport: w.sport,
            distance_m: w.distanceM,
            moving_s: w.movingS,
            active_days: w.activeDays,
            ids: w.countedActivityIds,
            excluded: w.excludedCount,
          })),
        )}::jsonb) as w(zone text, sport text, distance_m float8, moving_s int, active_days int, ids jsonb, excluded int)
        on conflict (user_id, week_start, sport) do update set
          zone = excluded.zone, distance_m = excluded.distance_m, moving_s = excluded.moving_s, active_days = excluded.active_days,
          counted_activity_ids = excluded.counted_activity_ids, excluded_count = excluded.excluded_count, updated_at = now()
        where not leaderboard_weeks.final`);
    },

    /** The zones with open board weeks. */
    openZones: () => rows<{ zone: string }>(db.execute(sql`select distinct zone from leaderboard_weeks where not final`)),

    /** Makes final, in one statement, every open row of `zone` whose week began before `monday` (the zone's current week). */
    async closeZone(zone: string, monday: string, now: Date): Promise<number> {
      const r = await db.execute(sql`
        update leaderboard_weeks set final = true, closed_at = ${now.toISOString()}, updated_at = now()
        where zone = ${zone} and not final and week_start < ${monday}::date`);
      return (r as unknown as { rowCount?: number }).rowCount ?? 0;
    },

    /** One week's rows of a sport among these athletes. */
    board: (weekStart: string, sport: string, userIds: string[]) =>
      rows<WeekRow & { displayName: string }>(
        db.execute(sql`
          select w.user_id as "userId", to_char(w.week_start, 'YYYY-MM-DD') as "weekStart", w.zone, w.sport,
                 w.distance_m as "distanceM", w.moving_s as "movingS", w.active_days as "activeDays",
                 w.counted_activity_ids as "countedActivityIds", w.excluded_count as "excludedCount", w.final,
                 u.display_name as "displayName"
          from leaderboard_weeks w join users u on u.id = w.user_id
          where w.week_start = ${weekStart}::date and w.sport = ${sport} and w.user_id = any(${sql.param(userIds)}::uuid[])`),
      ),

    /**
     * Who else may share the viewer's boards before opt-in and blocks: the coaching orgs the viewer belongs to (as
     * staff, or as a linked athlete) and their linked athletes.
     */
    orgMates: (viewerId: string) =>
      rows<{ id: string }>(
        db.execute(sql`
          with mine as (
            select org_id from org_members where user_id = ${viewerId}
            union select org_id from athlete_links where athlete_user_id = ${viewerId} and status = 'accepted' and ended_at is null
          )
          select distinct l.athlete_user_id as id from athlete_links l join mine m on m.org_id = l.org_id
          where l.status = 'accepted' and l.ended_at is null and l.athlete_user_id is not null`),
      ),

    /** Of these athletes, those who opted in to boards (no social profile: not opted in). */
    optedIn: (userIds: string[]) =>
      rows<{ id: string }>(
        db.execute(
          sql`select user_id as id from social_profiles where leaderboard_opt_in and user_id = any(${sql.param(userIds)}::uuid[])`,
        ),
      ),

    /** The athlete's own live activity's source; undefined when it is not theirs (or gone). */
    ownActivitySource: async (userId: string, activityId: string) =>
      (
        await rows<{ source: ActivitySource }>(
          db.execute(sql`select source from activities where id = ${activityId} and user_id = ${userId} and deleted_at is null`),
        )
      )[0]?.source,

    reviews: (userId: string, activityIds: string[]) =>
      rows<{ id: string; activityId: string; status: string; createdAt: Date; decisionReason: string | null }>(
        db.execute(sql`
          select id, activity_id as "activityId", status, created_at as "createdAt", decision_reason as "decisionReason"
          from leaderboard_reviews
          where user_id = ${userId} and activity_id = any(${sql.param(activityIds)}::uuid[]) order by created_at`),
      ),

    async reviewsSince(userId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
      const [r] = await rows<{ count: number; oldest: Date | null }>(
        db.execute(sql`select count(*)::int as count, min(created_at) as oldest from leaderboard_reviews
                       where user_id = ${userId} and created_at >= ${since.toISOString()}`),
      );
      return { count: r?.count ?? 0, oldest: r?.oldest ? new Date(r.oldest) : null };
    },

    async addReview(userId: string, activityId: string, note: string) {
      const [r] = await db
        .insert(leaderboardReviews)
        .values({ userId, activityId, note })
        .returning({ id: leaderboardReviews.id, status: leaderboardReviews.status, createdAt: leaderboardReviews.createdAt });
      return r!;
    },
  };
}
export type AwardsRepo = ReturnType<typeof createAwardsRepo>;
