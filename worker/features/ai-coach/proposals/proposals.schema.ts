// The proposal action catalog and the proposal API, in zod: what the model may send
// to forecast_plan_change / propose_plan_change, and what the proposal routes answer.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { STEP_ADJUST, WORKOUT_TYPES } from '../../plans';
import type { ProposalAction } from '../coach.types';

/** At most this many actions in one proposal; the card stays readable and the apply small. */
export const MAX_ACTIONS = 6;
/** Proposals reach this many days ahead from the athlete's today (today included). */
export const HORIZON_DAYS = 28;

const Id = z.uuid();
const Day = z.iso.date();

export const ProposalActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('swap_days'), workoutId: Id, otherWorkoutId: Id }).describe('Swap the days of two planned workouts'),
  z.object({ kind: z.literal('move'), workoutId: Id, date: Day }).describe('Move a planned workout to another day (YYYY-MM-DD)'),
  z
    .object({ kind: z.literal('adjust_load'), workoutId: Id, percent: z.number().int().min(STEP_ADJUST.min).max(STEP_ADJUST.max) })
    .refine((a) => a.percent !== 0, { message: 'A change of 0 % changes nothing', path: ['percent'] })
    .describe(`Scale one workout's duration, distance and load by ${STEP_ADJUST.min} … +${STEP_ADJUST.max} %`),
  z
    .object({ kind: z.literal('replace_workout'), workoutId: Id, type: z.enum(WORKOUT_TYPES) })
    .describe("Replace a workout with the template of another type of the catalog (fitting the workout's sport)"),
  z.object({ kind: z.literal('skip'), workoutId: Id }).describe('Skip a planned workout (restorable)'),
  z.object({ kind: z.literal('restore'), workoutId: Id }).describe('Restore a skipped workout'),
]) as unknown as z.ZodType<ProposalAction>;

export const ActionsSchema = z.array(ProposalActionSchema).min(1).max(MAX_ACTIONS);

export const ForecastInput = z.object({ actions: ActionsSchema });
export type ForecastInput = z.infer<typeof ForecastInput>;

export const ProposeInput = z.object({
  actions: ActionsSchema,
  reason: FreeText({ min: 1, max: 500, multiline: true }),
  riskNotes: z
    .array(FreeText({ min: 1, max: 200 }))
    .max(4)
    .optional(),
});
export type ProposeInput = z.infer<typeof ProposeInput>;

// ——— The API ———

export const ProposalIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
export const AdminProposalParams = ProposalIdParam.extend({
  athleteId: z.uuid().openapi({ param: { name: 'athleteId', in: 'path' } }),
});
export const RejectInput = z.object({ reason: FreeText({ max: 300 }).optional() }).openapi('RejectProposal');

const Brief = z
  .object({
    id: z.string(),
    date: z.string(),
    sport: z.string(),
    type: z.string(),
    title: z.string(),
    durationMin: z.number(),
    targetLoad: z.number(),
    skipped: z.boolean(),
  })
  .openapi('WorkoutBrief');

const ActionView = z
  .object({
    kind: z.enum(['swap_days', 'move', 'adjust_load', 'replace_workout', 'skip', 'restore']),
    workoutId: z.string(),
    otherWorkoutId: z.string().optional(),
    date: z.string().optional(),
    percent: z.number().optional(),
    type: z.string().optional(),
  })
  .openapi('ProposalAction');

export const Proposal = z
  .object({
    id: z.string(),
    status: z.enum(['proposed', 'confirmed', 'applied', 'failed', 'rejected']),
    planId: z.string(),
    reason: z.string(),
    riskNotes: z.array(z.string()),
    actions: z.array(ActionView),
    diff: z.array(z.object({ workoutId: z.string(), before: Brief.nullable(), after: Brief.nullable() })),
    forecast: z.object({
      weeks: z.array(z.object({ weekStart: z.string(), loadBefore: z.number(), loadAfter: z.number() })),
      formBefore: z.number().nullable(),
      formAfter: z.number().nullable(),
    }),
    error: z.string().nullable(),
    planChangeId: z.string().nullable(),
    createdAt: z.string(),
    confirmedAt: z.string().nullable(),
    appliedAt: z.string().nullable(),
    rejectedAt: z.string().nullable(),
  })
  .openapi('CoachProposal');

export const ProposalResponse = z.object({ proposal: Proposal }).openapi('CoachProposalResponse');
