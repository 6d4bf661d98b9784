import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { OPERATOR_DELETION_ACT, RETENTION_JOB, RETENTION_RULES, operatorInitiator } from '../../../worker/features/privacy';
import { actorOf, holds } from '../../../worker/http/guards';
import { isAppError } from './forms.server';

/** The public retention page: the very table the daily job enforces, in the reader's words. */
export function retentionPage() {
  return {
    rules: RETENTION_RULES.map((r) => ({
      id: r.id,
      what: r.what,
      keep: r.keep,
      why: r.why,
      after: r.after,
      enforcedBy: r.job === RETENTION_JOB ? 'Checked every night by our retention job.' : null,
    })),
  };
}

/** The console's data-request queue, masked without users.pii, and whether the viewer may start a deletion. */
export async function privacyQueueData(context: AppLoadContext, viewer: Viewer, url: URL) {
  const permissionsOf = context.services.auth.permissionsOf;
  const pii = await holds(viewer, permissionsOf, 'users.pii');
  const scope = url.searchParams.get('scope') === 'all' ? 'all' : 'open';
  const [queue, runs] = await Promise.all([
    context.services.privacyRequests.queue({ scope, pii }),
    context.services.privacyRequests.retentionRuns(3),
  ]);
  return {
    scope,
    pii,
    canDelete: viewer.user.role === 'owner' && !viewer.impersonatorId,
    canDryRun: await holds(viewer, permissionsOf, 'audit.retention'),
    ...queue,
    runs: runs.map((r) => {
      const rules = (r.payload.rules ?? {}) as Record<string, { matched: number; deleted: number; more: boolean }>;
      const list = Object.values(rules);
      return {
        at: r.at.toISOString().slice(0, 16).replace('T', ' '),
        dryRun: r.payload.dryRun === true,
        matched: list.reduce((n, x) => n + x.matched, 0),
        deleted: list.reduce((n, x) => n + x.deleted, 0),
        more: list.some((x) => x.more),
      };
    }),
  };
}

/** The console's "dry run now": what each rule would remove tonight, in the table's words; audited like the cron's runs. */
export async function retentionDryRun(context: AppLoadContext, viewer: Viewer) {
  const run = await context.services.privacyRetention.run({ dryRun: true, actor: actorOf(viewer) });
  const rules = run.rules as Record<string, { matched: number }>;
  return {
    intent: 'dry-run' as const,
    at: run.at.toISOString().slice(0, 16).replace('T', ' '),
    rules: RETENTION_RULES.filter((r) => r.id in rules).map((r) => ({ id: r.id, what: r.what, matched: rules[r.id]?.matched ?? 0 })),
  };
}

export type DeletionOutcome =
  | { ok: true; requestId: string; created: boolean; runAfter: string; dueAt: string }
  | { ok: false; message: string; fields?: Record<string, string> };

/** The owner's "delete this account" form: the same rules as the API (initiator, reason, audit). */
export async function startOperatorDeletion(
  context: AppLoadContext,
  viewer: Viewer,
  values: Record<string, string>,
): Promise<DeletionOutcome> {
  const userId = (values.userId ?? '').trim();
  const reason = (values.reason ?? '').trim();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId))
    return { ok: false, message: 'Check the form.', fields: { userId: 'Paste the account id (a UUID) from the athlete page.' } };
  if (reason.length < 10 || reason.length > 500)
    return { ok: false, message: 'Check the form.', fields: { reason: 'Say why, in 10 to 500 characters: it is kept in the audit log.' } };
  try {
    const by = operatorInitiator(viewer, OPERATOR_DELETION_ACT);
    const s = await context.services.privacyRequests.requestDeletionAsOperator(by, { userId, reason });
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return { ok: true, requestId: s.requestId, created: s.created, runAfter: day(s.runAfter), dueAt: day(s.dueAt) };
  } catch (err) {
    if (isAppError(err)) return { ok: false, message: err.message };
    throw err;
  }
}
