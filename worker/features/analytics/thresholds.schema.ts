// Thresholds as the API reads and writes them (ADR 065): the dated values, setting one, the operator's rebuild.
import { z } from '@hono/zod-openapi';
import { ReceiptSchema, THRESHOLD_KINDS, Units } from './analytics.schema';

const ThresholdSchema = z.object({
  id: z.uuid(),
  kind: z.enum(THRESHOLD_KINDS),
  value: z.number(),
  display: z.string(),
  effectiveFrom: z.string(),
  effectiveUntil: z.string().nullable().openapi({ description: 'An estimate is stale from this day (ADR 065 "A horizon")' }),
  source: z.enum(['manual', 'estimated']),
  note: z.string().nullable(),
  receipt: ReceiptSchema.nullable(),
});
export const ThresholdsResponse = z.object({ units: Units, thresholds: z.array(ThresholdSchema) }).openapi('Thresholds');

// Values are entered the way athletes think of them: watts, bpm, pace per km/mi, swim pace per 100 m.
export const SetThresholdBody = z
  .object({
    kind: z.enum(THRESHOLD_KINDS),
    value: z.number().positive().max(10_000).optional().openapi({ description: 'W for ftp, bpm for heart rates' }),
    paceSeconds: z
      .number()
      .positive()
      .max(3600)
      .optional()
      .openapi({ description: 'threshold_pace: seconds per km or mi (your unit); css: seconds per 100 m' }),
    effectiveFrom: z.iso.date().openapi({ description: 'First day the value applies (YYYY-MM-DD)' }),
  })
  .openapi('SetThreshold');

export const RebuildBody = z
  .object({
    userId: z.uuid().optional().openapi({ description: 'Rebuild this athlete now' }),
    all: z.literal(true).optional().openapi({ description: 'Queue every athlete (drained by the analytics.rebuilds cron, 20 a minute)' }),
    derive: z
      .boolean()
      .default(false)
      .openapi({ description: 'Also re-derive facts from every stream (slow; after a change to how facts are computed)' }),
  })
  .refine((b) => (b.userId ? !b.all : b.all), { message: 'Give either userId or all: true', path: ['userId'] })
  .openapi('AnalyticsRebuild');
export const RebuildResponse = z
  .object({ queued: z.number().optional(), activities: z.number().optional(), durationMs: z.number().optional() })
  .openapi('AnalyticsRebuildResult');

export const ThresholdIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
