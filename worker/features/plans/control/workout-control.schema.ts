// Workout control's inputs (zod, in the OpenAPI document): the workout fields an athlete writes — the
// same shapes as plans.types' Target and StepNode, bounded so a structured workout stays a workout.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { STEP_KINDS, WORKOUT_LIMITS } from '../../workouts';
import { SlotInput, TargetInput } from '../plans.schema';
import { PLAN_STATUSES, SPORTS, type StepNode, type Target, WORKOUT_TYPES } from '../plans.types';

const Day = z.iso.date();
const Reason = FreeText({ max: 300 }).optional();
/**
 * Twelve hours: longer than any single session a plan holds (an Ironman's cut-off is 17 h, but not as one planned
 * step). One source with a structured workout's whole (WORKOUT_LIMITS), so a tree and flat steps are bounded alike.
 */
const MAX_SECONDS = WORKOUT_LIMITS.totalSec;
const MAX_METRES = WORKOUT_LIMITS.totalM;

const StepInput = z
  .object({
    kind: z.enum(['warmup', 'work', 'recovery', 'cooldown', 'steady']),
    durationSec: z.number().int().min(1).max(MAX_SECONDS).nullable(),
    distanceM: z.number().min(1).max(MAX_METRES).nullable(),
    target: TargetInput.nullable(),
    note: FreeText({ max: 200 }).optional(),
    /** In a brick, the leg's sport (its load follows it). */
    sport: z.enum(['run', 'bike', 'swim']).optional(),
  })
  // The workout's time and load are its steps' sum, and a distance has no time without a pace.
  .refine((s) => s.durationSec !== null && s.distanceM === null, {
    message: 'A planned step is measured by its duration (distanceM null)',
    path: ['durationSec'],
  });

const RepeatInput = z.object({
  kind: z.literal('repeat'),
  count: z.number().int().min(1).max(50),
  steps: z.array(StepInput).min(1).max(10),
});

export const StepsInput = z
  // Told apart by kind, so a refusal names the field inside the step (steps.0.durationSec), not just the step.
  .array(z.discriminatedUnion('kind', [RepeatInput, StepInput]))
  .max(40)
  .refine(
    (nodes) =>
      nodes.reduce(
        (sum, n) => sum + ('count' in n ? n.count * n.steps.reduce((s, x) => s + (x.durationSec ?? 0), 0) : (n.durationSec ?? 0)),
        0,
      ) <= MAX_SECONDS,
    { message: 'The steps add up to more than 12 hours' },
  )
  .openapi('Steps');

// The inputs are the domain's shapes (a compile-time check, nothing at run time).
const _shapes: [(s: z.infer<typeof StepsInput>) => StepNode[], (t: z.infer<typeof TargetInput>) => Target] = [(s) => s, (t) => t];
void _shapes;

const fields = {
  sport: z.enum(SPORTS),
  type: z.enum(WORKOUT_TYPES),
  title: FreeText({ max: 200, min: 1 }),
  description: FreeText({ max: 2000, multiline: true }),
  durationSec: z.number().int().min(0).max(MAX_SECONDS),
  distanceM: z.number().min(0).max(MAX_METRES).nullable(),
  targetLoad: z.number().min(0).max(WORKOUT_LIMITS.totalLoad),
  intensity: TargetInput.nullable(),
  steps: StepsInput,
};

/** A workout's fields without its day: what a library workout holds (worker/features/library). */
export const WorkoutFieldsInput = z.object(fields);
/**
 * A structured workout (ADR 055) instead of `steps`: the step tree (distances, lap steps, zones, absolute
 * targets, nested repeats) or its compact text form; time, distance, load and intensity follow from it
 * with the athlete's thresholds. `steps` keeps the timed flat steps it always took.
 */
const structured = {
  // The tree is recursive, which the OpenAPI document cannot hold inline: described here, checked whole by
  // the workouts feature's WorkoutSchema (WorkoutStepsSchema and the sport's rules) in the service.
  workout: z
    .object({
      steps: z
        .array(z.looseObject({ kind: z.enum([...STEP_KINDS, 'repeat']) }))
        .min(1)
        .max(WORKOUT_LIMITS.nodes)
        .openapi({ description: 'The step tree (ADR 055: WorkoutNode[]), validated by WorkoutStepsSchema.' }),
      poolLengthM: z.number().min(10).max(100).optional(),
    })
    .openapi('WorkoutTree'),
  // Not trimmed: the errors' columns are the text's as written.
  text: FreeText({ min: 1, max: WORKOUT_LIMITS.nodes * 120, multiline: true, trim: false }),
};

