import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'A date (YYYY-MM-DD) or an ISO time')
  .transform((s) => new Date(s))
  .refine((d) => !Number.isNaN(d.getTime()), 'Not a valid date');

// Empty strings come from the page's GET form: they mean "no filter".
const blankToUndef = (v: unknown) => (v === '' ? undefined : v);

export const AuditFilterQuery = z.object({
  actorId: z.preprocess(blankToUndef, z.string().uuid().optional()),
  targetType: z.preprocess(blankToUndef, FreeText({ max: 64 }).optional()),
  targetId: z.preprocess(blankToUndef, FreeText({ max: 200 }).optional()),
  action: z.preprocess(blankToUndef, FreeText({ max: 100 }).optional()).openapi({ description: 'Action prefix, e.g. "operator."' }),
  from: z
    .preprocess(blankToUndef, isoDate.optional())
    .openapi({ type: 'string', format: 'date', description: 'Inclusive start (UTC): YYYY-MM-DD or an ISO time' }),
  to: z
    .preprocess(blankToUndef, isoDate.optional())
    .openapi({ type: 'string', format: 'date', description: 'Exclusive end (UTC): YYYY-MM-DD or an ISO time' }),
});

export const AuditPageQuery = AuditFilterQuery.extend({
  before: z
    .preprocess(blankToUndef, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional())
    .openapi({ description: 'Cursor: nextCursor of the previous page' }),
  limit: z.preprocess(blankToUndef, z.coerce.number().int().min(1).max(200).default(50)),
});

export const AuditEntry = z
  .object({
    id: z.number().int(),
    createdAt: z.string(),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    actorName: z.string().nullable().openapi({ description: 'Only with users.pii' }),
    actorEmail: z.string().nullable().openapi({ description: 'Only with users.pii' }),
    targetType: z.string(),
    targetId: z.string().nullable(),
    action: z.string(),
    payload: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.number().int().nullable() }).openapi('AuditPage');

export const RetentionInput = z
  .object({
    retentionDays: z.number().int().min(365).max(36_500),
    dryRun: z.boolean().default(true),
    confirm: z.boolean().optional().openapi({ description: 'Required (true) for a real run' }),
  })
  .openapi('AuditRetentionInput');

export const RetentionResult = z
  .object({
    cutoff: z.string(),
    matched: z.number().int(),
    deleted: z.number().int(),
    dryRun: z.boolean(),
    retentionDays: z.number().int(),
  })
  .openapi('AuditRetentionResult');
