// The race card's query and answer in the OpenAPI document; the answer is checked against card.types.ts.
import { z } from '@hono/zod-openapi';
import type { RaceCardModel } from './card.types';

export const CardQuery = z.object({
  start: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A start time as HH:MM (24 h)')
    .optional()
    .openapi({ description: 'The start time (local HH:MM) race morning counts back from; 09:00 assumed without it', example: '08:30' }),
});

const Basis = z.string().openapi({ description: 'What the figure rests on: a source, the prediction or the plan' });
const Item = z.object({
  date: z.iso.date().nullable(),
  text: z.string(),
  kind: z.enum(['workout', 'kit', 'logistics', 'bib', 'course', 'fuel']),
});

export const RaceCard = z
  .object({
    access: z.enum(['full', 'preview']),
    preview: z.boolean().openapi({ description: 'True for a preview: the header, the first splits and the section headings' }),
    upgrade: z.object({ path: z.string(), tierName: z.string(), message: z.string() }).nullable(),
    header: z.object({
      raceId: z.uuid(),
      name: z.string(),
      sport: z.enum(['run', 'triathlon']),
      distanceM: z.number(),
      raceDate: z.iso.date(),
      startTime: z.string(),
      startTimeSource: z.enum(['given', 'assumed']),
      prediction: z.union([
        z.object({ state: z.literal('predicted'), lowS: z.number(), midS: z.number(), highS: z.number() }),
        z.object({ state: z.literal('none'), reason: z.string() }),
      ]),
    }),
    sections: z.array(z.string()),
    splits: z.union([
      z.object({
        state: z.literal('planned'),
        unit: z.enum(['km', 'mile']),
        targetS: z.number(),
        rows: z.array(z.object({ toM: z.number(), paceS: z.number(), clockS: z.number() })),
        basis: Basis,
      }),
      z.object({ state: z.literal('none'), reason: z.string() }),
    ]),
    fuel: z
      .union([
        z.object({ state: z.literal('planned'), rows: z.array(z.object({ atM: z.number(), clockS: z.number(), take: z.string() })) }),
        z.object({ state: z.literal('missing'), message: z.string() }),
      ])
      .nullable(),
    transitions: z
      .union([z.object({ applies: z.literal(false), reason: z.string() }), z.object({ applies: z.literal(true), items: z.array(Item) })])
      .nullable(),
    morning: z
      .array(z.object({ beforeStartMin: z.number(), clock: z.string(), dayBefore: z.boolean(), what: z.string(), basis: Basis }))
      .nullable(),
    taper: z
      .union([
        z.object({
          state: z.literal('plan'),
          planId: z.uuid(),
          weeks: z.array(
            z.object({
              week: z.number(),
              from: z.iso.date(),
              to: z.iso.date(),
              phase: z.string(),
              load: z.number(),
              timeS: z.number(),
              taper: z.boolean(),
            }),
          ),
          taperWeeks: z.number(),
          beforeLoad: z.number(),
          taperLoad: z.number(),
          dropFraction: z.number().nullable(),
          form: z.object({ tsb: z.number(), ctl: z.number() }).nullable(),
          basis: Basis,
        }),
        z.object({ state: z.literal('noPlan'), message: z.string() }),
      ])
      .nullable(),
    raceWeek: z.array(Item).nullable(),
    contingencies: z
      .array(
        z.object({
          situation: z.enum(['tooFastEarly', 'fallingBehind', 'heat', 'giTrouble', 'cramp', 'wall']),
          title: z.string(),
          rule: z.string(),
          basis: Basis,
        }),
      )
      .nullable(),
  })
  .openapi('RaceCard');

// The schema and the model stay one shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CARD_SCHEMA_MATCHES: Same<z.infer<typeof RaceCard>, RaceCardModel> = true;
