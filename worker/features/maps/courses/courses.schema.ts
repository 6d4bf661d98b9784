// The courses API's inputs and answers (zod, in the OpenAPI document), shared with the pages.
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { COURSE_SPORTS } from './courses.calc';

/** At most this many courses per athlete: Garmin syncs up to 50 at once to a device (ADR 101), we keep twice that. */
export const MAX_COURSES = 100;
export const NAME_MAX = 100;

export const CourseSport = z.enum(COURSE_SPORTS).openapi({ description: 'One per Garmin course type (RUNNING, TRAIL_RUNNING, …)' });
const Name = FreeText({ min: 1, max: NAME_MAX, minMessage: 'Give the course a name' }).openapi({ description: 'The course’s name' });

export const GarminSend = z
  .object({
    status: z.enum(['not_sent', 'sent', 'failed']),
    sentAt: z.string().nullable(),
    garminCourseId: z.string().nullable(),
    error: z.string().nullable().openapi({ description: 'Garmin’s refusal or why the send failed, in words' }),
    /** Null: it can be sent; otherwise why not, before trying. */
    blocked: z
      .string()
      .nullable()
      .openapi({ description: 'Why this course cannot be sent now (no Garmin connection, the data’s terms, its length)' }),
  })
  .openapi('CourseGarminSend');

export const CourseListItem = z.object({
  id: z.uuid(),
  name: z.string(),
  sport: CourseSport,
  source: z.enum(['gpx', 'activity']),
  lengthM: z.number(),
  gainM: z.number(),
  lossM: z.number(),
  hasElevation: z.boolean(),
  garminStatus: z.enum(['not_sent', 'sent', 'failed']),
  createdAt: z.string(),
});
export type CourseListItem = z.infer<typeof CourseListItem>;

export const CourseList = z
  .object({ courses: z.array(CourseListItem), limit: z.number().int().openapi({ description: 'Courses an athlete may keep' }) })
  .openapi('CourseList');
export type CourseList = z.infer<typeof CourseList>;

export const Course = CourseListItem.extend({
  activity: z
    .object({ id: z.uuid().nullable(), fromS: z.number().int().nullable(), toS: z.number().int().nullable() })
    .nullable()
    .openapi({ description: 'The activity it was made from (id null once that activity is gone) and the stretch, seconds' }),
  pointCount: z.number().int(),
  profile: z
    .array(z.object({ distanceM: z.number(), elevationM: z.number() }))
    .openapi({ description: 'At most 200 points of the elevation profile, for a chart' }),
  route: z
    .object({ lat: z.array(z.number()), lon: z.array(z.number()) })
    .openapi({ description: 'At most 500 points of the route, degrees, to draw it' }),
  garmin: GarminSend,
}).openapi('Course');
export type Course = z.infer<typeof Course>;

export const CreateGpxQuery = z.object({ sport: CourseSport.optional(), name: Name.optional() }).strict();
export type CreateGpxQuery = z.infer<typeof CreateGpxQuery>;

const Second = z
  .number()
  .int()
  .min(0)
  .max(7 * 86_400);
export const CreateFromActivity = z
  .object({
    activityId: z.uuid(),
    fromS: Second.optional().openapi({ description: 'The stretch’s start, seconds from the activity’s start (absent: its start)' }),
    toS: Second.optional().openapi({ description: 'The stretch’s end (absent: its end)' }),
    name: Name.optional(),
    sport: CourseSport.optional(),
  })
  .strict()
  .refine((b) => b.fromS === undefined || b.toS === undefined || b.toS > b.fromS, { path: ['toS'], message: 'toS must be after fromS' });
export type CreateFromActivity = z.infer<typeof CreateFromActivity>;

export const UpdateCourse = z
  .object({ name: Name.optional(), sport: CourseSport.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.sport !== undefined, { message: 'give a name or a sport' });
export type UpdateCourse = z.infer<typeof UpdateCourse>;

export const RaceParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  raceId: z.uuid().openapi({ param: { name: 'raceId', in: 'path' } }),
});
