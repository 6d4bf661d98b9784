import { z } from '@hono/zod-openapi';
import { MODERATION_ACTION_KINDS, MODERATION_REASONS, MODERATION_TARGET_KINDS } from '../../../db/schema/social-moderation';
import { FreeText } from '../../../lib/text.schema';

// Moderation's inputs and answers, shared by the API and the pages (issue 42, ADR 083).
export { MODERATION_ACTION_KINDS, MODERATION_REASONS, MODERATION_TARGET_KINDS };
export const TargetKind = z.enum(MODERATION_TARGET_KINDS);
export type TargetKind = z.infer<typeof TargetKind>;
export const ReportReason = z.enum(MODERATION_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;
export const ActionKind = z.enum(MODERATION_ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKind>;
/** The kinds an author is told of and may appeal; `lift` is told but there is nothing to appeal. */
export const APPEALABLE: readonly ActionKind[] = ['hide', 'warn', 'suspend'];
/** The longest suspension a moderator may set at once. */
export const MAX_SUSPEND_DAYS = 365;

const iso = z.string().openapi({ format: 'date-time' });

export const ReportInput = z
  .object({
    targetKind: TargetKind,
    targetId: z.uuid(),
    reason: ReportReason,
    note: FreeText({ max: 500, maxMessage: 'Keep the note under 500 characters', multiline: true }).optional(),
  })
  .strict()
  .openapi('ModerationReportInput');
export type ReportInput = z.infer<typeof ReportInput>;

export const ReportReceipt = z
  .object({
    id: z.uuid(),
    targetKind: TargetKind,
    targetId: z.uuid(),
    reason: ReportReason,
    status: z.enum(['open', 'actioned', 'dismissed']),
    createdAt: iso,
    /** true: this target was reported by you before; the first report stands. */
    already: z.boolean(),
  })
  .openapi('ModerationReportReceipt');

const reason = FreeText({
  min: 1,
  minMessage: 'Give a reason',
  max: 500,
  maxMessage: 'Keep the reason under 500 characters',
  multiline: true,
});

export const Appeal = z.object({
  text: z.string(),
  at: iso,
  decision: z.enum(['upheld', 'overturned']).nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: iso.nullable(),
});

/** A moderation action as its author reads it: what, on what, why, until when, and their appeal. */
export const Notice = z
  .object({
    id: z.uuid(),
    kind: ActionKind,
    targetKind: TargetKind,
    targetId: z.uuid(),
    reason: z.string(),
    suspendUntil: iso.nullable(),
    createdAt: iso,
    appeal: Appeal.nullable(),
    /** Whether an appeal may still be made (once per action, on hide, warn and suspend). */
    appealable: z.boolean(),
  })
  .openapi('ModerationNotice');
export type Notice = z.infer<typeof Notice>;
export const Notices = z.object({ notices: z.array(Notice) }).openapi('ModerationNotices');

export const AppealInput = z
  .object({
    text: FreeText({ min: 1, minMessage: 'Say why', max: 1000, maxMessage: 'Keep the appeal under 1,000 characters', multiline: true }),
  })
  .strict()
  .openapi('ModerationAppealInput');

export const ActionInput = z
  .object({
    kind: ActionKind,
    targetKind: TargetKind,
    targetId: z.uuid(),
    reason,
    /** A suspension's end (required for suspend, refused otherwise): in the future, at most a year ahead. */
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .openapi('ModerationActionInput');
export type ActionInput = z.infer<typeof ActionInput>;

export const DecideInput = z
  .object({ decision: z.enum(['upheld', 'overturned']), reason })
  .strict()
  .openapi('ModerationDecideInput');
export type DecideInput = z.infer<typeof DecideInput>;

export const ActionOut = Notice.extend({ targetUserId: z.uuid(), reportsClosed: z.int() }).openapi('ModerationAction');

/** What the moderator needs of a target: its words, who wrote it, whether it is hidden, the author's suspension. */
export const TargetContent = z.object({
  exists: z.boolean(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  postId: z.uuid().nullable(),
  visibility: z.string().nullable(),
  hiddenAt: iso.nullable(),
  hiddenReason: z.string().nullable(),
});

export const QueueGroup = z.object({
  targetKind: TargetKind,
  targetId: z.uuid(),
  targetUser: z.object({ id: z.uuid(), displayName: z.string().nullable(), suspendedUntil: iso.nullable() }),
  content: TargetContent,
  open: z.int(),
  total: z.int(),
  firstReportedAt: iso,
  reports: z.array(z.object({ id: z.uuid(), reason: ReportReason, note: z.string().nullable(), status: z.string(), createdAt: iso })),
});
export type QueueGroup = z.infer<typeof QueueGroup>;
export const Queue = z.object({ groups: z.array(QueueGroup) }).openapi('ModerationQueue');

export const AppealEntry = ActionOut.omit({ reportsClosed: true })
  .extend({ targetUser: z.object({ id: z.uuid(), displayName: z.string().nullable() }) })
  .openapi('ModerationAppeal');
export const Appeals = z.object({ appeals: z.array(AppealEntry) }).openapi('ModerationAppeals');

export const ActionIdParam = z.object({ actionId: z.uuid().openapi({ param: { name: 'actionId', in: 'path' } }) });
