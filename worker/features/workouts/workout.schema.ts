// The structured workout's schema (ADR 055). It reads every step the plans stored before this tree existed
// (plans.types' StepNode: the generator's and the athlete's edits) unchanged, so old rows need no migration.
import { z } from 'zod';
import {
  LEG_SPORTS,
  STEP_KINDS,
  STROKES,
  WORKOUT_SPORTS,
  type Workout,
  type WorkoutNode,
  type WorkoutStep,
  type WorkoutTarget,
} from './workout.types';

/** Bounds that keep a workout a workout; a stored plan's longest single step (an Ironman) is well inside. */
export const WORKOUT_LIMITS = {
  stepSec: 24 * 3600,
  stepM: 400_000,
  repeatCount: 99,
  depth: 4,
  nodes: 200,
  note: 500,
  exerciseName: 100,
  /**
   * A workout sent as a whole, repeats counted (`oversized`, workout-size.ts): the bounds of a plan's flat
   * steps and workout fields (12 h, 400 km, load 1,000), and the steps a reader unrolling repeats may meet.
   * Not the schema's: a plan's own race day (an Ironman) is longer.
   */
  totalSec: 12 * 3600,
  totalM: 400_000,
  totalLoad: 1000,
  stepsDone: 2_000,
} as const;

const zoneLabel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const whole = (min: number, max: number) => z.number().int().min(min).max(max);
/** Fractions of threshold; stored plans hold 0.3–2 (the API's bound), a little room either side. */
const fraction = z.number().min(0.01).max(3);

const RangeMetric = z.enum(['pace', 'hr', 'power']);

const AbsoluteTarget = z.discriminatedUnion('unit', [
  z.object({ metric: z.literal('power'), unit: z.literal('W'), low: whole(1, 3000), high: whole(1, 3000) }),
  z.object({ metric: z.literal('hr'), unit: z.literal('bpm'), low: whole(30, 250), high: whole(30, 250) }),
  // Whole seconds per km (1:00–30:00) or per 100 m (0:20–10:00).
  z.object({ metric: z.literal('pace'), unit: z.literal('s/km'), low: whole(60, 1800), high: whole(60, 1800) }),
  z.object({ metric: z.literal('pace'), unit: z.literal('s/100m'), low: whole(20, 600), high: whole(20, 600) }),
]);
const rpe = z.number().min(0.3).max(10);
const RpeTarget = z.object({ metric: z.literal('rpe'), low: rpe, high: rpe, zone: zoneLabel.optional() });
const RelativeTarget = z.object({ metric: RangeMetric, low: fraction, high: fraction, zone: zoneLabel.optional() });
const ZoneTarget = z
  .object({ metric: RangeMetric, zone: whole(1, 7) as z.ZodType<1 | 2 | 3 | 4 | 5 | 6 | 7> })
  .refine((t) => t.metric === 'power' || t.zone <= 5, { message: 'Pace and heart-rate zones are Z1–Z5', path: ['zone'] });

/** Which target shape a value means: a unit is absolute, RPE is its own scale, a range without a unit is a fraction, else a zone. */
const targetShape = (v: unknown) => {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  return 'unit' in o ? AbsoluteTarget : o.metric === 'rpe' ? RpeTarget : 'low' in o || 'high' in o ? RelativeTarget : ZoneTarget;
};

// A union (so the OpenAPI document shows every shape) whose refusal is the meant shape's own, not "Invalid input".
export const WorkoutTargetSchema: z.ZodType<WorkoutTarget> = z.union([AbsoluteTarget, RpeTarget, RelativeTarget, ZoneTarget], {
  error: (issue) => {
    const r = targetShape(issue.input).safeParse(issue.input);
    const first = r.success ? undefined : r.error.issues[0];
    return first ? `${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}` : undefined;
  },
});

const Cadence = z
  .object({ low: whole(20, 250), high: whole(20, 250) })
  .refine((c) => c.low <= c.high, { message: 'low must not be above high', path: ['high'] });

export const ExerciseSchema = z.object({
  // Trimmed and on one line (a refusal, not a transform: what is read is what was stored).
  name: z
    .string()
    .min(1)
    .max(WORKOUT_LIMITS.exerciseName)
    .refine((n) => n === n.trim() && !/[\u0000-\u001f\u007f]/.test(n), 'A name is trimmed, on one line'),
  sets: whole(1, 50),
  reps: whole(1, 1000),
  loadKg: z.number().min(0.1).max(1000).optional(),
  restSec: whole(0, 3600).optional(),
});

