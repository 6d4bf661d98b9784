// Account and org deletion (ADR 042). A request waits out a grace period (the athlete may cancel), then a job
// erases everything the data map says is theirs, step by step, each step recorded in the request's progress so a
// crash resumes where it stopped. Providers are told first (the token dies at the source), Stripe keeps only an
// anonymised customer with its invoices, the audit log keeps its history under a keyed pseudonym, and a receipt
// of counts is emailed before the address goes and kept under the pseudonym.
import { refuseWhileImpersonating } from '../../../http/guards';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Actor } from '../../audit';
import { legalDueDate } from '../requests/deletion-starter';
import type { DeletionContext, DeletionDeps } from './deletion.deps';
import { runDeletion } from './deletion.job';
import { createDeletionRepo, type RequestRow } from './deletion.repo';
import { type DeleteOrgInput, type DeletionStatus, GRACE_DAYS, type RequestDeletionInput } from './deletion.schema';

export type { DeletionDeps } from './deletion.deps';

const DAY_MS = 86_400_000;
/** A due or running deletion with no lease and no change for this long lost its message (a killed worker). */
const QUIET_MS = 2 * 60_000;

async function refuseIfSoleOwner(c: DeletionContext, userId: string) {
  const orgs = await c.repo.soleOwnedOrgs(userId);
  if (orgs.length)
    throw new AppError(
      ErrorCode.CONFLICT,
      `You are the only owner of ${orgs.map((o) => `“${o.name}”`).join(', ')}. Delete the organisation first (Coach settings), or make another coach an owner.`,
    );
}

/** Starts a deletion: the athlete's own (after their password) or an operator's (with a reason). Idempotent: an open one is returned. */
async function requestDeletion(
  c: DeletionContext,
  input: {
    userId: string;
    requestedBy?: string | null;
    reason?: string | null;
  },
): Promise<RequestRow & { created: boolean }> {
  if (input.requestedBy && !input.reason?.trim()) throw new AppError(ErrorCode.VALIDATION, 'Say why the account is being deleted.');
  const user = await c.repo.user(input.userId);
  if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'Account not found.');
  const open = await c.repo.findOpen(input.userId);
  if (open) return { ...open, created: false };
  await refuseIfSoleOwner(c, input.userId);
  const at = c.now();
  const inserted = await c.repo.insert({
    kind: 'deletion',
    userId: input.userId,
    requestedBy: input.requestedBy ?? null,
    reason: input.reason?.trim() || null,
    requestedAt: at,
    runAfter: new Date(at.getTime() + GRACE_DAYS * DAY_MS),
    dueAt: legalDueDate(at),
  });
  // Two requests at once: the partial unique index lets one insert; the other returns it.
  if (!inserted) {
    const winner = await c.repo.findOpen(input.userId);
    if (!winner) throw new Error('deletion request vanished');
    return { ...winner, created: false };
  }
  const row = inserted;
  // Signed out everywhere: the next login is the person's, and it lands on the page that offers to cancel.
  await c.repo.revokeSessions(input.userId);
  await c.repo.revokeApiKeys(input.userId, at);
  await c.deps.revokeAssistants(input.userId);
  await c.deps.audit.record({
    actor: input.requestedBy ? { id: input.requestedBy, role: 'operator' } : { id: input.userId, role: user.role },
    action: 'account.deletion_requested',
    target: { type: 'user', id: input.userId },
    payload: { requestId: row.id, runAfter: row.runAfter.toISOString(), byOperator: !!input.requestedBy },
  });
  await sendScheduledEmail(c, user.email, row).catch((err) =>
    c.deps.logger.warn('deletion notice email failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
  );
  return { ...row, created: true };
}

function sendScheduledEmail(c: DeletionContext, to: string, row: RequestRow) {
  const when = row.runAfter.toUTCString();
  return c.deps.email.send({
    to,
    tag: 'account-deletion-scheduled',
    subject: 'Your Cadence account will be deleted',
    text: [
      `Your Cadence account is scheduled for deletion on ${when}.`,
      'Until then, log in to cancel: everything stays as it is.',
      'After that date, your account and everything in it are erased, and we email you a receipt.',
    ].join('\n'),
    idempotencyKey: `deletion-scheduled:${row.id}`,
  });
}

