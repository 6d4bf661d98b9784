import { z } from '@hono/zod-openapi';
import { SPORTS } from '../activities';

// Ranges beyond these are capped, not refused: a client asking for "everything" gets the most we serve.
export const MAX_DAYS = 3650;
export const MAX_WEEKS = 520;

const capped = (max: number, fallback: number, what: string) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .default(fallback)
    .transform((v) => Math.min(v, max))
    .openapi({ description: `${what} (capped at ${max})`, example: fallback });

export const DaysQuery = z.object({ days: capped(MAX_DAYS, 90, 'Days to return, ending today') });
export const WeeksQuery = z.object({ weeks: capped(MAX_WEEKS, 12, 'Weeks to return, ending with the current week') });
export const YearQuery = z.object({
  year: z.coerce.number().int().min(1970).max(2100).optional().openapi({ description: 'Calendar year; default the current one' }),
});
export const EfficiencyQuery = z.object({ weeks: capped(MAX_WEEKS, 26, 'Weeks of history') });

export const Units = z.enum(['km', 'mi']);

export const ReceiptSchema = z
  .object({
    activityId: z.uuid(),
    date: z.string(),
    name: z.string(),
    sport: z.enum(SPORTS),
    distanceM: z.number(),
    distance: z.number().openapi({ description: 'In the athlete’s unit (km or mi)' }),
    movingTimeS: z.number(),
    values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  })
  .openapi('Receipt');

const FitnessDay = z.object({
  date: z.string(),
  load: z.number(),
  ctl: z.number(),
  atl: z.number(),
  tsb: z.number(),
  activities: z.array(ReceiptSchema),
});

export const FitnessResponse = z
  .object({
    units: Units,
    today: z.string(),
    firstDay: z.string().nullable(),
    days: z.array(FitnessDay),
    current: z
      .object({
        ctl: z.number(),
        atl: z.number(),
        tsb: z.number(),
        form: z
          .enum(['fresh', 'neutral', 'productive', 'overreaching'])
          .nullable()
          .openapi({ description: 'Null while fitness is being established (see establishing)' }),
        rampRate: z.number().nullable(),
        rampBand: z.enum(['detraining', 'maintaining', 'building', 'high', 'very_high']).nullable(),
        establishing: z
          .object({
            daysMore: z.number().int().openapi({ description: 'Days until established if training is recorded every day' }),
            since: z.string().nullable().openapi({ description: 'First day of the current stretch of recorded training' }),
            historyDays: z.number().int().openapi({ description: 'Days from `since` to today, both counted' }),
            trainingDays: z.number().int().openapi({ description: 'Days with recorded training in the stretch' }),
          })
          .nullable()
          .openapi({ description: 'Set until the history supports form and ramp labels (ADR 044); null once established' }),
      })
      .nullable(),
    bands: z.object({
      form: z.array(z.object({ status: z.string(), min: z.number().nullable(), max: z.number().nullable() })),
      ramp: z.array(z.object({ status: z.string(), min: z.number().nullable(), max: z.number().nullable() })),
    }),
  })
  .openapi('FitnessTimeline');

const Totals = z.object({ distanceM: z.number(), distance: z.number(), movingS: z.number(), load: z.number(), count: z.number() });
export const WeeklyVolumeResponse = z
  .object({ units: Units, weeks: z.array(z.object({ weekStart: z.string(), bySport: z.record(z.string(), Totals), total: Totals })) })
  .openapi('WeeklyVolume');

export const SportDistributionResponse = z
  .object({ units: Units, from: z.string(), to: z.string(), sports: z.array(Totals.extend({ sport: z.enum(SPORTS), share: z.number() })) })
  .openapi('SportDistribution');

export const HeatmapResponse = z
  .object({
    units: Units,
    year: z.number(),
    days: z.array(z.object({ date: z.string(), load: z.number(), movingS: z.number(), distance: z.number(), count: z.number() })),
  })
  .openapi('Heatmap');

const RunBest = z.object({
  timeS: z.number(),
  pace: z.number(),
  date: z.string(),
  ageGradePct: z.number().nullable(),
  receipt: ReceiptSchema,
});
const PowerBest = z.object({ watts: z.number(), date: z.string(), receipt: ReceiptSchema });
export const PersonalBestsResponse = z
  .object({
    units: Units,
    run: z.array(
      z.object({
        distanceM: z.number(),
        label: z.string(),
        allTime: RunBest.nullable(),
        last12Months: RunBest.nullable(),
        byYear: z.array(RunBest.extend({ year: z.number() })),
      }),
    ),
    power: z.array(z.object({ durationS: z.number(), allTime: PowerBest.nullable(), last12Months: PowerBest.nullable() })),
  })
  .openapi('PersonalBests');

export const AgeGradesResponse = z
  .object({
    missing: z.array(z.enum(['birth_date', 'sex'])),
    performances: z.array(
      z.object({
        year: z.number(),
        distanceM: z.number(),
        label: z.string(),
        timeS: z.number(),
        date: z.string(),
        age: z.number(),
        ageGradePct: z.number(),
        receipt: ReceiptSchema,
      }),
    ),
    bestByYear: z.array(
      z.object({ year: z.number(), label: z.string(), ageGradePct: z.number(), date: z.string(), receipt: ReceiptSchema }),
    ),
    source: z.string(),
  })
  .openapi('AgeGrades');