/** Edit: only the fields sent change. */
export const EditInput = z
  .object({
    ...z.object(fields).partial().shape,
    workout: structured.workout.optional(),
    text: structured.text.optional(),
    slot: SlotInput,
    reason: Reason,
  })
  .openapi('EditWorkout');
export const EDIT_FIELDS = Object.keys(fields) as (keyof typeof fields)[];

export const AddInput = z
  .object({
    ...fields,
    date: Day,
    // Required unless a structured workout is sent (its time follows from it): the service says so.
    durationSec: fields.durationSec.optional(),
    description: fields.description.optional(),
    distanceM: fields.distanceM.optional(),
    targetLoad: fields.targetLoad.optional(),
    intensity: fields.intensity.optional(),
    steps: fields.steps.optional(),
    workout: structured.workout.optional(),
    text: structured.text.optional(),
    /** A second session on a day that already has one: morning or evening (the same slot twice: 400). */
    slot: SlotInput,
    reason: Reason,
  })
  .openapi('AddWorkout');

export const SwapInput = z
  .object({ from: Day, to: Day, reason: Reason })
  .refine((s) => s.from !== s.to, { message: 'Pick two different days', path: ['to'] })
  .openapi('SwapDays');

/**
 * A week's remaining load, scaled by a whole percentage. Up: at most +10 %, the weekly volume growth
 * rule (../shared/docs/domain-reference.md: weekly volume ≤ +10 %) — the plan's weeks already sit on
 * it, so one adjusted week never jumps more than one more step. Down: to half (−50 %), below a recovery
 * week's ~70 % and a taper's last ~50 % of peak; less than that is skipping sessions, not adjusting
 * load.
 */
export const ADJUST_BOUNDS = { min: -50, max: 10 } as const;
export const AdjustInput = z
  .object({
    percent: z
      .number()
      .int()
      .min(ADJUST_BOUNDS.min)
      .max(ADJUST_BOUNDS.max)
      .refine((p) => p !== 0, 'A change of 0 % changes nothing'),
    reason: Reason,
  })
  .openapi('AdjustWeek');
export const WeekParams = z.object({
  planId: z.uuid().openapi({ param: { name: 'planId', in: 'path' } }),
  week: z.coerce
    .number()
    .int()
    .min(1)
    .max(104)
    .openapi({ param: { name: 'week', in: 'path' }, type: 'integer' }),
});

/** An activity id links it by hand; null gives the workout back to automatic matching. */
export const LinkInput = z.object({ activityId: z.uuid().nullable(), reason: Reason }).openapi('LinkActivity');

export const StatusInput = z
  .object({ status: z.enum(PLAN_STATUSES.filter((s) => s !== 'completed') as ['active', 'paused', 'cancelled']), reason: Reason })
  .openapi('PlanStatusChange');

export const WorkoutTypes = z
  .object({
    types: z.array(z.object({ type: z.enum(WORKOUT_TYPES), label: z.string(), sports: z.array(z.enum(SPORTS)), hard: z.boolean() })),
  })
  .openapi('WorkoutTypes');

/** The day a structured workout is planned on: its totals follow from the thresholds in effect then. */
export const ThresholdsQuery = z.object({ date: Day });
/** The thresholds a structured workout's totals use (null: none in effect), so the builder previews what a save stores. */
export const WorkoutThresholds = z
  .object({
    date: Day,
    ftpW: z.number().nullable(),
    thresholdPaceSecPerKm: z.number().nullable(),
    cssSecPer100m: z.number().nullable(),
    lthrBpm: z.number().nullable(),
  })
  .openapi('WorkoutThresholds');

/** "Mark done" (ADR 080): an optional note and RPE (1 very easy … 10 maximal). */
export const DoneInput = z
  .object({
    note: FreeText({ max: 500 }).nullable().optional(),
    rpe: z.number().int().min(1).max(10).nullable().optional(),
  })
  .openapi('WorkoutDoneInput');
export const DoneAnswer = z
  .object({
    id: z.uuid(),
    done: z.boolean(),
    doneAt: z.string().nullable(),
    doneNote: z.string().nullable(),
    doneRpe: z.number().int().nullable(),
  })
  .openapi('WorkoutDone');