const WorkoutStepObject = z
  .object({
    kind: z.enum(STEP_KINDS),
    durationSec: whole(1, WORKOUT_LIMITS.stepSec).nullable(),
    distanceM: z.number().min(1).max(WORKOUT_LIMITS.stepM).nullable(),
    target: WorkoutTargetSchema.nullable(),
    ramp: z.literal(true).optional(),
    cadence: Cadence.optional(),
    note: z.string().max(WORKOUT_LIMITS.note).optional(),
    sport: z.enum(LEG_SPORTS).optional(),
    stroke: z.enum(STROKES).optional(),
    exercises: z.array(ExerciseSchema).min(1).max(30).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.durationSec !== null && s.distanceM !== null)
      ctx.addIssue({ code: 'custom', message: 'A step is measured by time or by distance, not both', path: ['distanceM'] });
    const t = s.target;
    const ranged = t !== null && 'low' in t;
    if (s.ramp && !ranged) ctx.addIssue({ code: 'custom', message: 'A ramp needs a range to go from and to', path: ['ramp'] });
    if (!s.ramp && ranged && t.low > t.high)
      ctx.addIssue({ code: 'custom', message: 'low must not be above high', path: ['target', 'high'] });
  });

export const WorkoutStepSchema: z.ZodType<WorkoutStep> = WorkoutStepObject;

const WorkoutRepeatSchema = z.object({
  kind: z.literal('repeat'),
  count: whole(1, WORKOUT_LIMITS.repeatCount),
  get steps(): z.ZodArray<z.ZodType<WorkoutNode>> {
    return z.array(WorkoutNodeSchema).min(1);
  },
});

// Told apart by kind, so a refusal names the field inside the step or repeat (steps.0.durationSec).
export const WorkoutNodeSchema: z.ZodType<WorkoutNode> = z.discriminatedUnion('kind', [WorkoutRepeatSchema, WorkoutStepObject]);

/** Nesting and size, checked once over the whole tree (a step's rules cannot see its depth). */
function checkTree(nodes: WorkoutNode[], ctx: z.RefinementCtx): void {
  let count = 0;
  const walk = (list: WorkoutNode[], depth: number, path: (string | number)[]) =>
    list.forEach((n, i) => {
      count += 1;
      if (n.kind !== 'repeat') return;
      if (depth >= WORKOUT_LIMITS.depth)
        ctx.addIssue({ code: 'custom', message: `Repeats nest at most ${WORKOUT_LIMITS.depth} deep`, path: [...path, i] });
      else walk(n.steps, depth + 1, [...path, i, 'steps']);
    });
  walk(nodes, 0, []);
  if (count > WORKOUT_LIMITS.nodes) ctx.addIssue({ code: 'custom', message: `At most ${WORKOUT_LIMITS.nodes} steps and repeats` });
}

/** What a workout row's `steps` column holds: the old flat shapes and the new tree alike. */
export const WorkoutStepsSchema: z.ZodType<WorkoutNode[]> = z.array(WorkoutNodeSchema).superRefine(checkTree);

/** Every step with its path from the workout (for a refusal that names it). */
const stepsOf = (nodes: WorkoutNode[], path: (string | number)[]): [WorkoutStep, (string | number)[]][] =>
  nodes.flatMap((n, i) => (n.kind === 'repeat' ? stepsOf(n.steps, [...path, i, 'steps']) : [[n, [...path, i]]]));

export const WorkoutSchema: z.ZodType<Workout> = z
  .object({
    sport: z.enum(WORKOUT_SPORTS),
    poolLengthM: z.number().min(10).max(100).optional(),
    steps: WorkoutStepsSchema,
  })
  .superRefine((w, ctx) => {
    // What belongs to one sport is refused on another, so a file export never meets a stroke on a ride.
    if (w.poolLengthM !== undefined && w.sport !== 'swim')
      ctx.addIssue({ code: 'custom', message: 'A pool length is for swims', path: ['poolLengthM'] });
    for (const [s, at] of stepsOf(w.steps, ['steps'])) {
      const leg = s.sport ?? w.sport;
      const refuse = (field: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [...at, field] });
      if (s.stroke && leg !== 'swim') refuse('stroke', 'A stroke is for swim steps');
      if (s.exercises && w.sport !== 'strength') refuse('exercises', 'Exercises are for strength workouts');
      if (s.sport && w.sport !== 'brick') refuse('sport', "A step's own sport is for bricks");
    }
  });
