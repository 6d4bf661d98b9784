import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';

export const QueueQuery = z.object({
  scope: z.enum(['open', 'all']).default('open').openapi({ description: 'open: unanswered only (default); all: answered too' }),
});

export const QueueEntry = z
  .object({
    id: z.uuid(),
    kind: z.enum(['export', 'deletion', 'org_deletion', 'reimport']),
    status: z.string(),
    /** The person (or org) it is about; the label is masked without users.pii, null once the account is gone. */
    subject: z.object({
      userId: z.uuid().nullable(),
      label: z.string().nullable(),
      orgId: z.uuid().nullable(),
      orgName: z.string().nullable(),
    }),
    requestedBy: z.object({
      kind: z.enum(['self', 'operator']),
      operatorId: z.uuid().nullable(),
      label: z.string().nullable(),
    }),
    reason: z.string().nullable(),
    requestedAt: z.iso.datetime(),
    dueAt: z.iso
      .datetime()
      .nullable()
      .openapi({ description: 'The legal answer date: one month after the request; null for an archive re-import (not a data request)' }),
    runAfter: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    overdue: z.boolean(),
    /** Whole days until the due date (negative once overdue); null once answered. */
    daysLeft: z.number().int().nullable(),
    /** A failed archive re-import: why (masked without users.pii), and what follows. */
    failure: z.object({ reason: z.string(), action: z.string() }).nullable(),
  })
  .openapi('PrivacyQueueEntry');

export const QueuePage = z
  .object({
    counts: z.object({ open: z.number().int(), overdue: z.number().int() }),
    entries: z.array(QueueEntry),
  })
  .openapi('PrivacyQueue');

export const RetentionDryRun = z
  .object({
    dryRun: z.literal(true),
    at: z.iso.datetime(),
    rules: z.record(z.string(), z.object({ matched: z.number().int(), deleted: z.number().int(), more: z.boolean() })),
  })
  .openapi('RetentionDryRun');

export const OperatorDeletionInput = z
  .object({
    userId: z.uuid(),
    reason: FreeText({ min: 10, minMessage: 'Say why (at least 10 characters): it is kept in the audit log', max: 500, multiline: true }),
  })
  .openapi('OperatorDeletionInput');

export const StartedDeletionBody = z
  .object({
    requestId: z.uuid(),
    dueAt: z.iso.datetime(),
    runAfter: z.iso.datetime().openapi({ description: 'The deletion runs from here; it can be cancelled until then' }),
    created: z.boolean().openapi({ description: 'false: an open deletion of this account already existed' }),
  })
  .openapi('StartedDeletion');
