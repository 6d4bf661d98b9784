// The adaptive plan changes' API shapes (issue 58): a proposal as listed, the steps a coach may edit, the settings,
// the illness and injury notes and a moved race.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { WORKOUT_TYPES } from '../plans.types';
import { PlanIdParam } from '../plans.schema';

const Day = z.iso.date();
const Id = z.uuid();

export const AdaptStepInput = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('move'), workoutId: Id, date: Day }),
    z.object({ kind: z.literal('skip'), workoutId: Id }),
    z.object({ kind: z.literal('adjust'), workoutId: Id, percent: z.int().min(-50).max(10) }),
    z.object({ kind: z.literal('replace'), workoutId: Id, type: z.enum(WORKOUT_TYPES) }),
    z.object({ kind: z.literal('retarget'), workoutId: Id, percent: z.int().min(-5).max(5) }),
    z.object({ kind: z.literal('rebuild'), eventDate: Day }),
  ])
  .openapi('PlanAdaptationStep');

export const TriggerJson = z
  .object({ kind: z.enum(['missed', 'completed', 'unplanned', 'readiness', 'health', 'threshold', 'race_moved']) })
  .catchall(z.unknown())
  .openapi('PlanAdaptationTrigger');

export const Adaptation = z
  .object({
    id: Id,
    planId: Id,
    status: z.enum(['proposed', 'awaiting_coach', 'applied', 'dismissed', 'refused', 'undone']),
    trigger: TriggerJson,
    /** What it does, step by step, in words ("Tempo 40 min: Tue 3 Nov → Thu 5 Nov"). */
    changes: z.array(z.object({ step: AdaptStepInput, words: z.string() })),
    reason: z.string(),
    /** Workout or activity ids and days the proposal rests on. */
    receipts: z.array(z.string()),
    /** A move within the week or a target within ±5 %: applies on its own when the athlete opted in. */
    small: z.boolean(),
    /** Applied on its own (the opt-in), not by a confirmation. */
    auto: z.boolean(),
    /** The plan change it made (undo reverts it); null until applied, and for a rebuild. */
    changeId: Id.nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi('PlanAdaptation');

export const AdaptationList = z
  .object({ auto: z.boolean(), waitsForCoach: z.boolean(), items: z.array(Adaptation) })
  .openapi('PlanAdaptations');

export const AdaptationParams = PlanIdParam.extend({ adaptationId: Id.openapi({ param: { name: 'adaptationId', in: 'path' } }) });
export const AdaptSettings = z.object({ auto: z.boolean() }).openapi('PlanAdaptSettings');
export const RaceDateInput = z.object({ date: Day }).openapi('PlanRaceDate');

export const HealthNoteInput = z
  .object({
    kind: z.enum(['illness', 'injury']),
    from: Day,
    /** The last day of it; absent or null while it is still going. */
    to: Day.nullable().optional(),
    note: FreeText({ max: 300 }).nullable().optional(),
  })
  .refine((n) => !n.to || n.to >= n.from, { message: 'to must not be before from', path: ['to'] })
  .openapi('HealthNoteInput');
export const HealthNote = z
  .object({ id: Id, kind: z.enum(['illness', 'injury']), from: Day, to: Day.nullable(), note: z.string().nullable() })
  .openapi('HealthNote');
export const HealthNoteParams = PlanIdParam.extend({ noteId: Id.openapi({ param: { name: 'noteId', in: 'path' } }) });
export const HealthNoteEnd = z.object({ to: Day }).openapi('HealthNoteEnd');
export const HealthNoteAnswer = z.object({ note: HealthNote, proposals: z.array(Adaptation) }).openapi('HealthNoteAnswer');
