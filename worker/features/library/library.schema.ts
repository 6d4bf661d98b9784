// The library's API shapes (zod, in the OpenAPI document): a library workout is a planned workout's fields
// without its day (workout control's own schema, steps included), plus a folder and tags to find it by.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { EditInput, SPORTS, WorkoutFieldsInput } from '../plans';

const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u, 'Letters, digits, spaces, _ and -; at most 40');
const Folder = FreeText({ max: 80, min: 1 });

const organised = { folder: Folder.nullable().optional(), tags: z.array(Tag).max(20).optional() };
/** A structured workout (ADR 055) instead of `steps`: the step tree or its text, as workout control's add takes it. */
const structured = { workout: EditInput.shape.workout, text: EditInput.shape.text };

export const LibraryWorkoutInput = WorkoutFieldsInput.extend({
  // Follows from a structured workout; required otherwise (the service says so).
  durationSec: WorkoutFieldsInput.shape.durationSec.optional(),
  description: WorkoutFieldsInput.shape.description.optional(),
  distanceM: WorkoutFieldsInput.shape.distanceM.optional(),
  targetLoad: WorkoutFieldsInput.shape.targetLoad.optional(),
  intensity: WorkoutFieldsInput.shape.intensity.optional(),
  steps: WorkoutFieldsInput.shape.steps.optional(),
  ...structured,
  ...organised,
}).openapi('LibraryWorkoutInput');
export type LibraryWorkoutInput = z.infer<typeof LibraryWorkoutInput>;

export const LibraryWorkoutPatch = WorkoutFieldsInput.partial()
  .extend({ ...structured, ...organised })
  .openapi('LibraryWorkoutPatch');
export type LibraryWorkoutPatch = z.infer<typeof LibraryWorkoutPatch>;

export const LibraryWorkout = WorkoutFieldsInput.extend({
  /** The flat timed steps, or a structured workout's step tree (ADR 055: WorkoutNode[]). */
  steps: z.array(z.looseObject({ kind: z.string() })),
  id: z.uuid(),
  folder: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi('LibraryWorkout');

export const LibraryQuery = z.object({
  q: FreeText({ max: 100 }).optional().openapi({ description: 'Words of the title (case-insensitive)' }),
  tag: Tag.optional(),
  sport: z.enum(SPORTS).optional(),
  folder: Folder.optional(),
});
export type LibraryQuery = z.infer<typeof LibraryQuery>;

export const LibraryIdParam = z.object({ workoutId: z.uuid().openapi({ param: { name: 'workoutId', in: 'path' } }) });

export const ScheduleInput = z.object({ date: z.iso.date(), reason: FreeText({ max: 300 }).optional() }).openapi('ScheduleLibraryWorkout');

export const SaveFromPlannedInput = z.object({ planId: z.uuid(), workoutId: z.uuid(), ...organised }).openapi('SaveToLibrary');

/** A template's block: each item a library workout on a weekday (0 = Monday) of a 1-based week. */
export const TemplateInput = z
  .object({
    name: FreeText({ max: 120, min: 1 }),
    weeks: z.number().int().min(1).max(52),
    items: z
      .array(z.object({ week: z.number().int().min(1).max(52), weekday: z.number().int().min(0).max(6), libraryWorkoutId: z.uuid() }))
      .min(1)
      .max(400),
  })
  .refine((t) => t.items.every((i) => i.week <= t.weeks), { message: 'An item’s week is past the template’s weeks', path: ['items'] })
  .openapi('PlanTemplateInput');
export type TemplateInput = z.infer<typeof TemplateInput>;

export const TemplateItem = z.object({ week: z.number(), weekday: z.number(), libraryWorkoutId: z.uuid(), title: z.string() });
export const PlanTemplate = z
  .object({ id: z.uuid(), name: z.string(), weeks: z.number(), items: z.array(TemplateItem), createdAt: z.string() })
  .openapi('PlanTemplate');

export const APPLY_MAX_CLIENTS = 50;
export const ApplyInput = z
  .object({
    clients: z
      .array(
        z.object({
          clientId: z.uuid(),
          /** The Monday the template's week 1 starts on, for this client. */
          startDate: z.iso.date(),
        }),
      )
      .min(1)
      .max(APPLY_MAX_CLIENTS),
  })
  .openapi('ApplyTemplate');

export const ApplyResult = z
  .object({
    results: z.array(
      z.object({
        clientId: z.uuid(),
        startDate: z.string(),
        status: z.enum(['applied', 'already_applied', 'failed']),
        workouts: z.number().int().optional(),
        changeId: z.uuid().nullable().optional(),
        error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional() }).optional(),
      }),
    ),
  })
  .openapi('ApplyTemplateResult');
