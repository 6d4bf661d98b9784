// What the awards routes answer (ADR 083 "awards"): your achievements with receipts, another athlete's where the
// relation allows (never one earned only from Strava API data), the week's board among the people you may compete
// with, your own exclusions with their reasons, and review requests.
import type { Db } from '../../../db/client';
import { localDateOf, mondayOf } from '../../../lib/dates';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { PolicyRef, Sport } from '../../activities';
import { ACHIEVEMENTS } from '../achievements';
import { ACTIVE_DAY_MIN_S, weekWindow } from '../leaderboard';
import { EXCLUSION_CODES, EXCLUSION_REASONS } from '../leaderboard-eligibility';
import type { Relations } from '../people/relations';
import { person, serializeAchievements } from '../posts/serializer';
import { createAwardsRepo, type WeekRow } from './awards.repo';
import { judgeStored, loadJudgedHistory } from './judgments';

export type BoardMetricParam = 'distance' | 'time' | 'days';
const VALUE: Record<BoardMetricParam, (w: WeekRow) => number> = {
  distance: (w) => Number(w.distanceM),
  time: (w) => w.movingS,
  days: (w) => w.activeDays,
};

/** Review requests an athlete may make in a day (429 with Retry-After past it). */
export const REVIEWS_PER_DAY = 10;
const DAY_MS = 86_400_000;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function createAwardsService(deps: { db: Db; relations: Relations; policy: PolicyRef; clock: { now(): Date } }) {
  const repo = createAwardsRepo(deps.db);

  return {
    async mine(userId: string) {
      const stored = new Map((await repo.awards(userId)).map((a) => [a.code, a]));
      const achievements = ACHIEVEMENTS.map((def) => {
        const s = stored.get(def.key);
        if (!s)
          return {
            code: def.key,
            title: def.title,
            points: def.points,
            status: 'locked' as const,
            earnedAt: null,
            receipts: null,
            withdrawnAt: null,
            withdrawnReason: null,
            sharedWithOthers: false,
          };
        return {
          code: def.key,
          title: def.title,
          points: s.points,
          status: s.withdrawnAt ? ('withdrawn' as const) : ('earned' as const),
          earnedAt: iso(s.earnedAt),
          receipts: { activityIds: s.receipts.activityIds, figure: s.receipts.figure },
          withdrawnAt: iso(s.withdrawnAt),
          withdrawnReason: s.withdrawnReason,
          sharedWithOthers: !s.withdrawnAt && s.receipts.shared !== null,
        };
      });
      const points = achievements.filter((a) => a.status === 'earned').reduce((n, a) => n + a.points, 0);
      return { points, achievements };
    },

    /**
     * Another athlete's, as the serializer shows them: a follower, or anyone signed in when the profile is public;
     * 404 otherwise (blocked too). Only the awards also earned without Strava API data (ADR 083 "awards").
     */
    async theirs(viewerId: string, ownerId: string) {
      const owner = await deps.relations.person(ownerId);
      if (!owner) throw notFound('Athlete');
      const [relation, settings] = await Promise.all([deps.relations.between(viewerId, ownerId), deps.relations.settings(ownerId)]);
      const titles = new Map(ACHIEVEMENTS.map((a) => [a.key, a.title]));
      const awards = (await repo.awards(ownerId)).map((a) => ({
        code: a.code,
        title: titles.get(a.code),
        points: a.points,
        withdrawnAt: a.withdrawnAt,
        shared: a.receipts.shared,
      }));
      const view = serializeAchievements({ owner, settings, relation, awards });
      if (!view) throw notFound('Athlete');
      return view;
    },

    /** The viewer's week board: them and the people they may compete with, opted in, never anyone blocked either way. */
    async board(viewer: { id: string; timeZone: string }, q: { sport: Sport; metric: BoardMetricParam; week?: string | undefined }) {
      const now = deps.clock.now();
      const week = q.week ? mondayOf(q.week) : mondayOf(localDateOf(now, viewer.timeZone));
      const [followees, mates, blocked] = await Promise.all([
        deps.relations.followees(viewer.id),
        repo.orgMates(viewer.id),
        deps.relations.blockedEitherWay(viewer.id),
      ]);
      const out = new Set(blocked);
      const candidates = [...new Set([viewer.id, ...followees, ...mates.map((m) => m.id)])].filter((id) => !out.has(id));
      const optedIn = new Set((await repo.optedIn(candidates)).map((r) => r.id));
      const rows = await repo.board(week, q.sport, [...optedIn]);
      const value = VALUE[q.metric];
      const ranked = rows
        .map((r) => ({ r, v: value(r) }))
        .filter((x) => x.v > 0)
        .sort((a, b) => b.v - a.v || (a.r.userId < b.r.userId ? -1 : a.r.userId > b.r.userId ? 1 : 0));
      let rank = 0;
      const entries = ranked.map((x, i) => {
        if (i === 0 || ranked[i - 1]!.v !== x.v) rank = i + 1;
        return {
          person: person({ id: x.r.userId, displayName: x.r.displayName }),
          rank,
          value: x.v,
          final: x.r.final,
          you: x.r.userId === viewer.id,
          activityIds: x.r.countedActivityIds,
        };
      });
      return {
        week,
        sport: q.sport,
        metric: q.metric,
        youOptedIn: optedIn.has(viewer.id),
        entries,
        yourExclusions: await this.exclusions(viewer, week, q.sport),
      };
    },

    /** The viewer's own activities of a week and sport left off the boards, each with its reason and any review. */
    async exclusions(viewer: { id: string; timeZone: string }, week: string, sport: Sport) {
      const { start, end } = weekWindow(week, viewer.timeZone);
      // Judged with the day before and after too: a duplicate across the week's edge is still a duplicate.
      const policy = await deps.policy();
      const history = await loadJudgedHistory(deps.db, viewer.id, policy, {
        from: new Date(start.getTime() - DAY_MS),
        to: new Date(end.getTime() + DAY_MS),
      });
      const judged = judgeStored(history, policy).filter(
        (j) => j.exclusion && j.activity.sport === sport && j.activity.startTime >= start && j.activity.startTime < end,
      );
      const reviews = new Map(
        (
          await repo.reviews(
            viewer.id,
            judged.map((j) => j.activity.id),
          )
        ).map((r) => [r.activityId, r]),
      );
      return judged.map((j) => {
        const r = reviews.get(j.activity.id);
        return {
          activityId: j.activity.id,
          name: j.activity.row.name,
          startTime: j.activity.startTime.toISOString(),
          code: j.exclusion!.code,
          reason: j.exclusion!.reason,
          // A provider's terms are no reviewer's to reverse, nor a copy of theirs that another recording stands for.
          reviewable: policy.allows(j.activity.source, 'social'),
          review: r ? { id: r.id, status: r.status as 'open' | 'accepted' | 'declined', decisionReason: r.decisionReason } : null,
        };
      });
    },

    rules() {
      return {
        summary:
          'Weekly boards rank you among the people you follow (and your coaching org’s athletes) who opted in, by distance, moving time or active days, per sport. Only device or file recordings that pass the data-quality checks count; each activity left out shows you why, and you can ask for a review.',
        week: 'Monday 00:00 to Sunday 24:00 in each athlete’s own time zone; a week is final once it has ended there, and what arrives after that does not change it.',
        activeDayMinutes: ACTIVE_DAY_MIN_S / 60,
        exclusions: EXCLUSION_CODES.map((code) => ({ code, reason: EXCLUSION_REASONS[code] })),
      };
    },

    /** Asks for an excluded activity of one's own to be looked at again: one open request per activity. */
    async requestReview(userId: string, activityId: string, note: string) {
      const source = await repo.ownActivitySource(userId, activityId);
      if (!source) throw notFound('Activity');
      // A provider's terms are not a judgment a reviewer could reverse (ADR 084): asking would only wait for a no.
      if (!(await deps.policy()).allows(source, 'social')) throw new AppError(ErrorCode.CONFLICT, EXCLUSION_REASONS.provider_terms);
      const since = new Date(deps.clock.now().getTime() - DAY_MS);
      const recent = await repo.reviewsSince(userId, since);
      if (recent.count >= REVIEWS_PER_DAY) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil(((recent.oldest?.getTime() ?? since.getTime()) + DAY_MS - deps.clock.now().getTime()) / 1000),
        );
        throw new AppError(ErrorCode.RATE_LIMITED, `You can ask for ${REVIEWS_PER_DAY} reviews a day; try again later.`, {
          retryAfterSeconds,
        });
      }
      if ((await repo.reviews(userId, [activityId])).some((r) => r.status === 'open'))
        throw new AppError(ErrorCode.CONFLICT, 'A review of this activity is already open.');
      const r = await repo.addReview(userId, activityId, note);
      return { id: r.id, activityId, status: r.status as 'open', createdAt: new Date(r.createdAt).toISOString() };
    },
  };
}
export type AwardsService = ReturnType<typeof createAwardsService>;
