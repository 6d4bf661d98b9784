// A conversation on training (ADR 056): the bodies the routes take and the thread they answer with (zod, in
// the OpenAPI document, shared with the pages' forms).
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';

export const COMMENT_MAX = 2000;
/** How long after posting the author may still change a comment's words. */
export const EDIT_WINDOW_MINUTES = 15;

const Body = FreeText({ min: 1, max: COMMENT_MAX, multiline: true, minMessage: 'Write something first' }).openapi({
  description: `Plain text, up to ${COMMENT_MAX} characters; line breaks kept, never read as HTML`,
});

export const CommentInput = z.object({ body: Body }).strict().openapi('CommentInput');
export type CommentInput = z.infer<typeof CommentInput>;

/** The athlete writes to one of the coaching orgs they share their training with. */
export const AthleteCommentInput = z
  .object({ orgId: z.uuid().openapi({ description: 'The coaching org the thread is with' }), body: Body })
  .strict()
  .openapi('AthleteCommentInput');
export type AthleteCommentInput = z.infer<typeof AthleteCommentInput>;

export const AthleteReadInput = z.object({ orgId: z.uuid() }).strict().openapi('AthleteReadInput');

export const Comment = z
  .object({
    id: z.uuid(),
    author: z.object({ id: z.uuid(), name: z.string(), role: z.enum(['athlete', 'coach']) }),
    body: z.string().nullable().openapi({ description: 'Null once deleted (shown as "comment deleted")' }),
    deleted: z.boolean(),
    mine: z.boolean(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    /** Until when the viewer may still edit it; null when they may not (someone else's, deleted, or too late). */
    editableUntil: z.string().nullable(),
  })
  .openapi('TrainingComment');
export type Comment = z.infer<typeof Comment>;

export const Thread = z
  .object({
    orgId: z.uuid(),
    orgName: z.string(),
    unread: z.number().int().openapi({ description: 'Comments the viewer has not read, written by the other side' }),
    canPost: z.boolean(),
    comments: z.array(Comment).openapi({ description: 'Oldest first' }),
  })
  .openapi('CommentThread');
export type Thread = z.infer<typeof Thread>;

export const Subject = z.object({
  kind: z.enum(['activity', 'workout']),
  id: z.uuid(),
  title: z.string(),
  date: z.string(),
});

/** The athlete's view: one thread per coaching org they share with, or why there is none. */
export const AthleteThreads = z
  .object({
    subject: Subject,
    /** Why the coach cannot see this subject (the source's data-use policy), or null. */
    notShared: z.string().nullable(),
    threads: z.array(Thread),
  })
  .openapi('AthleteCommentThreads');
export type AthleteThreads = z.infer<typeof AthleteThreads>;

/** The coach's view: their org's thread with the client. */
export const CoachThread = z.object({ subject: Subject, thread: Thread }).openapi('CoachCommentThread');
export type CoachThread = z.infer<typeof CoachThread>;

export const CommentAnswer = z.object({ comment: Comment }).openapi('TrainingCommentAnswer');
export const ReadAnswer = z.object({ unread: z.number().int() }).openapi('CommentsRead');
