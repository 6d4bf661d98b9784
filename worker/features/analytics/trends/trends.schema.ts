// The trends API's query and answer shapes (zod → OpenAPI): weeks of time in zone and months of efficiency,
// each with the activities behind it and, where there is no number, why.
import { z } from '@hono/zod-openapi';
import { Units } from '../analytics.schema';

export const ZonesQuerySchema = z.object({
  sport: z.enum(['ride', 'run', 'all']).default('all').openapi({ description: 'Power zones count rides only, pace zones runs only' }),
  basis: z.enum(['hr', 'power', 'pace']).default('hr'),
  weeks: z
    .enum(['12', '26', '52'])
    .default('12')
    .transform((v) => Number(v) as 12 | 26 | 52)
    .openapi({ description: 'Weeks (Monday to Sunday in the athlete’s zone) ending with this one' }),
});

export const EfficiencyMonthsQuerySchema = z.object({
  sport: z.enum(['ride', 'run']).default('run'),
  months: z
    .enum(['12', '24'])
    .default('12')
    .transform((v) => Number(v) as 12 | 24)
    .openapi({ description: 'Calendar months ending with this one' }),
});

const ZoneBound = z.object({
  zone: z.number().int(),
  low: z.number().nullable().openapi({ description: 'bpm, W or m/s; null = open-ended' }),
  high: z.number().nullable(),
  lowPace: z.number().nullable().openapi({ description: 'Pace zones: seconds per km or mi at the bound' }),
  highPace: z.number().nullable(),
});

const ThresholdInWeek = z.object({
  kind: z.enum(['ftp', 'threshold_pace', 'css', 'lthr', 'max_hr', 'resting_hr']),
  value: z.number().openapi({ description: 'The value the zones were drawn from' }),
  inEffect: z
    .number()
    .nullable()
    .openapi({ description: 'The athlete’s value in effect on the day; null when none was (the activity’s own effort served)' }),
  source: z.enum(['manual', 'estimated', 'activity']),
  effectiveFrom: z.string(),
  raisedBy: z.enum(['best_20min', 'best_30min', 'hour_intensity', 'own_max_hr']).nullable(),
  bounds: z.array(ZoneBound),
  activities: z.number().int(),
});

const ZoneWeek = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  state: z.enum(['ok', 'no_activities', 'no_stream', 'no_threshold', 'pending']).openapi({
    description:
      'ok: zone seconds counted; otherwise why not: no activities, none with the channel, no threshold for it, or facts being rebuilt',
  }),
  seconds: z.array(z.number().int()).nullable().openapi({ description: 'Seconds per zone, zone 1 first; null when nothing was counted' }),
  totalS: z.number().int(),
  thresholds: z.array(ThresholdInWeek),
  activities: z.array(z.object({ activityId: z.uuid(), date: z.string(), name: z.string(), sport: z.string(), seconds: z.number().int() })),
  uncounted: z.object({ no_stream: z.number().int(), no_threshold: z.number().int(), pending: z.number().int() }),
  listUrl: z.string().openapi({ description: 'The activities list for the week' }),
});

export const ZoneTrendsResponse = z
  .object({
    units: Units,
    sport: z.enum(['ride', 'run', 'all']),
    basis: z.enum(['hr', 'power', 'pace']),
    from: z.string(),
    to: z.string(),
    zones: z.array(z.object({ zone: z.number().int(), name: z.string() })),
    weeks: z.array(ZoneWeek),
  })
  .openapi('ZoneTrends');

const Stat = z.object({
  n: z.number().int(),
  median: z.number().nullable().openapi({ description: 'Null when n is below minSample: not enough data' }),
});

export const EfficiencyTrendsResponse = z
  .object({
    units: Units,
    sport: z.enum(['ride', 'run']),
    efficiencyUnit: z.string(),
    from: z.string(),
    to: z.string(),
    minSample: z.number().int(),
    months: z.array(
      z.object({
        month: z.string(),
        from: z.string(),
        to: z.string(),
        efficiency: Stat,
        decoupling: Stat,
        listUrl: z.string(),
        activities: z.array(
          z.object({
            activityId: z.uuid(),
            date: z.string(),
            name: z.string(),
            efficiency: z.number(),
            decouplingPct: z.number().nullable(),
            avgHr: z.number(),
          }),
        ),
      }),
    ),
  })
  .openapi('EfficiencyTrends');
