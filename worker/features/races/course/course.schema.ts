// The course and pacing API's answers and the pacing query (zod, in the OpenAPI document), shared with the page.
import { z } from '@hono/zod-openapi';
import { MAX_NEGATIVE_SPLIT } from '../pacing.calc';

export const CourseSummary = z
  .object({
    name: z.string().nullable().openapi({ description: 'The GPX’s name (metadata, track or route), if it had one' }),
    uploadedAt: z.string(),
    lengthM: z.number().openapi({ description: 'The course’s own length, metres' }),
    gainM: z.number().openapi({ description: 'Climb over the course smoothed over ±50 m, as the pacing reads it' }),
    lossM: z.number(),
    hasElevation: z.boolean().openapi({ description: 'false: the file had no elevation, so the course is paced flat' }),
    pointCount: z.number().int().openapi({ description: 'Points kept, about every 10 m' }),
    profile: z
      .array(z.object({ distanceM: z.number(), elevationM: z.number() }))
      .openapi({ description: 'At most 200 points of the elevation profile, for a chart' }),
    track: z.string().openapi({
      description: 'The course as a Google encoded polyline (precision 5), at most 1,000 points evenly thinned, for a map',
    }),
  })
  .openapi('RaceCourse');
export type CourseSummary = z.infer<typeof CourseSummary>;

export const RaceCourseAnswer = z.object({ raceId: z.uuid(), course: CourseSummary.nullable() }).openapi('RaceCourseAnswer');
export type RaceCourseAnswer = z.infer<typeof RaceCourseAnswer>;

const Num = (d: string) => z.coerce.number().openapi({ description: d });
export const PacingQuery = z
  .object({
    unit: z.enum(['km', 'mi']).default('km').openapi({ description: 'Splits per kilometre or per mile' }),
    target: z
      .enum(['low', 'mid', 'high'])
      .default('mid')
      .openapi({ description: 'Which end of the predicted range to pace for, when no `targetS` is given' }),
    targetS: Num('A target finish time of your own, seconds (overrides the prediction)').pipe(z.number().positive()).optional(),
    negativeSplit: Num(`The second half this much faster at equal effort, a fraction 0–${MAX_NEGATIVE_SPLIT} (default 0.01)`)
      .pipe(z.number().min(0).max(MAX_NEGATIVE_SPLIT))
      .optional(),
  })
  .strict();
export type PacingQuery = z.infer<typeof PacingQuery>;

const Split = z.object({
  index: z.number().int(),
  fromM: z.number(),
  toM: z.number(),
  distanceM: z.number(),
  timeS: z.number(),
  paceS: z.number(),
  clockS: z.number(),
  grade: z.number(),
  gainM: z.number(),
  lossM: z.number(),
});
const Check = z.object({
  state: z.enum(['unchecked', 'ok', 'warning']),
  reason: z.string().optional(),
  rule: z.enum(['marathonCollapse', 'criticalSpeedModel']).optional(),
  firstHalfMps: z.number().optional(),
  limitMps: z.number().optional(),
  fractionOfCs: z.number().optional(),
  csMps: z.number().optional(),
  dPrimeM: z.number().optional(),
  csDate: z.string().optional(),
  message: z.string().optional(),
});

export const RacePacing = z
  .object({
    raceId: z.uuid(),
    target: z
      .object({
        targetS: z.number(),
        source: z.enum(['prediction', 'athlete']),
        which: z.enum(['low', 'mid', 'high']).nullable(),
        why: z.string(),
      })
      .nullable()
      .openapi({ description: 'The finish time paced for and where it came from; null when a target is needed' }),
    needsTarget: z.string().nullable().openapi({ description: 'Why no plan was made: no prediction and no `targetS`' }),
    course: CourseSummary.nullable(),
    flat: z.boolean().openapi({ description: 'Paced as flat: no course, or a course without elevation' }),
    plan: z
      .object({
        unit: z.enum(['km', 'mile']),
        distanceM: z.number(),
        targetS: z.number(),
        negativeSplit: z.number(),
        evenPaceS: z.number(),
        splits: z.array(Split),
        firstHalfS: z.number(),
        secondHalfS: z.number(),
        effortPaceS: z.object({ start: z.number(), finish: z.number() }),
        gainM: z.number(),
        lossM: z.number(),
        courseLengthM: z.number().nullable(),
        check: Check,
        notes: z.array(z.string()),
      })
      .nullable(),
    notes: z.array(z.string()).openapi({ description: 'What the plan assumed (flat, the target used), in plain words' }),
  })
  .openapi('RacePacing');
export type RacePacing = z.infer<typeof RacePacing>;
