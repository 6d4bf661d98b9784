// The fuelling API's inputs and answers (zod, in the OpenAPI document), shared with the race page's Fuelling tab.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';

export const NOTE_MAX = 500;
const Note = FreeText({ max: NOTE_MAX, multiline: true }).nullable().optional().openapi({ description: 'Your note' });
const Day = z.iso.date().openapi({ description: 'Local date (YYYY-MM-DD)' });
const num = (min: number, max: number, what: string) => z.number().min(min, `${what}: at least ${min}`).max(max, `${what}: at most ${max}`);

export const CreateSweatTestInput = z
  .object({
    date: Day,
    activityId: z.uuid().nullable().optional().openapi({ description: 'The workout the test was run on (yours)' }),
    durationMin: num(15, 720, 'Minutes').openapi({ description: 'Minutes of exercise, 15 to 720' }),
    massBeforeKg: num(25, 250, 'Kilograms').openapi({ description: 'Body mass before, kg (nude, dry)' }),
    massAfterKg: num(25, 250, 'Kilograms').openapi({ description: 'Body mass after, kg (nude, towelled dry)' }),
    fluidL: num(0, 10, 'Litres').openapi({ description: 'Litres drunk during the test' }),
    urineL: num(0, 5, 'Litres').nullable().optional().openapi({ description: 'Litres of urine passed during the test' }),
    temperatureC: num(-30, 50, '°C').nullable().optional().openapi({ description: 'Air temperature, °C' }),
    note: Note,
  })
  .strict()
  .openapi('CreateSweatTestInput');
export type CreateSweatTestInput = z.infer<typeof CreateSweatTestInput>;

export const SweatTest = z
  .object({
    id: z.uuid(),
    date: z.string(),
    activityId: z.string().nullable(),
    durationMin: z.number(),
    massBeforeKg: z.number(),
    massAfterKg: z.number(),
    fluidL: z.number(),
    urineL: z.number().nullable(),
    temperatureC: z.number().nullable(),
    note: z.string().nullable(),
    rateLPerH: z.number().openapi({ description: '(before − after + drunk − urine) ÷ hours' }),
    basis: z.string().openapi({ description: 'The sum behind the rate, in words' }),
  })
  .openapi('SweatTest');
export type SweatTest = z.infer<typeof SweatTest>;
export const SweatTestList = z.object({ tests: z.array(SweatTest).openapi({ description: 'Newest first' }) }).openapi('SweatTestList');

export const CreateGutSessionInput = z
  .object({
    date: Day,
    carbsGPerH: num(0, 200, 'Grams per hour').openapi({ description: 'Carbohydrate taken, g/h' }),
    durationMin: num(10, 720, 'Minutes').openapi({ description: 'Minutes of the session' }),
    comfort: z.number().int('A whole number').min(1).max(5).openapi({ description: 'GI comfort: 1 severe trouble … 5 none' }),
    note: Note,
  })
  .strict()
  .openapi('CreateGutSessionInput');
export type CreateGutSessionInput = z.infer<typeof CreateGutSessionInput>;

export const GutSession = z
  .object({
    id: z.uuid(),
    date: z.string(),
    carbsGPerH: z.number(),
    durationMin: z.number(),
    comfort: z.number().int(),
    note: z.string().nullable(),
  })
  .openapi('GutSession');
export type GutSession = z.infer<typeof GutSession>;
export const GutSessionList = z
  .object({ sessions: z.array(GutSession).openapi({ description: 'Newest first' }) })
  .openapi('GutSessionList');

const kmList = z
  .string()
  .max(2000)
  // Spaces only (no \s): a pattern that let tabs or line breaks through would take control characters.
  .regex(/^ *\d+(\.\d+)? *(, *\d+(\.\d+)? *)*$/, 'Kilometre marks separated by commas, e.g. 5,10,15');

export const FuellingQuery = z
  .object({
    carbsPerGel: z.coerce
      .number()
      .min(5)
      .max(100)
      .optional()
      .openapi({ description: 'Grams of carbohydrate per gel: lay the plan out per gel' }),
    aidStationsKm: kmList.optional().openapi({ description: 'Aid stations at these km marks, e.g. 5,10,15' }),
    everyKm: z.coerce.number().min(0.5).max(50).optional().openapi({ description: 'An aid station every N km' }),
    temperatureC: z.coerce.number().min(-30).max(50).optional().openapi({ description: 'The race’s expected temperature, °C' }),
  })
  .openapi('FuellingQuery');
export type FuellingQuery = z.infer<typeof FuellingQuery>;

const Range = z.object({ low: z.number(), high: z.number() });
export const RaceFuelling = z
  .object({
    raceId: z.uuid(),
    state: z.enum(['planned', 'noDuration']),
    reason: z.string().optional().openapi({ description: 'Why there is no plan yet' }),
    plan: z
      .object({
        distanceM: z.number(),
        durationS: z.number(),
        durationBasis: z.string(),
        clockBasis: z.string(),
        carbs: z.object({
          gPerH: z.number(),
          glucoseGPerH: z.number(),
          fructoseGPerH: z.number(),
          band: z.string(),
          basis: z.array(z.string()),
          gutTraining: z.object({
            trained: z.boolean(),
            qualifying: z.array(z.object({ date: z.string(), carbsGPerH: z.number() })),
            basis: z.string(),
          }),
        }),
        fluids: z.object({
          lPerH: Range,
          measured: z.boolean(),
          sweat: z
            .object({
              rateLPerH: z.number(),
              massKg: z.number(),
              basis: z.string(),
              used: z.array(z.object({ id: z.string(), date: z.string(), rateLPerH: z.number(), temperatureC: z.number().nullable() })),
            })
            .nullable(),
          basis: z.array(z.string()),
          sodiumMgPerH: Range,
          sodiumBasis: z.string(),
        }),
        layout: z.object({ kind: z.enum(['aidStations', 'everyKm', 'gels']) }).passthrough(),
        stops: z.array(
          z.object({
            n: z.number(),
            distanceM: z.number(),
            clockS: z.number(),
            stretchS: z.number(),
            carbsG: z.number(),
            fluidL: Range,
            sodiumMg: Range,
          }),
        ),
        totals: z.object({ carbsG: z.number(), fluidL: Range, sodiumMg: Range }),
        notes: z.array(z.string()),
      })
      .optional(),
  })
  .openapi('RaceFuelling');
export type RaceFuelling = z.infer<typeof RaceFuelling>;
