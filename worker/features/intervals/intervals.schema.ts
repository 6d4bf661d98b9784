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

const Metric = z.enum(['pace', 'hr', 'power']);
/** A step's target as written (ADR 055): a share of threshold, a zone, absolute numbers, or RPE. */
const StepTarget = z.union([
  z.object({ metric: Metric, unit: z.enum(['W', 'bpm', 's/km', 's/100m']), low: z.number(), high: z.number() }),
  z.object({ metric: Metric, low: z.number(), high: z.number(), zone: z.number().int().optional() }),
  z.object({ metric: Metric, zone: z.number().int() }),
  z.object({ metric: z.literal('rpe'), low: z.number(), high: z.number(), zone: z.number().int().optional() }),
]);

export const StepResult = z
  .object({
    step: z.number().int().openapi({ description: '1-based, in the order done (repeats unrolled)' }),
    kind: z.enum(['warmup', 'work', 'recovery', 'cooldown', 'rest', 'steady']),
    round: z.object({ r: z.number().int(), of: z.number().int() }).nullable().openapi({ description: 'Round r of n inside a repeat' }),
    planned: z.object({
      durationSec: z.number().nullable(),
      distanceM: z.number().nullable(),
      target: StepTarget.nullable(),
      ramp: z.boolean(),
      range: z
        .object({ metric: Metric, low: z.number(), high: z.number() })
        .nullable()
        .openapi({ description: 'The target in W, bpm or m/s from the thresholds of the day; null for RPE or an unknown threshold' }),
    }),
    actual: z
      .object({
        startS: z.number().int(),
        durationS: z.number().int(),
        distanceM: z.number().nullable(),
        avgPower: z.number().nullable(),
        avgHr: z.number().nullable(),
        avgSpeedMps: z.number().nullable(),
      })
      .nullable()
      .openapi({ description: 'Null when the activity ended before the step' }),
    value: z.number().nullable().openapi({ description: 'The average in the range’s metric' }),
    inRange: z.number().nullable().openapi({ description: 'Share of the step’s seconds inside the range (needs the streams)' }),
    verdict: z.enum(['on_target', 'partly', 'off', 'skipped']),
  })
  .openapi('StepResult');

export const StepCompliance = z
  .object({
    alignedBy: z.enum(['laps', 'time']).nullable(),
    unaligned: z
      .enum(['no_steps', 'no_data', 'too_short', 'open_step', 'no_distance'])
      .nullable()
      .openapi({ description: 'Why the steps could not be placed on the activity (nothing is guessed)' }),
    steps: z.array(StepResult),
    overall: z.object({ band: Band, score: z.number() }).nullable(),
    extraLaps: z.number().int(),
  })
  .openapi('StepCompliance');

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
        verdict: z.object({ band: Band.nullable(), by: z.enum(['steps', 'ratio']) }).openapi({
          description: 'The one judgement of the workout, shown alike wherever it is: by its steps when placed, else by the ratio',
        }),
      })
      .nullable()
      .openapi({ description: 'The planned workout this activity completed, as the calendar matched it' }),
    planVsDone: z
      .object({ reps: z.array(RepResult), found: z.number().int(), band: Band, extra: z.array(IntervalSegment) })
      .nullable()
      .openapi({ description: 'Each planned rep against what was done; null when the workout plans no reps' }),
    steps: StepCompliance.nullable().openapi({
      description: 'How each step of the completed workout went (ADR 062); null without a completed workout with steps',
    }),
  })
  .openapi('ActivityIntervals');
export type ActivityIntervals = z.infer<typeof ActivityIntervals>;
