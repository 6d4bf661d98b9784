// The check-in's body and the day's answer (zod → OpenAPI). Every field optional; null clears it.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { NUMERIC_FIELDS, SCALES, WELLNESS_SOURCES } from './wellness.fields';

const scale = (field: keyof typeof SCALES) =>
  z
    .number()
    .int()
    .min(1, `${SCALES[field].join(', ')}: 1 to 4`)
    .max(4, `${SCALES[field].join(', ')}: 1 to 4`)
    .nullable()
    .optional()
    .openapi({ description: `1 to 4: ${SCALES[field].join(' · ')}` });

const ranged = (min: number, max: number, unit: string, description: string) =>
  z
    .number()
    .min(min, `Between ${min} and ${max} ${unit}`)
    .max(max, `Between ${min} and ${max} ${unit}`)
    .nullable()
    .optional()
    .openapi({ description });

export const CheckInBody = z
  .object({
    sleepHours: ranged(0, 24, 'hours', 'Hours slept the night before'),
    sleepQuality: scale('sleepQuality'),
    soreness: scale('soreness'),
    fatigue: scale('fatigue'),
    stress: scale('stress'),
    mood: scale('mood'),
    motivation: scale('motivation'),
    injury: z.boolean().nullable().optional().openapi({ description: 'Pain or an injury today' }),
    injuryWhere: FreeText({ max: 120 }).nullable().optional().openapi({ description: 'Where it hurts' }),
    note: FreeText({ max: 2000, multiline: true }).nullable().optional(),
    restingHr: ranged(NUMERIC_FIELDS.restingHr.min, NUMERIC_FIELDS.restingHr.max, 'bpm', 'Morning resting heart rate, bpm'),
    hrvRmssd: ranged(NUMERIC_FIELDS.hrvRmssd.min, NUMERIC_FIELDS.hrvRmssd.max, 'ms', 'HRV as rMSSD, ms'),
    weight: z
      .number()
      .positive('Weight must be more than 0')
      .nullable()
      .optional()
      .openapi({ description: 'In your units: kg, or lb when you use miles' }),
    bodyFatPct: ranged(NUMERIC_FIELDS.bodyFatPct.min, NUMERIC_FIELDS.bodyFatPct.max, '%', 'Body fat, %'),
  })
  .strict()
  .openapi('WellnessCheckIn');
export type CheckInBody = z.infer<typeof CheckInBody>;

export const DayParam = z.object({ day: z.iso.date().openapi({ param: { name: 'day', in: 'path' }, example: '2026-11-26' }) });
export const DaysQuery = z.object({ from: z.iso.date(), to: z.iso.date() });

const Source = z.enum(WELLNESS_SOURCES);
const FieldValue = z.object({
  value: z.union([z.number(), z.string(), z.boolean()]),
  source: Source,
  /** Other sources that gave this field for the day (their value is not used). */
  others: z.array(z.object({ source: Source, value: z.union([z.number(), z.string(), z.boolean()]) })),
});

export const WellnessDay = z
  .object({
    day: z.string(),
    fields: z.record(z.string(), FieldValue).openapi({ description: 'Each field given for the day, in your units, with its source' }),
  })
  .openapi('WellnessDay');
export type WellnessDay = z.infer<typeof WellnessDay>;

export const WellnessDays = z
  .object({ units: z.enum(['km', 'mi']), weightUnit: z.enum(['kg', 'lb']), days: z.array(WellnessDay) })
  .openapi('WellnessDays');

const Readiness = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('none') }),
    z.object({ status: z.literal('establishing'), source: z.string(), days: z.number(), needed: z.number() }),
    z.object({ status: z.literal('no_recent'), source: z.string(), lastDay: z.string() }),
    z.object({
      status: z.enum(['within', 'below', 'above']),
      source: z.string(),
      week: z.number().openapi({ description: 'The 7-day mean: ln rMSSD for HRV, bpm for resting HR' }),
      weekReadings: z.number(),
      low: z.number(),
      high: z.number(),
      baselineMean: z.number(),
      baselineSd: z.number(),
      baselineDays: z.number(),
      from: z.string(),
      to: z.string(),
    }),
  ])
  .openapi('MetricReadiness');

export const WellnessReadiness = z.object({ asOf: z.string(), hrv: Readiness, restingHr: Readiness }).openapi('WellnessReadiness');
