// The races API's inputs and answers (zod, in the OpenAPI document), shared with the /races page's form.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { MAX_RACE_M } from './predict.calc';
import { MIN_DISTANCE_M } from './recent-bests.calc';
import { TRI_FORMATS } from './triathlon/formats';

export const NAME_MAX = 120;
/** Whole metres the prediction supports: 1500 m to the marathon (and its 1 % of course slack). */
export const MIN_RACE_DISTANCE_M = MIN_DISTANCE_M;
export const MAX_RACE_DISTANCE_M = Math.floor(MAX_RACE_M);

const distanceMessage = `A race from ${MIN_RACE_DISTANCE_M} m to the marathon (${MAX_RACE_DISTANCE_M} m) can be predicted`;
const Distance = z
  .number()
  .int('Whole metres')
  .min(MIN_RACE_DISTANCE_M, distanceMessage)
  .max(MAX_RACE_DISTANCE_M, distanceMessage)
  .openapi({ description: 'Metres, 1500 to the marathon' });
const RaceDate = z.iso.date().openapi({ description: 'The race’s local date (YYYY-MM-DD), today or later in your time zone' });
const Name = FreeText({ min: 1, max: NAME_MAX }).openapi({ description: 'The race’s name' });

const TriFormat = z.enum(TRI_FORMATS).openapi({
  description: 'sprint (750 m, 20 km, 5 km), olympic (1.5, 40, 10 km), half = 70.3 (1.9, 90, 21.1 km), full (3.8, 180, 42.2 km)',
});
const CreateRunRace = z
  .object({ name: Name, sport: z.literal('run').default('run'), distanceM: Distance, raceDate: RaceDate })
  .strict()
  .openapi('CreateRunRaceInput');
/** A triathlon's distance is its format's total: not sent. */
const CreateTriathlonRace = z
  .object({ name: Name, sport: z.literal('triathlon'), format: TriFormat, raceDate: RaceDate })
  .strict()
  .openapi('CreateTriathlonRaceInput');
export const CreateRaceInput = z.discriminatedUnion('sport', [CreateRunRace, CreateTriathlonRace]).openapi('CreateRaceInput');
export type CreateRaceInput = z.infer<typeof CreateRaceInput>;

export const UpdateRaceInput = z
  .object({ name: Name.optional(), distanceM: Distance.optional(), raceDate: RaceDate.optional() })
  .strict()
  .openapi('UpdateRaceInput');
export type UpdateRaceInput = z.infer<typeof UpdateRaceInput>;

export const Race = z
  .object({
    id: z.uuid().openapi({ description: 'The race’s id; for the plan’s goal race, the plan’s id' }),
    source: z.enum(['athlete', 'plan']).openapi({ description: '`plan`: the active plan’s goal race, changed through the plan' }),
    name: z.string(),
    sport: z.enum(['run', 'triathlon']),
    format: TriFormat.optional().openapi({ description: 'A triathlon’s format; absent for a run' }),
    distanceM: z.number().int().openapi({ description: 'Metres; a triathlon’s the total of its legs' }),
    raceDate: z.string(),
  })
  .openapi('Race');
export type Race = z.infer<typeof Race>;

export const RaceList = z.object({ races: z.array(Race).openapi({ description: 'Upcoming races, soonest first' }) }).openapi('RaceList');

const Best = z.object({ distanceM: z.number(), timeS: z.number(), date: z.string(), activityId: z.string(), name: z.string() });
const Method = z.object({
  method: z.enum(['riegel', 'vdot', 'criticalSpeed']),
  ran: z.boolean(),
  timeS: z.number().optional(),
  reason: z.string().optional(),
  notes: z.array(z.string()).optional(),
  receipts: z
    .object({
      bests: z.array(Best),
      exponent: z
        .object({ value: z.number(), source: z.enum(['fitted', 'clamped', 'population']), fitted: z.number().nullable() })
        .optional(),
      vdot: z
        .object({ value: z.number(), byBest: z.array(z.object({ activityId: z.string(), distanceM: z.number(), vdot: z.number() })) })
        .optional(),
      criticalSpeed: z.object({ csMps: z.number(), dPrimeM: z.number(), date: z.string(), fraction: z.number() }).optional(),
    })
    .optional(),
});

export const RacePrediction = z
  .object({
    raceId: z.uuid(),
    madeAt: z.string().openapi({ description: 'When this answer was first made (it is stored once per change)' }),
    engineVersion: z.number().int(),
    prediction: z
      .object({
        state: z.enum(['predicted', 'notEnoughData', 'unsupported']),
        reason: z.string().optional(),
        range: z
          .object({ low: z.number(), mid: z.number(), high: z.number() })
          .optional()
          .openapi({ description: 'Seconds, an 80 % range' }),
        methods: z.array(Method).optional(),
        spread: z.number().optional(),
        widenings: z.array(z.object({ kind: z.string(), sigma: z.number(), side: z.enum(['both', 'slow']), why: z.string() })).optional(),
        shift: z.object({ factor: z.number(), why: z.string() }).nullable().optional(),
        used: z.array(Best).optional(),
        excluded: z.array(z.object({ best: Best, reason: z.string() })).optional(),
        form: z.object({ tsb: z.number(), ctl: z.number() }).nullable().optional(),
      })
      .openapi({ description: 'The core’s answer (ADR 096): a range with each method’s receipts, or why there is none' }),
    help: z.array(z.string()).openapi({ description: 'What would make the prediction possible or narrower, in plain words' }),
  })
  .openapi('RacePrediction');
export type RacePrediction = z.infer<typeof RacePrediction>;
