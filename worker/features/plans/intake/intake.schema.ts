// The onboarding answers over the API (zod, in the OpenAPI document). Every question is optional: a
// null or missing answer means "not said". Volumes arrive in the unit the athlete typed and are kept in SI.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { GOAL_KINDS } from '../plans.types';

const Day = z.iso.date();
const Weekday = z.number().int().min(0).max(6);

export const IntakeInput = z
  .object({
    goal: z
      .object({
        kind: z.enum(GOAL_KINDS),
        eventName: FreeText({ max: 120 }).nullable().default(null),
        eventDate: Day.nullable().default(null),
      })
      .nullable()
      .default(null),
    availableDays: z
      .array(Weekday)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'Each day once')
      .nullable()
      .default(null),
    longDay: Weekday.nullable().default(null),
    hoursPerWeek: z.number().min(1).max(30).nullable().default(null),
    injuries: FreeText({ max: 500, multiline: true }).nullable().default(null),
    returningFromBreak: z.boolean().nullable().default(null),
    returnDate: Day.nullable().default(null),
    runsPerWeek: z.number().int().min(0).max(14).nullable().default(null),
    weeklyVolume: z
      .discriminatedUnion('unit', [
        z.object({ unit: z.literal('h'), value: z.number().min(0).max(40) }),
        z.object({ unit: z.literal('km'), value: z.number().min(0).max(300) }),
        z.object({ unit: z.literal('mi'), value: z.number().min(0).max(190) }),
      ])
      .nullable()
      .default(null),
    longestRun: z
      .discriminatedUnion('unit', [
        z.object({ unit: z.literal('min'), value: z.number().min(0).max(600) }),
        z.object({ unit: z.literal('km'), value: z.number().min(0).max(200) }),
        z.object({ unit: z.literal('mi'), value: z.number().min(0).max(125) }),
      ])
      .nullable()
      .default(null),
  })
  .refine((v) => v.longDay === null || v.availableDays === null || v.availableDays.includes(v.longDay), {
    message: 'The long-session day must be one of your available days',
    path: ['longDay'],
  })
  .refine((v) => v.returnDate === null || v.returningFromBreak === true, {
    message: 'A return date goes with returning from a break',
    path: ['returnDate'],
  })
  .openapi('IntakeInput');
export type IntakeInput = z.output<typeof IntakeInput>;

const Goal = z.object({ kind: z.enum(GOAL_KINDS), eventName: z.string().nullable(), eventDate: z.string().nullable() });

export const IntakeAnswersSchema = z
  .object({
    goal: Goal.nullable(),
    availableDays: z.array(z.number().int()).nullable(),
    longDay: z.number().int().nullable(),
    hoursPerWeek: z.number().nullable(),
    injuries: z.string().nullable(),
    returningFromBreak: z.boolean().nullable(),
    returnDate: z.string().nullable(),
    runsPerWeek: z.number().int().nullable(),
    weeklyDurationS: z.number().nullable(),
    weeklyDistanceM: z.number().nullable(),
    longestRunS: z.number().nullable(),
    longestRunM: z.number().nullable(),
    answeredAt: z.string(),
  })
  .openapi('IntakeAnswers');

export const Intake = z
  .object({
    answers: IntakeAnswersSchema.nullable(),
    /** What the plan wizard starts from: the answered goal, days and hours (only what was answered). */
    suggestedRequest: z
      .object({
        goal: Goal.optional(),
        availableDays: z.array(z.number().int()).optional(),
        longDay: z.number().int().optional(),
        hoursPerWeek: z.number().optional(),
      })
      .nullable(),
    /** History is thin (ADR 016): the baseline questions (runs a week, volume, longest run) are worth asking. */
    thinHistory: z.boolean(),
  })
  .openapi('Intake');
