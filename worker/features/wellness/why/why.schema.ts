// GET /api/v1/wellness/why: the query and the answer (zod → OpenAPI).
import { z } from '@hono/zod-openapi';
import { WHY_CHARTS } from '../engine/why.calc';

export const WhyQuery = z.object({
  chart: z.enum(WHY_CHARTS).openapi({ description: 'The chart asking: efficiency (Analysis → Trends), fitness (Home), weight (Wellness)' }),
  from: z.iso
    .date()
    .optional()
    .openapi({ description: 'First day of the chart’s window (default: 89 days before `to`)', example: '2026-08-01' }),
  to: z.iso.date().optional().openapi({ description: 'Last day (default and latest: today)', example: '2026-10-29' }),
});
export type WhyQuery = z.infer<typeof WhyQuery>;

const Arm = z.object({ from: z.string(), to: z.string(), n: z.number(), nEff: z.number(), mean: z.number() });

const Receipt = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('activity'), id: z.string(), name: z.string(), day: z.string() }),
  z.object({ kind: z.literal('day'), id: z.string(), day: z.string() }),
]);

export const WhyAnswer = z
  .object({
    chart: z.enum(WHY_CHARTS),
    window: z.object({ from: z.string(), to: z.string() }),
    before: z.object({ from: z.string(), to: z.string() }),
    status: z.enum(['ok', 'too_little']),
    compared: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        unit: z.string(),
        before: Arm,
        now: Arm,
        diff: z.number(),
        low: z.number(),
        high: z.number(),
        changed: z.boolean().openapi({ description: 'The interval leaves out zero' }),
      }),
    ),
    thin: z.array(z.object({ key: z.string(), label: z.string(), nowDays: z.number(), beforeDays: z.number() })),
    findings: z.array(
      z.object({
        key: z.string(),
        inputKey: z.string(),
        outcomeKey: z.string(),
        text: z.string(),
        inputChanged: z.boolean(),
        receipts: z.array(Receipt).openapi({ description: 'The newest days behind the finding (GET /findings/{key} lists all)' }),
        totalReceipts: z.number(),
      }),
    ),
    perInputLevel: z.number(),
    summary: z.string(),
  })
  .openapi('WellnessWhy');
export type WhyAnswer = z.infer<typeof WhyAnswer>;