async function cancelDeletion(c: DeletionContext, input: { userId: string; actor: Actor }): Promise<void> {
  const row = await c.repo.cancel(input.userId, c.now());
  if (!row) {
    const open = await c.repo.findOpen(input.userId);
    if (open?.status === 'running') throw new AppError(ErrorCode.CONFLICT, 'The deletion has started and can no longer be cancelled.');
    throw new AppError(ErrorCode.NOT_FOUND, 'No deletion is scheduled for this account.');
  }
  await c.deps.audit.record({
    actor: input.actor,
    action: 'account.deletion_cancelled',
    target: { type: 'user', id: input.userId },
    payload: { requestId: row.id },
  });
  // Told like the scheduling was: a cancel by someone else (an operator) must not go unnoticed either.
  const user = await c.repo.user(input.userId);
  if (user)
    await sendCancelledEmail(c, user.email, row.id).catch((err) =>
      c.deps.logger.warn('deletion cancelled email failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
    );
}

function sendCancelledEmail(c: DeletionContext, to: string, requestId: string) {
  return c.deps.email.send({
    to,
    tag: 'account-deletion-cancelled',
    subject: 'Your Cadence account will not be deleted',
    text: [
      'The deletion of your Cadence account was cancelled.',
      'Your account and everything in it stay as they are; nothing was erased.',
      'If you did not cancel it, sign in and ask for the deletion again from Settings → Delete account.',
    ].join('\n'),
    idempotencyKey: `deletion-cancelled:${requestId}`,
  });
}

async function status(c: DeletionContext, userId: string): Promise<DeletionStatus> {
  const [open, blockingOrgs] = await Promise.all([c.repo.findOpen(userId), c.repo.soleOwnedOrgs(userId)]);
  return {
    state: !open ? 'none' : open.status === 'running' ? 'running' : 'scheduled',
    requestId: open?.id ?? null,
    requestedAt: open?.requestedAt.toISOString() ?? null,
    runsAt: open?.runAfter.toISOString() ?? null,
    graceDays: GRACE_DAYS,
    blockingOrgs,
  };
}

export function createDeletionService(deps: DeletionDeps) {
  const repo = createDeletionRepo(deps.db);
  const c: DeletionContext = { deps, repo, now: () => deps.clock.now() };
  const now = c.now;

  return {
    requestDeletion: (input: Parameters<typeof requestDeletion>[1]) => requestDeletion(c, input),
    cancelDeletion: (input: Parameters<typeof cancelDeletion>[1]) => cancelDeletion(c, input),
    status: (userId: string) => status(c, userId),

    /** The athlete's own request: their password and the typed word; never while impersonated (ADR 029). */
    async requestOwnDeletion(actor: Actor, input: RequestDeletionInput): Promise<DeletionStatus> {
      refuseWhileImpersonating(actor, 'delete the account');
      const user = await repo.user(actor.id);
      if (!user || !(await deps.verifyPassword(input.password, user.passwordHash)))
        throw new AppError(ErrorCode.VALIDATION, 'Your password is incorrect.', {
          fields: [{ path: 'password', message: 'Your password is incorrect' }],
        });
      await requestDeletion(c, { userId: actor.id });
      return status(c, actor.id);
    },

    async cancelOwnDeletion(actor: Actor): Promise<DeletionStatus> {
      refuseWhileImpersonating(actor, 'cancel the account deletion');
      await cancelDeletion(c, { userId: actor.id, actor });
      return status(c, actor.id);
    },

    /** The org this user owns, if any (the org deletion page's subject). */
    ownedOrg: (userId: string) => repo.ownedOrg(userId),

    /** An owner deletes their coaching org (password and its name typed): clients' records go, linked athletes keep their accounts. */
    async requestOrgDeletion(actor: Actor, input: DeleteOrgInput): Promise<{ requestId: string }> {
      refuseWhileImpersonating(actor, 'delete the organisation');
      const user = await repo.user(actor.id);
      if (!user || !(await deps.verifyPassword(input.password, user.passwordHash)))
        throw new AppError(ErrorCode.VALIDATION, 'Your password is incorrect.', {
          fields: [{ path: 'password', message: 'Your password is incorrect' }],
        });
      const org = await repo.ownedOrg(actor.id);
      if (!org) throw new AppError(ErrorCode.NOT_FOUND, 'You own no coaching organisation.');
      if (input.confirm !== org.name.trim())
        throw new AppError(ErrorCode.VALIDATION, 'Type the organisation’s name exactly.', {
          fields: [{ path: 'confirm', message: 'Type the organisation’s name exactly' }],
        });
      const at = now();
      const row = await repo.insert({
        kind: 'org_deletion',
        orgId: org.id,
        requestedBy: actor.id,
        requestedAt: at,
        runAfter: at,
        dueAt: legalDueDate(at),
        progress: { done: [], orgName: org.name },
      });
      if (!row) throw new Error('org deletion request not stored');
      await deps.audit.record({
        actor,
        action: 'org.deletion_requested',
        target: { type: 'org', id: org.id },
        payload: { requestId: row.id },
      });
      await deps.queue.send({ kind: 'org_deletion', requestId: row.id });
      return { requestId: row.id };
    },

    /** Runs (or resumes) one request whose time has come; a request not due, finished or cancelled is left alone. */
    run: (requestId: string): Promise<'done' | 'skipped'> => runDeletion(c, requestId),

    /** The minute sweep: due deletions whose message was lost and runs whose worker died, onto the queue again. */
    async reclaimLapsed(): Promise<number> {
      const at = now();
      const lapsed = await repo.lapsed(at, new Date(at.getTime() - QUIET_MS));
      for (const r of lapsed) await deps.queue.send({ kind: r.kind, requestId: r.id });
      return lapsed.length;
    },

    /** The cron's half: deletions whose grace ended (and stalled runs) onto the privacy queue. */
    async enqueueDue(): Promise<number> {
      const at = now();
      const due = await repo.due(at, new Date(at.getTime() - 3_600_000));
      for (const r of due) await deps.queue.send({ kind: r.kind, requestId: r.id });
      return due.length;
    },
  };
}

export type DeletionService = ReturnType<typeof createDeletionService>;
