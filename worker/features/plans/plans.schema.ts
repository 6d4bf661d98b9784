// The plans API's inputs and answers (zod, in the OpenAPI document).
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { GOAL_KINDS, SLOTS } from './plans.types';

const Day = z.iso.date();
export const CHANGE_ROLES = ['athlete', 'coach', 'ai', 'system'] as const;

/** A workout's intensity (plans.types' Target): read on every planned workout, written by workout control. */
export const TargetInput = z
  .object({
    metric: z.enum(['pace', 'hr', 'power', 'rpe']),
    zone: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    // Fractions of threshold (0.3–2) or, for RPE, the 1–10 scale: one range holds both.
    low: z.number().min(0.3).max(10),
    high: z.number().min(0.3).max(10),
  })
  .refine((t) => t.low <= t.high, { message: 'low must not be above high', path: ['high'] })
  .refine((t) => t.metric === 'rpe' || t.high <= 2, { message: 'A fraction of threshold is at most 2', path: ['high'] })
  .openapi('Target');

export const PlanRequestInput = z
  .object({
    goal: z.object({
      kind: z.enum(GOAL_KINDS),
      eventDate: Day.nullable(),
      eventName: FreeText({ max: 120 }).nullable(),
    }),
    startDate: Day.optional(),
    availableDays: z
      .array(z.number().int().min(0).max(6))
      .min(2)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'Each day once'),
    longDay: z.number().int().min(0).max(6),
    hoursPerWeek: z.number().min(2).max(25),
    includeStrength: z.boolean().default(false),
  })
  .openapi('PlanRequest');

export const PlanIdParam = z.object({ planId: z.uuid().openapi({ param: { name: 'planId', in: 'path' } }) });
export const WorkoutParams = PlanIdParam.extend({ workoutId: z.uuid().openapi({ param: { name: 'workoutId', in: 'path' } }) });
export const ChangeParams = PlanIdParam.extend({ changeId: z.uuid().openapi({ param: { name: 'changeId', in: 'path' } }) });
export const CalendarQuery = z
  .object({ from: Day, to: Day })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { message: 'At most 62 days at a time', path: ['to'] });
/** Morning, evening, or (null) any time: optional on a move, add or edit (left out, a move keeps the workout's). */
export const SlotInput = z.enum(SLOTS).nullable().optional();
export const MoveInput = z.object({ date: Day, slot: SlotInput, reason: FreeText({ max: 300 }).optional() }).openapi('MoveWorkout');
export const ReasonInput = z.object({ reason: FreeText({ max: 300 }).optional() }).openapi('ChangeReason');

const Json = z.record(z.string(), z.unknown());
export const Plan = z
  .object({
    id: z.uuid(),
    goal: z.object({ kind: z.string(), eventDate: z.string().nullable(), eventName: z.string().nullable() }),
    status: z.enum(['active', 'paused', 'completed', 'cancelled']),
    startDate: z.string(),
    endDate: z.string(),
    weeks: z.array(Json),
    rules: z.array(z.string()),
    raceDayTsb: z.number().nullable(),
    /** Where "current fitness" came from: 'intake' when the athlete's answers stood in for thin history. */
    fitnessSource: z.enum(['history', 'intake']),
    /** GET /active only: "Rebuild plan?" when real history now differs from what the plan was made from. */
    rebuild: z
      .object({ suggested: z.boolean(), reasons: z.array(z.string()) })
      .nullable()
      .optional(),
  })
  .openapi('Plan');

export const PlannedWorkout = z
  .object({
    id: z.uuid(),
    date: z.string(),
    /** The day's morning or evening session when a day holds two (ADR 104); null: any time. A day lists AM, PM, then the rest. */
    slot: z.enum(SLOTS).nullable(),
    sport: z.string(),
    type: z.string(),
    title: z.string(),
    description: z.string(),
    durationSec: z.number().int(),
    distanceM: z.number().nullable(),
    targetLoad: z.number(),
    intensity: TargetInput.nullable(),
    steps: z.array(Json),
    phase: z.string(),
    week: z.number().int(),
    why: z.string(),
    skipped: z.boolean(),
    /** The athlete's say over matching: 'manual' (linked by hand), 'unlinked' (never matched), null (automatic). */
    linkMode: z.enum(['manual', 'unlinked']).nullable(),
    revision: z.number().int(),
    status: z.enum(['pending', 'completed', 'missed', 'skipped']),
    compliance: z.object({ band: z.enum(['green', 'yellow', 'red']).nullable(), ratio: z.number().nullable(), by: z.string() }),
    activityId: z.uuid().nullable(),
    /** The athlete's own "done" (ADR 080): when, and their note and RPE; null when not marked. */
    doneAt: z.string().nullable(),
    doneNote: z.string().nullable(),
    doneRpe: z.number().int().nullable(),
  })
  .openapi('PlannedWorkout');

