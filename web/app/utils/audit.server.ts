import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { compactPayload } from '../../../worker/features/audit';
import { AuditPageQuery } from '../../../worker/features/audit/audit-viewer.schema';
import { actorOf, holds } from '../../../worker/http/guards';
import { isAppError } from './forms.server';

const FILTER_KEYS = ['actorId', 'targetType', 'targetId', 'action', 'from', 'to'] as const;

/** The audit page's data: the GET form's filters (echoed back as typed), one page, and what the viewer may do. */
export async function auditPageData(context: AppLoadContext, viewer: Viewer, url: URL) {
  const raw = Object.fromEntries(FILTER_KEYS.map((k) => [k, url.searchParams.get(k) ?? '']));
  const parsed = AuditPageQuery.safeParse({ ...raw, before: url.searchParams.get('before') ?? '', limit: '50' });
  const permissionsOf = context.services.auth.permissionsOf;
  const pii = await holds(viewer, permissionsOf, 'users.pii');
  const canPurge = await holds(viewer, permissionsOf, 'audit.retention');
  if (!parsed.success)
    return { filters: raw, error: 'Check the filters: ids are UUIDs, dates are YYYY-MM-DD.', entries: [], next: null, pii, canPurge };
  const q = parsed.data;
  const page = await context.services.auditViewer.page(
    { actorId: q.actorId, targetType: q.targetType, targetId: q.targetId, actionPrefix: q.action, from: q.from, to: q.to },
    { before: q.before, limit: q.limit, pii },
  );
  const next = page.nextCursor ? new URLSearchParams({ ...raw, before: String(page.nextCursor) }).toString() : null;
  return {
    filters: raw,
    error: null,
    pii,
    canPurge,
    next,
    entries: page.entries.map((e) => ({
      id: e.id,
      at: e.createdAt.toISOString().slice(0, 19).replace('T', ' '),
      actorId: e.actorId,
      actorRole: e.actorRole,
      actorLabel: e.actorName ? `${e.actorName} <${e.actorEmail ?? ''}>` : null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      payload: compactPayload(e.payload),
    })),
  };
}

export type RetentionResult =
  | { ok: true; dryRun: boolean; retentionDays: number; cutoff: string; matched: number; deleted: number }
  | { ok: false; message: string };

/** The retention form: a dry run, or a real run once the operator typed the confirmation word. */
export async function runRetention(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<RetentionResult> {
  const retentionDays = Number(values.retentionDays);
  const dryRun = values.intent !== 'purge';
  if (!dryRun && values.confirm !== 'DELETE') return { ok: false, message: 'Type DELETE to confirm the purge.' };
  try {
    const r = await context.services.auditViewer.retention(actorOf(viewer), { retentionDays, dryRun, confirm: !dryRun });
    return { ok: true, dryRun, retentionDays, cutoff: r.cutoff.toISOString().slice(0, 10), matched: r.matched, deleted: r.deleted };
  } catch (err) {
    if (isAppError(err)) return { ok: false, message: err.message };
    throw err;
  }
}
