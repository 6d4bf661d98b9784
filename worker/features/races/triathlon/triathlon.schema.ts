// GET /api/v1/races/{id}/triathlon: its query (the athlete's expected bike time, a flat course) and its answer.
import { z } from '@hono/zod-openapi';
import { TRI_FORMATS } from './formats';

const Flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const TriathlonQuery = z
  .object({
    bikeHours: z.coerce
      .number()
      .min(0.25)
      .max(12)
      .optional()
      .openapi({ description: 'Your expected bike time in hours: used when no ride of 2 h+ with power gives the speed' }),
    flat: Flag.openapi({ description: '`true` for a flat course: the variability-index target tightens to 1.02' }),
  })
  .strict();

const Threshold = z.object({
  value: z.number(),
  source: z.enum(['manual', 'estimated']),
  effectiveFrom: z.string(),
  activityId: z.string().nullable(),
  note: z.string().nullable(),
});
const NotEnough = z.object({ state: z.literal('notEnoughData'), reason: z.string(), help: z.array(z.string()) });
const Swim = z.object({
  state: z.literal('planned'),
  distanceM: z.number(),
  fraction: z.number(),
  paceSPer100m: z.number(),
  timeS: z.number(),
  threshold: Threshold.openapi({ description: 'CSS in m/s, with its date' }),
});
const LongRide = z.object({
  activityId: z.string(),
  name: z.string(),
  date: z.string(),
  durationS: z.number(),
  normalizedPowerW: z.number(),
  intensityFactor: z.number(),
  variabilityIndex: z.number().nullable(),
  speedMps: z.number(),
});
const Bike = z.object({
  state: z.literal('planned'),
  distanceM: z.number(),
  tssBudget: z.number(),
  budgetSource: z.enum(['domain reference', 'assumption']),
  tss: z.number(),
  hours: z.number(),
  timeS: z.number(),
  intensityFactor: z.number().openapi({ description: '√(TSS / (100·h))' }),
  capped: z.boolean(),
  targetPowerW: z.number(),
  speedMps: z.number(),
  timeSource: z.enum(['longRides', 'input']),
  ftp: Threshold,
  longRides: z.array(LongRide),
  check: z.object({ state: z.enum(['held', 'above', 'noLongRides', 'ftpLow']), text: z.string() }),
  viTarget: z.number(),
});
const Run = z.object({
  state: z.literal('planned'),
  distanceM: z.number(),
  freshTimeS: z.number(),
  freshPaceSPerKm: z.number(),
  slowdown: z.number(),
  paceSPerKm: z.number(),
  timeS: z.number(),
  threshold: Threshold.openapi({ description: 'Threshold speed (= CS, ADR 065) in m/s, with its date' }),
  dPrimeM: z.number().nullable(),
});
const Brick = z.object({
  runId: z.string(),
  runName: z.string(),
  rideId: z.string(),
  rideName: z.string(),
  date: z.string(),
  gapS: z.number(),
  rideIntensityFactor: z.number().nullable(),
  brickPaceSPerKm: z.number(),
  freshPaceSPerKm: z.number(),
  freshRuns: z.number(),
  slowdown: z.number(),
});
const Excluded = z.object({ runId: z.string(), runName: z.string(), date: z.string(), reason: z.string() });

export const TriathlonPlanResponse = z
  .object({
    raceId: z.uuid(),
    format: z.enum(TRI_FORMATS),
    plan: z.object({
      format: z.enum(TRI_FORMATS),
      swim: z.union([Swim, NotEnough]),
      bike: z.union([Bike, NotEnough]),
      run: z.union([Run, NotEnough]),
      bricks: z.object({
        state: z.enum(['calibrated', 'uncalibrated']),
        slowdown: z.number(),
        reason: z.string().optional(),
        bricks: z.array(Brick),
        excluded: z.array(Excluded),
      }),
      whatIf: z
        .array(
          z.object({
            ifDelta: z.number(),
            intensityFactor: z.number(),
            bikeSecondsSaved: z.number(),
            tssAdded: z.number(),
            runCostS: z.number().nullable(),
            runCostWhy: z.string(),
          }),
        )
        .nullable(),
      whatIfWhy: z.string().nullable(),
      transitions: z.object({ t1S: z.number(), t2S: z.number(), basis: z.string() }),
      totalS: z.number().nullable().openapi({ description: 'Swim + T1 + bike + T2 + run, when every leg is planned' }),
    }),
    window: z.object({ from: z.string(), to: z.string() }).openapi({ description: 'The days the rides and bricks are read from' }),
  })
  .openapi('TriathlonPlan');
export type TriathlonPlanResponse = z.infer<typeof TriathlonPlanResponse>;