/**
 * A done workout's one judgement, the activity page's and the drawer's (issue 55): `steps` when its steps were
 * placed on the recording, else `ratio` (the compliance's band: time, distance or load done against planned).
 */
export const WorkoutVerdict = z.object({
  band: z.enum(['green', 'yellow', 'red']).nullable(),
  by: z.enum(['steps', 'ratio']),
  /** By its steps, when the work steps that missed mostly fell one side of their ranges: below (not held) or above. */
  side: z.enum(['below', 'above']).optional(),
});

/** A planned workout with its one verdict, for a list that shows it (the coach's list of a client's plan). */
export const JudgedWorkout = PlannedWorkout.extend({ verdict: WorkoutVerdict }).openapi('JudgedWorkout');

export const Preview = z
  .object({ plan: z.record(z.string(), z.unknown()), fitnessSource: z.enum(['history', 'intake']) })
  .openapi('PlanPreview');

/** One field of a workout as a change left it: from what to what (steps and intensity as short text). */
const fieldChange = <const F extends [string, ...string[]], V extends z.ZodType>(fields: F, value: V) =>
  z.object({ field: z.enum(fields), from: value, to: value });
export const FieldChange = z
  .union([
    fieldChange(['date'], Day),
    fieldChange(['durationSec', 'week'], z.number().int()),
    fieldChange(['distanceM', 'targetLoad'], z.number().nullable()),
    fieldChange(['sport', 'type', 'title', 'phase'], z.string()),
    /** Steps as "15 min Z2 · 4 × (8 min Z4 / 2 min Z1)", intensity as "Z4" or "RPE 6–7", a description cut at 160 characters. */
    fieldChange(['description', 'steps', 'intensity'], z.string().nullable()),
    fieldChange(['skipped'], z.boolean()),
    fieldChange(['slot'], z.enum(SLOTS).nullable()),
    fieldChange(['linkMode'], z.enum(['manual', 'unlinked']).nullable()),
    fieldChange(['linkedActivityId'], z.uuid().nullable()),
  ])
  .openapi('PlanChangeField');

/** A workout a change touched: what it is (after the change; before it, when removed) and what changed. */
export const ChangedWorkout = z
  .object({
    id: z.uuid(),
    /** added: nothing before (an add, or an undone add brought back); removed: nothing after (an add undone). */
    kind: z.enum(['added', 'removed', 'changed']),
    title: z.string(),
    sport: z.string(),
    type: z.string(),
    date: Day,
    durationSec: z.number().int(),
    /** The fields that differ, in a fixed order (empty when added or removed). */
    fields: z.array(FieldChange),
  })
  .openapi('PlanChangeWorkout');

const FromTo = <V extends z.ZodType>(value: V) => z.object({ from: value, to: value });
/** The whole of a change that reshapes many workouts at once: a week's adjustment, a rebuild. */
export const ChangeSummary = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('week'),
      week: z.number().int(),
      workouts: z.number().int(),
      durationSec: FromTo(z.number().int()),
      targetLoad: FromTo(z.number()),
    }),
    z.object({
      kind: z.literal('rebuild'),
      /** The plan this one replaced (cancelled and kept). */
      previousPlanId: z.uuid(),
      weeks: FromTo(z.number().int()),
      /** The heaviest week's planned hours. */
      peakWeekHours: FromTo(z.number()),
      startDate: FromTo(Day),
    }),
  ])
  .openapi('PlanChangeSummary');

/** Hard days side by side (or two hard sessions on one day), or a week past its ramp: a warning, never a refusal. */
export const EditWarning = z
  .object({
    code: z.enum(['stacked_hard_days', 'load_jump']),
    message: z.string(),
    /** What the rules would do: the nearest day of that week that stacks nothing, or the load the ramp allows. */
    instead: z.string(),
    /** stacked_hard_days: that day (null when none of the week would do). */
    date: Day.nullable(),
    /** load_jump: the week's load the ramp allows. */
    load: z.number().nullable(),
  })
  .openapi('PlanEditWarning');

export const Change = z
  .object({
    id: z.uuid(),
    action: z.string(),
    source: z.string(),
    reason: z.string().nullable(),
    undone: z.boolean(),
    workoutIds: z.array(z.string()),
    createdAt: z.string(),
    /** Who made it, so the athlete sees their coach's changes by name. Null once that account is gone. */
    actor: z.object({ id: z.uuid(), name: z.string(), role: z.enum(CHANGE_ROLES) }).nullable(),
    /** Each workout it touched, before → after. */
    workouts: z.array(ChangedWorkout),
    summary: ChangeSummary.nullable(),
    /**
     * A hand edit's answer only (move, add, edit, swap): what it is warned about (empty: nothing). The change is made
     * all the same; each warning says what the plan's rules would do instead (ADR 104).
     */
    warnings: z.array(EditWarning).optional(),
  })
  .openapi('PlanChange');
export type ChangeDetails = Pick<z.infer<typeof Change>, 'workouts' | 'summary'>;
