// The race result API's input and answer (zod, in the OpenAPI document), shared with the Result tab's form.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';

export const NOTE_MAX = 2000;
export const MAX_CARBS_G = 2000;
export const MAX_FLUID_L = 20;

export const MarkResultInput = z
  .object({
    activityId: z.uuid().openapi({ description: 'Your activity that was the race' }),
    carbsG: z
      .number()
      .min(0, 'Zero or more grams')
      .max(MAX_CARBS_G, `At most ${MAX_CARBS_G} g`)
      .nullable()
      .optional()
      .openapi({ description: 'Carbohydrate taken during the race, grams, as you logged it' }),
    fluidL: z
      .number()
      .min(0, 'Zero or more litres')
      .max(MAX_FLUID_L, `At most ${MAX_FLUID_L} L`)
      .nullable()
      .optional()
      .openapi({ description: 'Fluid drunk during the race, litres, as you logged it' }),
    note: FreeText({ max: NOTE_MAX, multiline: true }).nullable().optional().openapi({ description: 'Your note on the race' }),
  })
  .strict()
  .openapi('MarkRaceResultInput');
export type MarkResultInput = z.infer<typeof MarkResultInput>;

/** One part of the comparison: `ok` with its figures, or `ok: false` with the reason (missing data is said, never filled). */
const Part = (what: string) => z.unknown().openapi({ description: `${what}; or \`{ ok: false, reason }\`` });
const Candidate = z.object({
  id: z.uuid(),
  name: z.string(),
  sport: z.string(),
  localDate: z.string(),
  distanceM: z.number(),
  elapsedTimeS: z.number(),
  markedRace: z.boolean().openapi({ description: 'You marked it a race on the activity page' }),
});

export const RaceResultAnswer = z
  .object({
    raceId: z.string(),
    state: z.enum(['upcoming', 'unmarked', 'marked']).openapi({ description: '`upcoming`: the race day has not come yet' }),
    opensOn: z.string().openapi({ description: 'The race day: a result can be marked from then on' }),
    suggestions: z.array(Candidate).openapi({ description: 'Your runs within a day of the race, within 5 % of its distance' }),
    predictionBefore: z
      .object({ madeAt: z.string(), range: z.object({ low: z.number(), mid: z.number(), high: z.number() }).nullable() })
      .nullable()
      .openapi({ description: 'The newest prediction stored before the race day began (null: none was made)' }),
    result: z
      .object({
        activityId: z.uuid(),
        activityName: z.string(),
        activityDate: z.string(),
        finishS: z.number(),
        carbsG: z.number().nullable(),
        fluidL: z.number().nullable(),
        note: z.string().nullable(),
        markedAt: z.string(),
      })
      .nullable(),
    comparison: z
      .object({
        finishS: z.number().openapi({ description: 'The activity’s elapsed time, seconds' }),
        error: Part('Finish − the predicted middle (s and %), and whether the 80 % range held it'),
        splits: Part('Each km or mile: planned (the pre-race middle paced over the course as run), actual, delta'),
        halves: Part('First half against second, grade-adjusted, heart-rate drift, Pa:HR decoupling and a verdict'),
        fuel: z.unknown().openapi({ description: 'Carbohydrate and fluid as logged, per hour of the finish' }),
      })
      .nullable()
      .openapi({ description: 'Splits planned against actual, pacing discipline, fuel as logged, the prediction’s error' }),
  })
  .openapi('RaceResult');
export type RaceResultAnswer = z.infer<typeof RaceResultAnswer>;
