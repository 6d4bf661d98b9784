import { z } from '@hono/zod-openapi';
import { ACTIVITY_SOURCES, DATA_QUALITY_CODES, SPORTS } from './activity.types';

export const ActivitySummary = z
  .object({
    id: z.uuid(),
    source: z.enum(ACTIVITY_SOURCES),
    sport: z.enum(SPORTS),
    sportOriginal: z.string(),
    name: z.string(),
    startTime: z.string(),
    localStartDate: z.string(),
    movingTimeS: z.number().int(),
    elapsedTimeS: z.number().int(),
    distanceM: z.number(),
    elevationGainM: z.number().nullable(),
    avgHr: z.number().nullable(),
    maxHr: z.number().nullable(),
    avgPower: z.number().nullable(),
    detailComplete: z.boolean(),
  })
  .openapi('ActivitySummary');
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const DataQualityNote = z
  .object({
    code: z.enum(DATA_QUALITY_CODES),
    message: z.string().openapi({ example: '14 GPS points ignored: implausible speed' }),
    count: z.number().int().optional(),
  })
  .openapi('DataQualityNote');

export const LinkedCopy = z
  .object({
    id: z.uuid(),
    source: z.enum(ACTIVITY_SOURCES),
    name: z.string(),
    startTime: z.string(),
    distanceM: z.number(),
    elapsedTimeS: z.number().int(),
    canonical: z.boolean().openapi({ description: 'The copy shown and counted for the effort' }),
  })
  .openapi('LinkedCopy');

export const ActivityDetail = ActivitySummary.extend({
  duplicateOf: z
    .uuid()
    .nullable()
    .openapi({ description: 'The copy counted instead of this one, when another device or source recorded the same effort' }),
  linkedCopies: z.array(LinkedCopy).openapi({ description: 'Other recordings of the same effort (empty when none)' }),
  dataQuality: z.array(DataQualityNote).openapi({ description: 'What was cleaned or left out on import' }),
  sportInferred: z.boolean().openapi({ description: 'The source named no sport; it was inferred from speed' }),
  description: z
    .string()
    .nullable()
    .openapi({ description: "The athlete's own description, where the source carries one (a Strava archive)" }),
  gear: z.string().nullable().openapi({ description: 'The gear it was done with, as the athlete named it' }),
  commute: z.boolean().nullable(),
  replacedStravaCopy: z.boolean().openapi({
    description: "This activity was a Strava API copy, replaced in place by the athlete's own file (same id, links and notes)",
  }),
}).openapi('ActivityDetail');
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const SplitResult = z
  .object({
    detached: z.number().int().openapi({ description: 'How many copies this activity was separated from (0 when it had none)' }),
    activity: ActivityDetail,
  })
  .openapi('ActivitySplit');

export const ActivityList = z
  .object({ activities: z.array(ActivitySummary), total: z.number().int(), nextBefore: z.string().nullable() })
  .openapi('ActivityList');

export const ListActivitiesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Page: only activities that started before this time' }),
});

export const ActivityIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
