// The findings API's answers (zod → OpenAPI): the family tested, each finding in words with its interval, the
// questions still waiting with the days they need, and one question's pairs with their receipts.
import { z } from '@hono/zod-openapi';

export const FindingKeyParam = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9_]{1,40}~[a-z0-9_]{1,40}$/, 'A question is input~outcome')
    .openapi({ param: { name: 'key', in: 'path' }, example: 'sleep~easy_run_ef' }),
});

const Arms = z.object({
  lowN: z.number(),
  lowBound: z.number(),
  lowMean: z.number(),
  highN: z.number(),
  highBound: z.number(),
  highMean: z.number(),
  relative: z.boolean().openapi({ description: 'true: the diff fields are in %; false: high − low in the outcome’s unit' }),
  diffPct: z.number(),
  diffLowPct: z.number(),
  diffHighPct: z.number(),
});

export const EngineFinding = z
  .object({
    key: z.string().openapi({ description: 'input~outcome' }),
    input: z.object({ key: z.string(), label: z.string(), unit: z.string() }),
    outcome: z.object({
      key: z.string(),
      label: z.string(),
      unit: z.string(),
      per: z.enum(['day', 'week']).openapi({ description: 'week: one value a week, so n and nEff count weeks' }),
    }),
    text: z.string().openapi({ description: 'The pattern in words with its interval and "k of m patterns tested"' }),
    rho: z.number(),
    rhoLow: z.number(),
    rhoHigh: z.number(),
    n: z.number(),
    nEff: z.number(),
    arms: Arms.nullable(),
    receipts: z.number().openapi({ description: 'How many activities or days it rests on (GET /findings/{key} lists them)' }),
  })
  .openapi('WellnessFinding');
export type EngineFinding = z.infer<typeof EngineFinding>;

export const WaitingQuestion = z
  .object({
    key: z.string(),
    input: z.string(),
    outcome: z.string(),
    days: z.number().openapi({ description: 'Days with both the input and the outcome today' }),
    moreDays: z.number().nullable().openapi({
      description: 'About how many more such days it needs (null: no effect seen yet to size it, or a series that does not vary)',
    }),
    text: z.string(),
  })
  .openapi('WellnessWaitingQuestion');
export type WaitingQuestion = z.infer<typeof WaitingQuestion>;

export const WellnessFindings = z
  .object({
    status: z.enum(['ready', 'first_weeks']).openapi({ description: 'first_weeks: no question has 20 effective days yet' }),
    updating: z.boolean().openapi({
      description: 'Analytics is recomputing this athlete’s training figures (after an import): the answer may change in a minute',
    }),
    tested: z.number().openapi({ description: 'Questions tested (enough days)' }),
    asked: z.number().openapi({ description: 'Questions in the family (m: untested ones count too)' }),
    findings: z.array(EngineFinding),
    waiting: z.array(WaitingQuestion).openapi({ description: 'The questions nearest to an answer, with the days they need' }),
    from: z.string(),
    to: z.string(),
    computedAt: z.string(),
  })
  .openapi('WellnessFindings');
export type WellnessFindings = z.infer<typeof WellnessFindings>;

export const WellnessPair = z.object({
  day: z.string(),
  x: z.number().openapi({ description: "The input's value as read for this outcome (its lag and window applied)" }),
  y: z.number(),
  inputSource: z.string().nullable(),
  receipt: z.union([
    z.object({ kind: z.literal('activity'), id: z.string(), name: z.string() }),
    z.object({ kind: z.literal('day'), id: z.string() }),
  ]),
});

export const WellnessQuestion = z
  .object({
    key: z.string(),
    input: z.object({ key: z.string(), label: z.string(), unit: z.string(), lag: z.number(), window: z.number() }),
    outcome: z.object({ key: z.string(), label: z.string(), unit: z.string() }),
    status: z.enum(['finding', 'no_finding', 'too_few_days']),
    finding: EngineFinding.nullable(),
    rho: z.number().nullable(),
    nEff: z.number().nullable(),
    moreDays: z.number().nullable(),
    asked: z.number(),
    pairs: z.array(WellnessPair),
    computedAt: z.string(),
  })
  .openapi('WellnessQuestion');
export type WellnessQuestion = z.infer<typeof WellnessQuestion>;
