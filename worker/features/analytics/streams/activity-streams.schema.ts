import { z } from '@hono/zod-openapi';
import { SPORTS } from '../../activities';
import { Units } from '../analytics.schema';
import { CHANNELS } from './activity-track.calc';

const Channel = z.enum(CHANNELS);
const Stat = z.object({ avg: z.number().nullable(), max: z.number().nullable() });

// Two weeks of seconds: no recording the importers accept is longer (stream-grid's cap is a week).
const MAX_OFFSET_S = 14 * 86_400;
// Optional: an absent bound is the activity's start or end. `z.coerce` would turn an absent value into
// NaN, so only a present string is coerced.
const Offset = (what: string, example: number) =>
  z
    .preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().min(0).max(MAX_OFFSET_S).optional())
    .openapi({
      description: `${what}, seconds since the activity's start (absent: the ${what.includes('Start') ? 'start' : 'end'})`,
      example,
    });

export const StreamsRangeQuery = z
  .object({ from: Offset('Start of the range', 0), to: Offset('End of the range', 30) })
  .refine((q) => q.from === undefined || q.to === undefined || q.to > q.from, { message: 'to must be after from', path: ['to'] });

export const RangeFiguresSchema = z
  .object({
    from: z.number(),
    to: z.number(),
    elapsedS: z.number(),
    movingS: z.number().openapi({ description: 'Seconds faster than 0.5 m/s (without speed: seconds recorded)' }),
    distanceM: z.number(),
    speed: Stat.nullable().openapi({ description: 'm/s; the average is distance over moving time' }),
    gap: Stat.nullable().openapi({ description: 'Grade-adjusted speed (runs), m/s, Minetti’s cost of running' }),
    hr: Stat.nullable(),
    power: Stat.extend({ normalized: z.number().nullable() }).nullable(),
    cadence: Stat.nullable().openapi({ description: 'rpm; steps a minute for runs, walks and hikes' }),
    altitude: z.object({ gainM: z.number(), lossM: z.number(), min: z.number(), max: z.number() }).nullable(),
    decouplingPct: z.number().nullable().openapi({ description: 'HR drift (Pa:HR), first half against second; null under 20 minutes' }),
  })
  .openapi('RangeFigures');

export const DrawnSeriesSchema = z
  .object({
    t: z.array(z.number()).openapi({ description: 'Seconds since the start of each drawn sample' }),
    d: z.array(z.number()).openapi({ description: 'Metres covered at each drawn sample' }),
    values: z.partialRecord(Channel, z.array(z.number())).openapi({ description: 'Per channel: m/s, bpm, W, rpm or spm, m' }),
    lat: z.array(z.number()).nullable(),
    lng: z.array(z.number()).nullable(),
  })
  .openapi('DrawnSeries', { description: 'Downsampled with largest-triangle-three-buckets per channel (the union of the picks)' });

const ThresholdUsed = z.object({
  kind: z.string(),
  value: z.number().openapi({ description: 'The value the zones are drawn from: the one the activity’s load used' }),
  inEffect: z.number().nullable().openapi({ description: 'The athlete’s value in effect on the day; null when none was' }),
  source: z.enum(['manual', 'estimated', 'activity']).openapi({
    description: 'The athlete’s own value, an estimate from earlier activities, or (none in effect) the activity’s own effort',
  }),
  effectiveFrom: z.string().openapi({ description: 'A manual value’s date, the Monday an estimate is dated, or the activity’s day' }),
  raisedBy: z.enum(['best_20min', 'best_30min', 'hour_intensity', 'own_max_hr']).nullable().openapi({
    description:
      'Why this activity’s own efforts raised the value in effect (own_max_hr: its own maximum heart rate, zones only); null when they did not',
  }),
});

const ZoneTable = z.union([
  z.object({
    kind: z.enum(['hr', 'pace', 'power']),
    state: z.literal('ok'),
    threshold: ThresholdUsed,
    zones: z.array(
      z.object({ zone: z.number(), name: z.string(), low: z.number().nullable(), high: z.number().nullable(), seconds: z.number() }),
    ),
    totalS: z.number(),
  }),
  z.object({ kind: z.enum(['hr', 'pace', 'power']), state: z.literal('no_threshold'), needs: z.array(z.string()) }),
]);

const Lap = z.object({
  index: z.number(),
  startS: z.number(),
  elapsedS: z.number(),
  movingS: z.number().nullable(),
  distanceM: z.number().nullable(),
  avgSpeedMps: z.number().nullable(),
  avgHr: z.number().nullable(),
  maxHr: z.number().nullable(),
  avgPower: z.number().nullable(),
  avgCadence: z.number().nullable(),
  fromStreams: z.array(z.string()).openapi({ description: 'Averages the device did not record, computed from the streams' }),
});

export const ActivityStreamsResponse = z
  .object({
    activityId: z.uuid(),
    sport: z.enum(SPORTS),
    units: Units,
    date: z.string(),
    channels: z.array(Channel),
    distance: z.enum(['recorded', 'from_speed', 'none']),
    durationS: z.number().nullable(),
    series: DrawnSeriesSchema.nullable(),
    figures: RangeFiguresSchema.nullable(),
    splits: z.array(
      z
        .object({
          index: z.number(),
          distanceM: z.number(),
          from: z.number(),
          to: z.number(),
          elapsedS: z.number(),
          movingS: z.number(),
          speed: z.number().nullable().openapi({ description: 'Average m/s: distance over moving time' }),
          gap: z.number().nullable(),
          hr: z.number().nullable(),
          power: z.number().nullable(),
          cadence: z.number().nullable(),
          gainM: z.number().nullable(),
          lossM: z.number().nullable(),
        })
        .openapi('Split'),
    ),
    laps: z.array(Lap),
    zones: z.array(ZoneTable),
  })
  .openapi('ActivityStreams');

export const ActivityStreamsRangeResponse = z
  .object({ activityId: z.uuid(), series: DrawnSeriesSchema, figures: RangeFiguresSchema })
  .openapi('ActivityStreamsRange');
