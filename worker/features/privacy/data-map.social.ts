// The social layer's tables (issue 42, ADR 083) in the privacy data map: each row is its maker's — the follower's
// follow, the blocker's block, the author's post and comment, the giver's kudos. Everything goes with either person.
import * as s from '../../db/schema';
import { type DataMapEntry, OPERATIONAL } from './data-map.types';

export const SOCIAL_TABLES: readonly DataMapEntry[] = [
  { table: s.socialProfiles, owner: { user: s.socialProfiles.userId }, export: { area: 'social' }, erase: { user_id: 'cascade' } },
  { table: s.privacyZones, owner: { user: s.privacyZones.userId }, export: { area: 'social' }, erase: { user_id: 'cascade' } },
  {
    table: s.follows,
    owner: { user: s.follows.followerId },
    export: { area: 'social' },
    erase: { follower_id: 'cascade', followee_id: 'cascade' },
  },
  {
    table: s.blocks,
    owner: { user: s.blocks.blockerId },
    export: { area: 'social' },
    erase: { blocker_id: 'cascade', blocked_id: 'cascade' },
  },
  { table: s.mutes, owner: { user: s.mutes.muterId }, export: { area: 'social' }, erase: { muter_id: 'cascade', muted_id: 'cascade' } },
  { table: s.posts, owner: { user: s.posts.authorId }, export: { area: 'social' }, erase: { author_id: 'cascade' } },
  { table: s.postKudos, owner: { user: s.postKudos.userId }, export: { area: 'social' }, erase: { user_id: 'cascade' } },
  { table: s.postComments, owner: { user: s.postComments.authorId }, export: { area: 'social' }, erase: { author_id: 'cascade' } },
  // A report is its reporter's: never in the reported athlete's archive (they are not told who reported them).
  {
    table: s.moderationReports,
    owner: { user: s.moderationReports.reporterId },
    export: { area: 'social' },
    erase: {
      reporter_id: 'cascade',
      target_user_id: 'cascade',
      target_id: { with: s.moderationReports.targetUserId },
      resolved_by: 'set null',
    },
  },
  // An action is about its target's author (the notice they read and their appeal); the moderator's id stays out of it.
  {
    table: s.moderationActions,
    owner: { user: s.moderationActions.targetUserId },
    export: { area: 'social', omit: [s.moderationActions.actorId, s.moderationActions.appealDecidedBy] },
    erase: {
      target_user_id: 'cascade',
      target_id: { with: s.moderationActions.targetUserId },
      actor_id: 'set null',
      appeal_decided_by: 'set null',
    },
  },
  // Awards and boards (awards slice): the athlete's own, derived from their activities; reviews are their words.
  { table: s.achievementAwards, owner: { user: s.achievementAwards.userId }, export: { area: 'social' }, erase: { user_id: 'cascade' } },
  { table: s.awardEvaluations, owner: { user: s.awardEvaluations.userId }, export: { exempt: OPERATIONAL }, erase: { user_id: 'cascade' } },
  { table: s.leaderboardWeeks, owner: { user: s.leaderboardWeeks.userId }, export: { area: 'social' }, erase: { user_id: 'cascade' } },
  // Reviews: the athlete's words and the decision's reason; the operator's id stays out of the archive.
  {
    table: s.leaderboardReviews,
    owner: { user: s.leaderboardReviews.userId },
    export: { area: 'social', omit: [s.leaderboardReviews.decidedBy] },
    erase: { user_id: 'cascade', decided_by: 'set null' },
  },
  // Per-activity verdicts (ADR 084) are rebuilt from the activities; a marked race result is the athlete's word.
  {
    table: s.activitySocialJudgments,
    owner: { user: s.activitySocialJudgments.userId },
    export: { exempt: OPERATIONAL },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.activityRaceResults,
    owner: { user: s.activityRaceResults.userId },
    export: { area: 'social' },
    erase: { user_id: 'cascade' },
  },
];
