// The athlete's note and RPE on one activity: the PATCH body and the answers (zod, in the OpenAPI document).
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';

export const NOTE_MAX = 4000;

export const ActivityNotesPatch = z
  .object({
    note: FreeText({ max: NOTE_MAX, multiline: true })
      .nullable()
      .optional()
      .openapi({ description: 'Your own words about the session; empty or null clears it' }),
    rpe: z
      .number()
      .int()
      .min(1, 'RPE is 1 (very easy) to 10 (maximal)')
      .max(10, 'RPE is 1 (very easy) to 10 (maximal)')
      .nullable()
      .optional()
      .openapi({ description: 'Rating of perceived exertion, 1 (very easy) to 10 (maximal); null clears it' }),
  })
  .strict()
  .openapi('ActivityNotesPatch');
export type ActivityNotesPatch = z.infer<typeof ActivityNotesPatch>;

export const ActivityNotes = z
  .object({
    activityId: z.uuid(),
    note: z.string().nullable(),
    rpe: z.number().int().nullable(),
    updatedAt: z.string().nullable().openapi({ description: 'When the note or RPE last changed; null when never written' }),
    shownToOthers: z.boolean().openapi({
      description: 'Whether a coach you share your training with may read them (the data-use policy of the activity’s source)',
    }),
  })
  .openapi('ActivityNotes');
export type ActivityNotes = z.infer<typeof ActivityNotes>;

export const SharedActivityNote = ActivityNotes.extend({
  name: z.string(),
  sport: z.string(),
  date: z.string().openapi({ description: 'The activity’s local date (YYYY-MM-DD)' }),
}).openapi('SharedActivityNote');

export const SharedActivityNotes = z
  .object({ notes: z.array(SharedActivityNote).openapi({ description: 'Newest activity first' }) })
  .openapi('SharedActivityNotes');
