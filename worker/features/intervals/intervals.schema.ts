// The activity page's intervals as the API answers them (zod, in the OpenAPI document).
import { z } from '@hono/zod-openapi';

const Band = z.enum(['green', 'yellow', 'red']);

export const IntervalSegment = z
  .object({
    kind: z.enum(['warmup', 'work', 'recovery', 'cooldown']),
    startS: z.number().int().openapi({ description: 'Seconds from the activity’s start' }),
    endS: z.number().int(),
    durationS: z.number().int().openapi({ description: 'Elapsed seconds' }),
    movingS: z.number().int(),
    distanceM: z.number().nullable(),
    avgSpeedMps: z.number().nullable().openapi({ description: 'Distance over moving time' }),
    avgPower: z.number().nullable(),
    avgHr: z.number().nullable(),
    maxHr: z.number().nullable(),
  })
  .openapi('IntervalSegment');

const Target = z.object({
  metric: z.enum(['pace', 'hr', 'power', 'rpe']),
  zone: z.number().int(),
  low: z.number(),
  high: z.number(),
});

export const RepResult = z
  .object({
    rep: z.number().int(),
    planned: z.object({
      durationSec: z.number().nullable(),
      distanceM: z.number().nullable(),
      target: Target.nullable(),
      range: z
        .object({ metric: z.enum(['pace', 'power', 'hr']), low: z.number(), high: z.number() })
        .nullable()
        .openapi({ description: 'The target in m/s, W or bpm from the thresholds of the day; null when unknown' }),
    }),
    done: IntervalSegment.nullable(),
    recovery: IntervalSegment.nullable(),
    ratio: z.number().nullable().openapi({ description: 'Done ÷ planned of the step’s time or distance' }),
    target: z.object({ value: z.number(), verdict: z.enum(['within', 'below', 'above']) }).nullable(),
    band: Band,
  })
  .openapi('RepResult');

export const ActivityIntervals = z
  .object({
    hasStreams: z.boolean(),
    detection: z
      .object({ basis: z.enum(['speed', 'power']), reps: z.number().int(), segments: z.array(IntervalSegment) })
      .nullable()
      .openapi({ description: 'Null for a steady session (or one without streams): no structure is invented' }),
    workout: z
      .object({
        planId: z.uuid(),
        id: z.uuid(),
        date: z.string(),
        title: z.string(),
        type: z.string(),
        sport: z.string(),
        status: z.enum(['pending', 'completed', 'missed', 'skipped']),
        compliance: z.object({ band: Band.nullable(), ratio: z.number().nullable(), by: z.enum(['duration', 'distance', 'load']) }),
      })
      .nullable()
      .openapi({ description: 'The planned workout this activity completed, as the calendar matched it' }),
    planVsDone: z
      .object({ reps: z.array(RepResult), found: z.number().int(), band: Band, extra: z.array(IntervalSegment) })
      .nullable()
      .openapi({ description: 'Each planned rep against what was done; null when the workout plans no reps' }),
  })
  .openapi('ActivityIntervals');
export type ActivityIntervals = z.infer<typeof ActivityIntervals>;