const Trend = z
  .object({
    slopePerWeek: z.number(),
    start: z.number(),
    end: z.number(),
    from: z.string(),
    to: z.string(),
    changePct: z.number(),
    n: z.number(),
  })
  .nullable();
const EffPoint = z.object({
  activityId: z.uuid(),
  date: z.string(),
  name: z.string(),
  efficiency: z.number(),
  avgHr: z.number(),
  pace: z.number().nullable(),
  paceAtFixedHr: z.number().nullable(),
  power: z.number().nullable(),
  decouplingPct: z.number().nullable(),
});
export const EfficiencyResponse = z
  .object({
    units: Units,
    from: z.string(),
    to: z.string(),
    easyHrCeiling: z.number().nullable(),
    easyHrBasis: z
      .object({
        kind: z.enum(['lthr', 'max_hr']),
        value: z.number(),
        thresholdHr: z.number().openapi({ description: 'The LTHR, or 89 % of max HR: the heart-rate zones are drawn from it' }),
        source: z.enum(['manual', 'estimated']),
        effectiveFrom: z.string(),
      })
      .nullable()
      .openapi({ description: 'The threshold HR easy runs are picked by, as the heart-rate zones of Trends use it' }),
    runs: z.object({ points: z.array(EffPoint), trend: Trend }),
    rides: z.object({ points: z.array(EffPoint), trend: Trend }),
    decoupling: z.array(
      z.object({ activityId: z.uuid(), date: z.string(), name: z.string(), sport: z.string(), decouplingPct: z.number() }),
    ),
  })
  .openapi('Efficiency');

export const InsightSchema = z
  .object({
    kind: z.string(),
    id: z.string(),
    status: z.enum(['ok', 'insufficient']),
    tone: z.enum(['info', 'positive', 'caution']),
    title: z.string(),
    finding: z.string(),
    numbers: z.record(z.string(), z.number()),
    window: z.object({ from: z.string(), to: z.string() }),
    minSample: z.object({ required: z.number(), actual: z.number(), unit: z.string() }),
    receipts: z.array(ReceiptSchema),
  })
  .openapi('Insight');
export const InsightsResponse = z.object({ units: Units, insights: z.array(InsightSchema) }).openapi('Insights');

export const THRESHOLD_KINDS = ['ftp', 'threshold_pace', 'css', 'lthr', 'max_hr', 'resting_hr'] as const;

export const ActivityAnalysisResponse = z
  .object({
    units: Units,
    load: z.number(),
    method: z.enum(['power_tss', 'rtss', 'hr_tss', 'swim_tss', 'duration_estimate']),
    intensity: z.number().nullable(),
    confidence: z.enum(['high', 'medium', 'low']),
    usedKinds: z.array(z.enum(THRESHOLD_KINDS)).openapi({ description: 'The thresholds the load method read' }),
    thresholdsUsed: z.record(z.string(), z.string()).openapi({ description: 'Every threshold in effect on the day' }),
    loadBasis: z
      .object({
        kind: z.enum(THRESHOLD_KINDS),
        used: z.string().openapi({ description: 'The threshold the load was computed with' }),
        inEffect: z.string().nullable().openapi({
          description: "The athlete's threshold in effect on the day; null when none was and the activity's own effort served",
        }),
        source: z.enum(['manual', 'estimated', 'activity']).openapi({
          description: "The athlete's own value, an estimate from earlier activities, or (none in effect) the activity itself",
        }),
        effectiveFrom: z
          .string()
          .openapi({ description: "Set from this date, estimated on it (from earlier activities only), or the activity's day" }),
        raisedBy: z.enum(['best_20min', 'best_30min', 'hour_intensity']).nullable().openapi({
          description: "The activity's own effort that proved a higher threshold than the one in effect",
        }),
        notes: z.array(z.string()).openapi({ description: 'Where the threshold used came from and why it differs from the one in effect' }),
      })
      .nullable()
      .openapi({ description: 'For threshold-based loads: the threshold used and its receipt (ADR 007, "Thresholds by date")' }),
    normalizedPower: z.number().nullable(),
    gradedPace: z.number().nullable(),
    decouplingPct: z.number().nullable(),
    runBests: z.array(
      z.object({ distanceM: z.number(), label: z.string(), timeS: z.number(), origin: z.string(), ageGradePct: z.number().nullable() }),
    ),
    powerBests: z.array(z.object({ durationS: z.number(), watts: z.number() })),
    exclusions: z
      .array(
        z.object({
          kind: z.enum(['run', 'power', 'stream']),
          key: z.number().nullable().openapi({ description: 'Run distance (m) or power duration (s); null for the whole stream' }),
          reason: z.enum([
            'world_record',
            'power_ceiling',
            'beyond_history',
            'sport_inferred',
            'implausible_effort',
            'stream_distance_mismatch',
          ]),
          message: z.string(),
        }),
      )
      .openapi({ description: 'Bests measured in this activity but not counted (or not measured), one sentence each saying why' }),
  })
  .openapi('ActivityAnalysis');
