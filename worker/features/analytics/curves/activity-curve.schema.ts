// The activity page's curve and W′ balance answers (zod → OpenAPI).
import { z } from '@hono/zod-openapi';
import { Units } from '../analytics.schema';
import { CriticalFitSchema, CurvePoint, Span } from './curves.schema';

const Kind = z.enum(['power', 'speed', 'hr']);

export const ActivityCurveQuery = z.object({
  kind: Kind.optional().openapi({ description: 'Default: power for rides, speed for runs and swims' }),
});

export const ActivityCurveResponse = z
  .object({
    activityId: z.uuid(),
    date: z.string(),
    units: Units,
    sport: z.enum(['ride', 'run', 'swim']).nullable().openapi({ description: 'Null: a sport without duration curves' }),
    kind: Kind,
    kinds: z.array(Kind).openapi({ description: 'The curves this activity keeps' }),
    unit: z.string(),
    paceUnit: z.string().nullable(),
    points: z.array(
      z.object({
        durationS: z.number().int(),
        value: z.number(),
        pace: z.number().nullable(),
        startS: z.number().int().openapi({ description: 'Second of this activity the best window starts at' }),
      }),
    ),
    excluded: z
      .array(
        z.object({
          durationS: z.number(),
          value: z.number().nullable(),
          startS: z.number(),
          reason: z.string(),
          ref: z.number().nullable(),
          note: z.string().optional(),
        }),
      )
      .openapi({
        description:
          'Points left out of the curve (above what any human has produced, or an untrusted recording), and seconds a sensor sent nothing (reason no_reading: startS and durationS are the silence, value null, note in words; no window spans them)',
      }),
    season: z
      .object({ span: Span, points: z.array(CurvePoint) })
      .nullable()
      .openapi({ description: "The best of the activity's calendar year, same sport, each point with the activity holding it" }),
    reason: z.string().nullable().openapi({ description: 'Why the activity has no such curve' }),
    seasonReason: z.string().nullable().openapi({ description: 'Why no season curve is set beside it' }),
  })
  .openapi('ActivityCurve');

export const ActivityBalanceResponse = z
  .object({
    activityId: z.uuid(),
    date: z.string(),
    units: Units,
    sport: z.enum(['ride', 'run']).nullable(),
    kind: z.enum(['power', 'speed']),
    unit: z.enum(['J', 'm']).openapi({ description: 'W′ in joules (rides), D′ in metres (runs)' }),
    form: z.string().openapi({ description: "The model's form" }),
    model: z
      .object({
        span: Span.openapi({ description: 'The days fitted on: 90 ending on the activity’s day, the activity included' }),
        window: z.object({ fromS: z.number(), toS: z.number() }),
        fit: CriticalFitSchema.nullable(),
        efforts: z.array(CurvePoint),
      })
      .nullable(),
    threshold: z
      .object({
        kind: z.enum(['ftp', 'threshold_pace']),
        value: z.number().openapi({ description: 'W (ftp) or m/s (threshold_pace)' }),
        source: z.enum(['manual', 'estimated', 'activity']),
        effectiveFrom: z.string(),
      })
      .nullable()
      .openapi({
        description:
          'The CP (CS) the balance is drawn against: the threshold this activity’s load used, so the page reads one; null when its load read none (then the fit’s CP)',
      }),
    series: z
      .object({
        t: z.array(z.number()).openapi({ description: 'Seconds since the start (the stream charts’ time axis), downsampled with LTTB' }),
        balance: z.array(z.number()).openapi({ description: 'W′bal (J) or D′bal (m) at the end of each second' }),
        pct: z.array(z.number()).openapi({ description: 'Per cent of W′ (D′)' }),
      })
      .nullable(),
    lowest: z.object({ atS: z.number(), value: z.number(), pct: z.number() }).nullable(),
    exhausted: z.boolean().openapi({ description: 'The balance went below zero: more was spent than the model says there was' }),
    insufficient: z.string().nullable().openapi({ description: 'Why nothing is drawn' }),
  })
  .openapi('ActivityBalance');
