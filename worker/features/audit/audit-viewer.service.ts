import type { Db } from '../../db/client';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Actor, AuditService } from './audit.service';
import { createAuditViewerRepo, type AuditFilter, type AuditRow } from './audit-viewer.repo';

export const MIN_RETENTION_DAYS = 365;
export const CSV_MAX_ROWS = 10_000;

export interface AuditPage {
  entries: AuditRow[];
  /** Pass as `before` for the next (older) page; null on the last one. */
  nextCursor: number | null;
}

/** The payload as compact `key=value` pairs (nested values as JSON), for tables and CSV. */
export function compactPayload(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/** Names and emails of actors are personal data: without users.pii only ids leave this service. */
const masked = (row: AuditRow, pii: boolean): AuditRow => (pii ? row : { ...row, actorName: null, actorEmail: null });

/** The audit log for operators: filtered pages, a CSV, and retention through the database's purge only. */
export function createAuditViewerService(deps: { db: Db; audit: AuditService }) {
  const repo = createAuditViewerRepo(deps.db);
  return {
    async page(filter: AuditFilter, opts: { before?: number; limit?: number; pii: boolean }): Promise<AuditPage> {
      const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
      const rows = await repo.list(filter, { before: opts.before, limit: limit + 1 });
      const entries = rows.slice(0, limit).map((r) => masked(r, opts.pii));
      return { entries, nextCursor: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
    },

    /** Up to CSV_MAX_ROWS newest matching rows, as CSV header + rows. */
    async csv(filter: AuditFilter, pii: boolean): Promise<{ header: string[]; rows: unknown[][] }> {
      const rows = (await repo.list(filter, { limit: CSV_MAX_ROWS })).map((r) => masked(r, pii));
      const header = ['id', 'created_at', 'actor_id', 'actor_role', ...(pii ? ['actor_name', 'actor_email'] : []), 'action'];
      header.push('target_type', 'target_id', 'payload', 'request_id');
      return {
        header,
        rows: rows.map((r) => [
          r.id,
          r.createdAt,
          r.actorId,
          r.actorRole,
          ...(pii ? [r.actorName, r.actorEmail] : []),
          r.action,
          r.targetType,
          r.targetId,
          compactPayload(r.payload),
          r.requestId,
        ]),
      };
    },

    /**
     * Deletes audit rows older than `retentionDays` (≥ 365) through audit_log_purge, or only counts them
     * (dry run). A real run needs `confirm`. Every run, dry or real, is itself audited.
     */
    async retention(actor: Actor | null, input: { retentionDays: number; dryRun: boolean; confirm?: boolean }) {
      if (!Number.isInteger(input.retentionDays) || input.retentionDays < MIN_RETENTION_DAYS)
        throw new AppError(ErrorCode.VALIDATION, `Audit history is kept at least ${MIN_RETENTION_DAYS} days.`);
      if (!input.dryRun && input.confirm !== true)
        throw new AppError(ErrorCode.VALIDATION, 'A real purge needs an explicit confirmation; run a dry run first.');
      const result = await repo.purge(input.retentionDays, input.dryRun);
      await deps.audit.record({
        actor,
        action: 'audit.retention_run',
        target: { type: 'audit_log', id: null },
        payload: {
          retentionDays: input.retentionDays,
          cutoff: result.cutoff.toISOString(),
          matched: result.matched,
          deleted: result.deleted,
          dryRun: input.dryRun,
        },
      });
      return { ...result, dryRun: input.dryRun, retentionDays: input.retentionDays };
    },
  };
}

export type AuditViewerService = ReturnType<typeof createAuditViewerService>;
export type { AuditFilter, AuditRow };
