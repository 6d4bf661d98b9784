// The curve and model API's query and answer shapes (zod → OpenAPI), ready for a chart: points ordered by duration.
import { z } from '@hono/zod-openapi';
import { Units } from '../analytics.schema';
import { CURVE_RANGES } from './curves.service';

const day = z.iso.date();

export const CurveQuerySchema = z.object({
  kind: z.enum(['power', 'speed', 'hr']).default('power').openapi({ description: 'Power (W), speed (shown as pace) or heart rate' }),
  sport: z.enum(['ride', 'run', 'swim']).default('ride'),
  range: z
    .enum(CURVE_RANGES)
    .optional()
    .openapi({ description: 'Ending today; season = this calendar year. Default season; ignored when from/to are given' }),
  from: day.optional().openapi({ description: 'First local day (with to)' }),
  to: day.optional().openapi({ description: 'Last local day (with from)' }),
  compare: z
    .enum(['previous'])
    .optional()
    .openapi({ description: 'Also the range before: last season for a season, as many days before otherwise' }),
  compareFrom: day.optional(),
  compareTo: day.optional(),
});

export const ModelsQuerySchema = z.object({ sport: z.enum(['ride', 'run']).default('ride') });

export const CurvePoint = z.object({
  durationS: z.number().int(),
  value: z.number().openapi({ description: 'W, m/s or bpm' }),
  pace: z.number().nullable().openapi({ description: 'Speed curves: seconds per km or mi (runs), per 100 m (swims)' }),
  activityId: z.uuid(),
  date: z.string(),
  startS: z.number().int().openapi({ description: 'Second of the activity the best window starts at' }),
  name: z.string(),
});
const Withheld = z
  .array(z.string())
  .openapi({ description: "Sources with activities in the span this reader may not see (a coach: Strava's); empty for the athlete" });
export const Span = z.object({ from: z.string(), to: z.string(), label: z.string() });
const Curve = z.object({ span: Span, points: z.array(CurvePoint) });

export const CurveResponse = z
  .object({
    units: Units,
    kind: z.enum(['power', 'speed', 'hr']),
    sport: z.enum(['ride', 'run', 'swim']),
    unit: z.string().openapi({ description: "The values' unit" }),
    paceUnit: z.string().nullable(),
    curve: Curve,
    compare: Curve.nullable(),
    withheld: Withheld,
  })
  .openapi('DurationCurve');

export const CriticalFitSchema = z.object({
  critical: z.number().openapi({ description: 'CP (W) or CS (m/s)' }),
  criticalSE: z.number().nullable().openapi({ description: 'Null when the efforts come from one session: no margin of error is claimed' }),
  criticalPace: z.number().nullable().openapi({ description: 'CS as seconds per km or mi' }),
  reserve: z.number().openapi({ description: 'W′ (J) or D′ (m)' }),
  reserveSE: z.number().nullable(),
  see: z.number().openapi({ description: 'Standard error of the estimate of work (J) or distance (m)' }),
  r2: z.number(),
  usedS: z.array(z.number()),
});

export const ModelsResponse = z
  .object({
    units: Units,
    sport: z.enum(['ride', 'run']),
    model: z.string(),
    span: Span,
    window: z.object({ fromS: z.number(), toS: z.number() }),
    fit: CriticalFitSchema.nullable(),
    insufficient: z.string().nullable(),
    efforts: z.array(CurvePoint),
    leftOut: z
      .array(
        CurvePoint.extend({
          reason: z.enum(['longer', 'easier', 'under']).openapi({
            description:
              'Why the fit left the point out: longer = a longer effort seen over a shorter window; easier = a shorter effort with easier time around it; under = under the line of the maximal efforts (not all-out)',
          }),
        }),
      )
      .openapi({ description: "The window's other best efforts, not fitted, each with its reason" }),
    withheld: Withheld,
  })
  .openapi('CriticalModels');

export const ModelHistoryResponse = z
  .object({
    units: Units,
    sport: z.enum(['ride', 'run']),
    model: z.string(),
    today: z.string().openapi({
      description: "The athlete's today: the point in effect is the last one dated on or before it; the next Monday's is not yet",
    }),
    points: z.array(
      z.object({
        date: z.string().openapi({ description: 'A Monday: the point rests only on efforts dated before it' }),
        critical: z.number().nullable().openapi({ description: 'CP (W) or CS (m/s); null when the model could not be fitted' }),
        criticalSE: z.number().nullable(),
        reserve: z.number().nullable().openapi({ description: 'W′ (J) or D′ (m)' }),
        reserveSE: z.number().nullable(),
        efforts: z.number().int().openapi({ description: 'Best efforts (curve points, 2–20 min) the fit used' }),
        threshold: z.number().nullable().openapi({ description: 'eFTP (W) or threshold pace as speed (m/s)' }),
        thresholdPace: z.number().nullable().openapi({ description: 'Runs: the threshold pace in seconds per km or mi' }),
        basis: z.enum(['model', 'best_20min', 'best_30min']).nullable(),
        activityId: z
          .uuid()
          .nullable()
          .openapi({ description: 'The receipt: the effort nearest 20 min of a fit, or the best effort itself' }),
        note: z.string().nullable().openapi({ description: 'What the point rests on' }),
      }),
    ),
    insufficient: z.string().nullable(),
  })
  .openapi('ModelHistory');
