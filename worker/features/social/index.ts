// Social (issue 42): the pure cores so far — privacy zones, leaderboard eligibility and ranking,
// achievements (ADR 082). Routes, tables and pages come next; they reach these through this file.
export { planCuts, DEFAULT_PRIVACY, DEFAULT_ENDS_M, ENDS_RANGE_M, ZONE_RADIUS_RANGE_M } from './privacy-zones';
export type { AddressZone, CutPlan, EndsSetting, HiddenDisc, PlanInput, PrivacySettings } from './privacy-zones';
export { cutTrack, sharedTotals } from './privacy-cut';
export type { SharedTotals, Track, VisibleSegment, VisibleTrack } from './privacy-cut';
export { EXCLUSION_CODES, judgeActivities, judgeOne } from './leaderboard-eligibility';
export type { BoardActivity, Exclusion, ExclusionCode, Judged } from './leaderboard-eligibility';
export { ACTIVE_DAY_MIN_S, BOARD_METRICS, rankBoard, weekClosed, weekOf, weekWindow } from './leaderboard';
export type { BoardAthlete, BoardEntry, BoardMetric, BoardQuery } from './leaderboard';
export { ACHIEVEMENTS, diffAwards, evaluate } from './achievements';
export type { AchievementDef, Award, AwardDiff, AthleteHistory } from './achievements';
export type { HistoryActivity } from './achievement-rules';
export { createRelations, DEFAULT_SOCIAL_SETTINGS } from './people/relations';
export type { Relation, RelationKind, Relations, SocialSettings } from './people/relations';
// People (issue 42): settings, zones, follows, blocks, mutes, the directory; every social notice asks
// isBlockedEitherWay before it is sent.
export { createPeopleService, MAX_ZONES } from './people/people.service';
export type { PeopleService } from './people/people.service';
export { createFollowsService, FOLLOWS_PER_HOUR } from './people/follows.service';
export type { FollowsService } from './people/follows.service';
export { isBlockedEitherWay } from './people/block-check';
export { createModerationService, REPORTS_PER_HOUR } from './moderation/moderation.service';
export type { ModerationService } from './moderation/moderation.service';
export { createModerationAdminService } from './moderation/moderation-admin.service';
export type { ModerationAdminService } from './moderation/moderation-admin.service';
export { isSuspended } from './moderation/suspension';
// Awards (achievements and weekly boards wired: re-evaluation, close, reads).
export { EXCLUSION_REASONS } from './leaderboard-eligibility';
export { createAwardsEvaluation, WITHDRAWN_REASON } from './awards/awards-evaluation';
export type { AwardsEvaluation } from './awards/awards-evaluation';
export { createAwardsService, REVIEWS_PER_DAY } from './awards/awards.service';
export type { AwardsService } from './awards/awards.service';
// The stored judgments (ADR 084) for other boards that rank efforts (maps' segment boards, ADR 102).
export { judgeStored, loadJudgedHistory } from './awards/judgments';
export { createRaceResultsService } from './awards/races';
export type { RaceResultsService } from './awards/races';
export { createReviewsAdminService } from './awards/reviews-admin.service';
export type { ReviewsAdminService } from './awards/reviews-admin.service';
// Posts (issue 42, posts slice): THE serializer — every surface that shows a person's posts, comments or name to
// someone else answers with its schemas — and the posts service the wiring builds.
export { canSee, effectiveVisibility, person, serializeComment, serializePost } from './posts/serializer';
export { CommentView, ComposerState, FeedPage, PersonView, PostView, SERIALIZER_SCHEMAS } from './posts/serializer.schema';
export type { ActivityFacts, Counts, Owner, PostRecord } from './posts/serializer';
export { createPostsService, zoneSecretOf } from './posts';
export type { PostsService } from './posts';
