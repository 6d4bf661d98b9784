// What the posts routes accept. Free text through FreeText (trimmed, bounded, no control characters); what they
// answer is the serializer's (serializer.schema.ts).
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { SPORTS } from '../../activities';
import { VISIBILITIES } from './serializer.schema';

const Title = FreeText({ min: 1, max: 200 });
const Text = FreeText({ max: 2000, multiline: true });
const Rpe = z.int().min(1).max(10);

const FieldHides = {
  hideMap: z.boolean().optional(),
  hideHeartRate: z.boolean().optional(),
  hidePacePower: z.boolean().optional(),
  hideNotes: z.boolean().optional(),
};

/** Sharing an activity: its numbers come from the activity; the words and the post's settings from here. */
export const ActivityPostBody = z.strictObject({
  activityId: z.uuid(),
  title: Title.optional().openapi({ description: "Default: the activity's name" }),
  description: Text.optional(),
  rpe: Rpe.optional(),
  visibility: z.enum(VISIBILITIES).optional().openapi({ description: 'Default: your settings’ default post visibility' }),
  ...FieldHides,
});

/** A free entry: a session with no recording (title ≤ 200, text ≤ 2,000). */
export const EntryPostBody = z.strictObject({
  title: Title,
  text: Text.optional(),
  sport: z.enum(SPORTS),
  durationS: z
    .int()
    .min(0)
    .max(7 * 86_400)
    .optional(),
  distanceM: z.number().min(0).max(2_000_000).optional(),
  rpe: Rpe.optional(),
  date: z.iso.date().openapi({ description: 'The day it was trained' }),
  visibility: z.enum(VISIBILITIES).optional(),
  ...FieldHides,
});

export const CreatePostBody = z.union([ActivityPostBody, EntryPostBody]).openapi('CreateSocialPost');
export type CreatePostBody = z.infer<typeof CreatePostBody>;

export const UpdatePostBody = z
  .strictObject({
    title: Title.optional(),
    text: Text.nullable().optional(),
    rpe: Rpe.nullable().optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    ...FieldHides,
  })
  .openapi('UpdateSocialPost');
export type UpdatePostBody = z.infer<typeof UpdatePostBody>;

export const CommentBody = z.strictObject({ body: FreeText({ min: 1, max: 1000, multiline: true }) }).openapi('CreateSocialComment');

export const FeedQuery = z.object({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'The nextCursor of the previous page' }),
});

export const ActivityIdParam = z.object({ activityId: z.uuid().openapi({ param: { name: 'activityId', in: 'path' } }) });
