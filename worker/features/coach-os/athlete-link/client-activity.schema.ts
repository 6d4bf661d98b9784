// The coach's read of one of a linked client's activities: what the athlete's own activity page shows, read-only.
import { z } from '@hono/zod-openapi';
import { ACTIVITY_SOURCES, SPORTS } from '../../activities';
import { ActivityNotes } from '../../activity-notes';
import {
  ActivityAnalysisResponse,
  ActivityBalanceResponse,
  ActivityCurveResponse,
  ActivityStreamsResponse,
  CurveQuerySchema,
  CurveResponse,
  ModelsResponse,
} from '../../analytics';
import { ActivityIntervals } from '../../intervals';
import { IdParam } from '../coach-os.schema';

export const ClientActivityParams = IdParam.extend({ activityId: z.uuid().openapi({ param: { name: 'activityId', in: 'path' } }) });

export const ClientActivity = z
  .object({
    athlete: z.object({
      name: z.string(),
      units: z.enum(['km', 'mi']),
      timeZone: z.string().openapi({ description: 'The athlete’s own zone, for an activity that carries none' }),
    }),
    activity: z.object({
      id: z.uuid(),
      name: z.string(),
      sport: z.enum(SPORTS),
      sportOriginal: z.string(),
      source: z.enum(ACTIVITY_SOURCES),
      startTime: z.string(),
      timezone: z.string().nullable(),
      movingTimeS: z.number(),
      elapsedTimeS: z.number(),
      distanceM: z.number(),
      elevationGainM: z.number().nullable(),
      avgHr: z.number().nullable(),
      maxHr: z.number().nullable(),
      avgPower: z.number().nullable(),
      duplicateOf: z.uuid().nullable(),
    }),
    attribution: z
      .string()
      .nullable()
      .openapi({ description: 'What the source’s terms ask to be shown with its data ("Garmin Forerunner 965")' }),
    analysis: ActivityAnalysisResponse.nullable(),
    streams: ActivityStreamsResponse.nullable(),
    intervals: ActivityIntervals.openapi({
      description: 'Detected intervals and, when it completed a planned workout, each rep against the plan',
    }),
    notes: ActivityNotes,
    curve: ActivityCurveResponse.nullable().openapi({ description: 'The activity’s curve; its season from sources coaches may see' }),
    balance: ActivityBalanceResponse.nullable().openapi({ description: 'W′ (D′) balance, the model fitted on sources coaches may see' }),
  })
  .openapi('ClientActivity');
export type ClientActivity = z.infer<typeof ClientActivity>;

export type CurveQuery = z.infer<typeof CurveQuerySchema>;
const NotShown = z
  .string()
  .nullable()
  .openapi({ description: 'Set when the span holds activities from sources kept from coaches (Strava): what the figures leave out' });
export const ClientCurve = CurveResponse.extend({ notShown: NotShown }).openapi('ClientDurationCurve');
export const ClientModels = ModelsResponse.extend({ notShown: NotShown }).openapi('ClientCriticalModels');
