// The segments API's bodies and answers (zod, in the OpenAPI document), shared with the pages.
import { z } from '@hono/zod-openapi';
import { SEGMENT_VISIBILITIES } from '../../../db/schema/maps';
import { FreeText } from '../../../lib/text.schema';
import { PersonView } from '../../social';

const Visibility = z.enum(SEGMENT_VISIBILITIES).openapi({ description: 'private: only you; public: matched for anyone, with a board' });
const SegmentName = FreeText({ min: 1, max: 80 });

export const CreateSegmentBody = z
  .object({
    activityId: z.uuid().openapi({ description: 'One of your activities with GPS' }),
    fromS: z.number().int().min(0).max(604_800).openapi({ description: 'Seconds since the activity start where the segment begins' }),
    toS: z.number().int().min(1).max(604_800).openapi({ description: 'Seconds since the activity start where it ends' }),
    name: SegmentName,
    visibility: Visibility.default('private'),
  })
  .openapi('CreateSegment');
export type CreateSegmentBody = z.infer<typeof CreateSegmentBody>;

export const PatchSegmentBody = z.object({ name: SegmentName.optional(), visibility: Visibility.optional() }).openapi('PatchSegment');
export type PatchSegmentBody = z.infer<typeof PatchSegmentBody>;

export const SegmentSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    sport: z.string(),
    visibility: Visibility,
    distanceM: z.number(),
    climbM: z.number().nullable().openapi({ description: 'Metres climbed along it; null when the source had no elevation' }),
    gradePct: z.number().nullable().openapi({ description: 'Average grade, %; null without elevation' }),
    matching: z.boolean().openapi({ description: 'true while your history is still being matched against it' }),
    createdAt: z.string(),
    efforts: z.number().int().openapi({ description: 'Your efforts on it' }),
    bestS: z.number().int().nullable().openapi({ description: 'Your fastest elapsed time, s (your PR); null with none' }),
  })
  .openapi('SegmentSummary');
export type SegmentSummary = z.infer<typeof SegmentSummary>;

export const SegmentList = z.object({ segments: z.array(SegmentSummary), limit: z.number().int() }).openapi('SegmentList');

const Receipt = z
  .strictObject({
    activityId: z.uuid(),
    href: z.string().openapi({ description: 'The activity page zoomed on the effort: ?at=startS&for=elapsedS' }),
  })
  .openapi('SegmentEffortReceipt');

export const SegmentEffort = z
  .object({
    id: z.uuid(),
    activityName: z.string(),
    startedAt: z.string(),
    startS: z.number().int(),
    elapsedS: z.number().int(),
    avgPowerW: z.number().nullable(),
    avgHr: z.number().nullable(),
    avgSpeedMs: z.number().nullable(),
    rank: z.number().int().openapi({ description: 'Your rank among your own efforts on this segment (1 = PR)' }),
    of: z.number().int().openapi({ description: 'How many efforts of yours that rank is among' }),
    pr: z.boolean(),
    receipt: Receipt,
    attribution: z.string().nullable().openapi({ description: 'Whose data it is, where its source requires it be said (Strava)' }),
  })
  .openapi('SegmentEffort');
export type SegmentEffort = z.infer<typeof SegmentEffort>;

export const SegmentDetail = SegmentSummary.extend({
  polyline: z.string().openapi({ description: "Google's encoded polyline, precision 6: the path every 10 m" }),
  owner: PersonView,
  yours: z.boolean(),
  source: z
    .object({ activityId: z.uuid().nullable(), fromS: z.number().int().nullable(), toS: z.number().int().nullable() })
    .nullable()
    .openapi({ description: 'Where you cut it from (yours only)' }),
  newest: z.array(SegmentEffort),
  fastest: z.array(SegmentEffort),
}).openapi('SegmentDetail');
export type SegmentDetail = z.infer<typeof SegmentDetail>;

export const ActivitySegmentEfforts = z
  .object({
    activityId: z.uuid(),
    efforts: z.array(
      SegmentEffort.extend({
        segment: z.object({ id: z.uuid(), name: z.string(), distanceM: z.number(), visibility: Visibility }),
      }),
    ),
  })
  .openapi('ActivitySegmentEfforts');
export type ActivitySegmentEfforts = z.infer<typeof ActivitySegmentEfforts>;

export const SegmentBoard = z
  .strictObject({
    segmentId: z.uuid(),
    youOptedIn: z.boolean(),
    entries: z.array(
      z.strictObject({
        person: PersonView,
        rank: z.number().int(),
        elapsedS: z.number().int(),
        startedAt: z.string(),
        you: z.boolean(),
        receipt: Receipt.nullable().openapi({ description: 'Your own entry’s activity; null on anyone else’s' }),
      }),
    ),
    yourExclusions: z.array(
      z.strictObject({
        effortId: z.uuid(),
        activityId: z.uuid(),
        activityName: z.string(),
        startedAt: z.string(),
        elapsedS: z.number().int(),
        code: z.string(),
        reason: z.string(),
        reviewable: z.boolean(),
        review: z
          .strictObject({ id: z.uuid(), status: z.enum(['open', 'accepted', 'declined']), decisionReason: z.string().nullable() })
          .nullable(),
      }),
    ),
    rules: z.string(),
  })
  .openapi('SegmentBoard');
export type SegmentBoard = z.infer<typeof SegmentBoard>;
