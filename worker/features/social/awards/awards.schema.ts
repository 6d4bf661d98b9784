// Achievements and boards as the API answers them (zod → OpenAPI).
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { SPORTS } from '../../activities';
import { EXCLUSION_CODES } from '../leaderboard-eligibility';
import { BoardEntry } from '../posts/serializer.schema';

const isoDate = z.iso.date().openapi({ example: '2026-11-16' });

const Receipts = z.object({
  activityIds: z.array(z.uuid()),
  figure: z
    .object({ distanceM: z.number(), movingS: z.number() })
    .openapi({ description: "The receipts' total distance (m) and moving time (s)" }),
});

export const Achievement = z
  .object({
    code: z.string(),
    title: z.string(),
    points: z.int(),
    status: z.enum(['earned', 'withdrawn', 'locked']),
    earnedAt: z.string().nullable(),
    receipts: Receipts.nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawnReason: z.string().nullable(),
    /** Whether others who may see your achievements see this one (never one earned only from Strava API data). */
    sharedWithOthers: z.boolean(),
  })
  .openapi('Achievement');

export const MyAchievements = z
  .object({ points: z.int(), achievements: z.array(Achievement) })
  .openapi('MyAchievements', { description: 'The whole catalog: earned (with receipts), withdrawn (and why) and locked' });

export const UserParam = z.object({ userId: z.uuid().openapi({ param: { name: 'userId', in: 'path' } }) });

export const BoardQuery = z.object({
  sport: z.enum(SPORTS).default('run'),
  metric: z.enum(['distance', 'time', 'days']).default('distance'),
  week: isoDate.optional().openapi({ description: "A Monday (YYYY-MM-DD), read in each athlete's own zone; default: your current week" }),
});

const Exclusion = z.strictObject({
  activityId: z.uuid(),
  name: z.string(),
  startTime: z.string(),
  code: z.enum(EXCLUSION_CODES),
  reason: z.string(),
  /** False for a provider's terms: no reviewer can make it count (upload the original instead). */
  reviewable: z.boolean(),
  review: z
    .strictObject({
      id: z.uuid(),
      status: z.enum(['open', 'accepted', 'declined']),
      /** The operator's reason once decided (a declined review shows it). */
      decisionReason: z.string().nullable(),
    })
    .nullable(),
});

/** Strict at every level, its people as the serializer's (the route-table test holds a 'social' answer to that). */
export const Board = z
  .strictObject({
    week: isoDate,
    sport: z.enum(SPORTS),
    metric: z.enum(['distance', 'time', 'days']),
    /** Whether you are on boards others see (opted in in your social settings). */
    youOptedIn: z.boolean(),
    entries: z.array(BoardEntry),
    /** Your own activities of the week left out, each with its reason (only you see these). */
    yourExclusions: z.array(Exclusion),
  })
  .openapi('SocialBoard');

export const BoardRules = z
  .object({
    summary: z.string(),
    week: z.string(),
    activeDayMinutes: z.int(),
    exclusions: z.array(z.object({ code: z.enum(EXCLUSION_CODES), reason: z.string() })),
  })
  .openapi('LeaderboardRules');

export const ReviewBody = z
  .object({ activityId: z.uuid(), note: FreeText({ min: 1, max: 500, multiline: true }) })
  .openapi('LeaderboardReviewBody');

export const Review = z
  .object({ id: z.uuid(), activityId: z.uuid(), status: z.enum(['open', 'accepted', 'declined']), createdAt: z.string() })
  .openapi('LeaderboardReview');

export const ActivityParam = z.object({ activityId: z.uuid().openapi({ param: { name: 'activityId', in: 'path' } }) });

/** Places and fields up to a big city marathon's and then some. */
const MAX_FIELD = 100_000;

export const RaceBody = z
  .object({
    place: z
      .int()
      .min(1)
      .max(MAX_FIELD)
      .nullable()
      .optional()
      .openapi({ description: 'Your place overall; leave out if you did not note it' }),
    fieldSize: z.int().min(1).max(MAX_FIELD).nullable().optional().openapi({ description: 'How many finished' }),
  })
  .strict()
  .openapi('RaceResultBody');

export const RaceResult = z
  .object({ activityId: z.uuid(), place: z.int().nullable(), fieldSize: z.int().nullable(), markedAt: z.string() })
  .openapi('RaceResult');

export const MaybeRaceResult = z.object({ race: RaceResult.nullable() }).openapi('ActivityRace');

export const ReviewIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const ReviewDecideInput = z
  .object({
    decision: z.enum(['accepted', 'declined']),
    reason: FreeText({
      min: 1,
      minMessage: 'Give a reason',
      max: 500,
      maxMessage: 'Keep the reason under 500 characters',
      multiline: true,
    }),
  })
  .strict()
  .openapi('LeaderboardReviewDecideInput');
export type ReviewDecideInput = z.infer<typeof ReviewDecideInput>;

export const AdminReview = z
  .object({
    id: z.uuid(),
    status: z.enum(['open', 'accepted', 'declined']),
    note: z.string(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    athlete: z.object({ id: z.uuid(), displayName: z.string() }),
    activity: z.object({
      id: z.uuid(),
      name: z.string(),
      sport: z.string(),
      startTime: z.string(),
      /** The activity's own stored verdict (ADR 084), or null before it was judged. */
      exclusion: z.enum(EXCLUSION_CODES).nullable(),
    }),
  })
  .openapi('LeaderboardReviewAdmin');

export const AdminReviews = z.object({ reviews: z.array(AdminReview) }).openapi('LeaderboardReviewQueue');

export const ReviewDecision = z
  .object({
    id: z.uuid(),
    activityId: z.uuid(),
    status: z.enum(['accepted', 'declined']),
    decisionReason: z.string(),
    decidedAt: z.string(),
  })
  .openapi('LeaderboardReviewDecision');
