import { z } from '@hono/zod-openapi';
import { ACTIVITY_SOURCES, SPORTS } from './activity.types';

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

export const ActivityList = z
  .object({ activities: z.array(ActivitySummary), total: z.number().int(), nextBefore: z.string().nullable() })
  .openapi('ActivityList');

export const ListActivitiesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Page: only activities that started before this time' }),
});

export const ActivityIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
