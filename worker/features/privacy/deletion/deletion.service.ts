// Account and org deletion (ADR 042). A request waits out a grace period (the athlete may cancel), then a job
// erases everything the data map says is theirs, step by step, each step recorded in the request's progress so a
// crash resumes where it stopped. Providers are told first (the token dies at the source), Stripe keeps only an
// anonymised customer with its invoices, the audit log keeps its history under a keyed pseudonym, and a receipt
// of counts is emailed before the address goes and kept under the pseudonym.
import type { Db } from '../../../db/client';
import { refuseWhileImpersonating } from '../../../http/guards';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { EmailSender } from '../../../providers/email/email';
import type { Billing } from '../../../providers/stripe/stripe-billing';
import type { Actor, AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import { PERSONAL_TABLES } from '../data-map';
import { createDeletionRepo, type RequestRow, type TableCount } from './deletion.repo';
import {
  type DeleteOrgInput,
  type DeletionReceipt,
  type DeletionStatus,
  GRACE_DAYS,
  INVOICES_KEPT,
  type RequestDeletionInput,
} from './deletion.schema';
import { legalDueDate } from '../requests/deletion-starter';
import { deleteUserObjects } from './files';
import { pseudonymOf } from './pseudonym';
import { receiptEmail } from './receipt-email';

const DAY_MS = 86_400_000;
/** Rows per delete statement: bounded transactions, and a crash loses at most one batch. */
const BATCH = 2_000;
const ENDED_SUBSCRIPTION = new Set(['canceled', 'incomplete_expired']);

export interface DeletionDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  email: EmailSender;
  billing: Pick<Billing, 'listSubscriptions' | 'cancelSubscriptionNow' | 'anonymiseCustomer'>;
  /** Strava's own disconnect, revoking at Strava first (ingest, ADR 039). */
  disconnectStrava: (userId: string) => Promise<{ revoked: string }>;
  /** A live door's disconnect, deregistering at the source first (ingest, ADR 038). */
  disconnectDoor: (actor: Actor, provider: string) => Promise<{ deregistered: boolean }>;
  notify: Notifier;
  bucket: R2Bucket;
  queue: Queue<unknown>;
  pseudonymSecret: string;
  verifyPassword: (password: string, hash: string) => Promise<boolean>;
}

/** What a run keeps in privacy_requests.progress: steps done and their counts. Never the person's id or address. */
interface Progress {
  done: string[];
  subject?: string;
  plan?: TableCount[];
  providers?: { provider: string; outcome: string }[];
  stripe?: DeletionReceipt['stripe'];
  coaching?: DeletionReceipt['coaching'];
  aiCosts?: number;
  files?: { objects: number; areas: string[] };
  audit?: number;
  sessions?: number;
  [k: string]: unknown;
}

export function createDeletionService(deps: DeletionDeps) {
  const repo = createDeletionRepo(deps.db);
  const now = () => deps.clock.now();

  async function refuseIfSoleOwner(userId: string) {
    const orgs = await repo.soleOwnedOrgs(userId);
    if (orgs.length)
      throw new AppError(
        ErrorCode.CONFLICT,
        `You are the only owner of ${orgs.map((o) => `“${o.name}”`).join(', ')}. Delete the organisation first (Coach settings), or make another coach an owner.`,
      );
  }

  /** Starts a deletion: the athlete's own (after their password) or an operator's (with a reason). Idempotent: an open one is returned. */
  async function requestDeletion(input: {
    userId: string;
    requestedBy?: string | null;
    reason?: string | null;
  }): Promise<RequestRow & { created: boolean }> {
    if (input.requestedBy && !input.reason?.trim()) throw new AppError(ErrorCode.VALIDATION, 'Say why the account is being deleted.');
    const user = await repo.user(input.userId);
    if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'Account not found.');
    const open = await repo.findOpen(input.userId);
    if (open) return { ...open, created: false };
    await refuseIfSoleOwner(input.userId);
    const at = now();
    const inserted = await repo.insert({
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
      const winner = await repo.findOpen(input.userId);
      if (!winner) throw new Error('deletion request vanished');
      return { ...winner, created: false };
    }
    const row = inserted;
    // Signed out everywhere: the next login is the person's, and it lands on the page that offers to cancel.
    await repo.revokeSessions(input.userId);
    await deps.audit.record({
      actor: input.requestedBy ? { id: input.requestedBy, role: 'operator' } : { id: input.userId, role: user.role },
      action: 'account.deletion_requested',
      target: { type: 'user', id: input.userId },
      payload: { requestId: row.id, runAfter: row.runAfter.toISOString(), byOperator: !!input.requestedBy },
    });
    await sendScheduledEmail(user.email, row).catch((err) =>
      deps.logger.warn('deletion notice email failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
    );
    return { ...row, created: true };
  }

  function sendScheduledEmail(to: string, row: RequestRow) {
    const when = row.runAfter.toUTCString();
    return deps.email.send({
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

  async function cancelDeletion(input: { userId: string; actor: Actor }): Promise<void> {
    const row = await repo.cancel(input.userId, now());
    if (!row) {
      const open = await repo.findOpen(input.userId);
      if (open?.status === 'running') throw new AppError(ErrorCode.CONFLICT, 'The deletion has started and can no longer be cancelled.');
      throw new AppError(ErrorCode.NOT_FOUND, 'No deletion is scheduled for this account.');
    }
    await deps.audit.record({
      actor: input.actor,
      action: 'account.deletion_cancelled',
      target: { type: 'user', id: input.userId },
      payload: { requestId: row.id },
    });
    // Told like the scheduling was: a cancel by someone else (an operator) must not go unnoticed either.
    const user = await repo.user(input.userId);
    if (user)
      await sendCancelledEmail(user.email, row.id).catch((err) =>
        deps.logger.warn('deletion cancelled email failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
      );
  }

  function sendCancelledEmail(to: string, requestId: string) {
    return deps.email.send({
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

  async function status(userId: string): Promise<DeletionStatus> {
    const [open, blockingOrgs] = await Promise.all([repo.findOpen(userId), repo.soleOwnedOrgs(userId)]);
    return {
      state: !open ? 'none' : open.status === 'running' ? 'running' : 'scheduled',
      requestId: open?.id ?? null,
      requestedAt: open?.requestedAt.toISOString() ?? null,
      runsAt: open?.runAfter.toISOString() ?? null,
      graceDays: GRACE_DAYS,
      blockingOrgs,
    };
  }

  // ---- the job ----

  async function step(row: RequestRow, progress: Progress, name: string, work: () => Promise<void>) {
    if (progress.done.includes(name)) return;
    await work();
    progress.done.push(name);
    await repo.saveProgress(row.id, progress, now());
  }

  async function runAccountDeletion(row: RequestRow): Promise<void> {
    const userId = row.userId;
    if (!userId) throw new Error('deletion request without its account');
    const progress: Progress = { done: [], ...(row.progress as Partial<Progress>) };
    const user = await repo.user(userId);
    if (!user) throw new Error('account already gone but its request is open');
    if ((await repo.soleOwnedOrgs(userId)).length) {
      await repo.fail(row.id, 'The account is the only owner of a coaching organisation: delete the organisation first.', now());
      return;
    }
    const actor: Actor = { id: userId, role: user.role };
    progress.subject ??= await pseudonymOf(deps.pseudonymSecret, userId);

    await step(row, progress, 'lock', async () => {
      progress.sessions = (await repo.revokeSessions(userId).returning()).length;
    });
    await step(row, progress, 'plan', async () => {
      progress.plan = await repo.plan(userId);
    });
    // Providers first: the grant dies at the source before our copy of the token goes.
    await step(row, progress, 'providers', async () => {
      progress.providers ??= [];
      for (const provider of await repo.connectedProviders(userId)) {
        const outcome =
          provider === 'strava'
            ? (await deps.disconnectStrava(userId)).revoked
            : (await deps.disconnectDoor(actor, provider)).deregistered
              ? 'deregistered'
              : 'failed';
        progress.providers.push({ provider, outcome });
        await repo.saveProgress(row.id, progress, now());
      }
    });
    await step(row, progress, 'stripe', async () => {
      progress.stripe = await erasePayer('user', userId, row.id);
    });
    await step(row, progress, 'coaching', async () => {
      const links = await repo.coachLinks(userId);
      let told = 0;
      for (const link of links) {
        for (const coach of link.coaches) {
          await deps.notify.notify({
            userId: coach,
            type: 'coach.update',
            dedupeKey: `athlete-left:${link.linkId}:${coach}`,
            data: {
              title: `${link.clientName.slice(0, 120)}: athlete left`,
              body: 'They deleted their Cadence account, so their training is no longer shared. Your records of this client (sessions, payments, notes) stay with you.',
              link: `/coach/clients/${link.clientId}`,
            },
          });
          told++;
        }
      }
      progress.coaching = { links: links.length, coachesTold: told };
    });
    await step(row, progress, 'ai-costs', async () => {
      progress.aiCosts = await deps.db.transaction((tx) => createDeletionRepo(tx).foldLlmCosts(userId));
    });
    await step(row, progress, 'files', async () => {
      progress.files ??= { objects: 0, areas: [] };
      const files = progress.files;
      await deleteUserObjects(deps.bucket, userId, async (area, n) => {
        files.objects += n;
        if (!files.areas.includes(area)) files.areas.push(area);
        await repo.saveProgress(row.id, progress, now());
      });
    });
    await step(row, progress, 'rows', async () => {
      for (const entry of PERSONAL_TABLES) {
        if (!('user' in entry.owner) || entry.erase[entry.owner.user.name] !== 'cascade') continue;
        while ((await repo.deleteOwnedBatch(entry, userId, BATCH)) > 0) {}
      }
      await repo.applyExplicitRules(userId, user.email);
    });
    await step(row, progress, 'audit', async () => {
      progress.audit = await repo.pseudonymiseAudit(userId, progress.subject!);
    });
    const receipt = receiptOf(progress);
    // The address is erased next: the receipt goes to it first (the provider's idempotency key makes a rerun send once).
    await step(row, progress, 'email', async () => {
      await deps.email.send(receiptEmail(user.email, row.id, receipt));
    });
    await deps.db.transaction(async (tx) => {
      const r = createDeletionRepo(tx);
      await r.deleteUser(userId);
      // Anything that named the account since the audit step (a late job's entry) is caught in the same transaction.
      receipt.audit.pseudonymised += await r.pseudonymiseAudit(userId, progress.subject!);
      await r.insertReceipt(row.id, progress.subject!, receipt as unknown as Record<string, unknown>);
      progress.done.push('account');
      await r.finish(row.id, receipt as unknown as Record<string, unknown>, progress, now());
      await deps.audit.record(
        {
          actor: row.requestedBy ? { id: row.requestedBy, role: 'operator' } : null,
          action: 'account.deleted',
          target: { type: 'deleted_account', id: progress.subject! },
          payload: { requestId: row.id },
        },
        tx,
      );
    });
  }

  function receiptOf(p: Progress): DeletionReceipt {
    return {
      tables: p.plan ?? [],
      audit: { pseudonymised: p.audit ?? 0 },
      aiCosts: { folded: p.aiCosts ?? 0 },
      files: p.files ?? { objects: 0, areas: [] },
      providers: p.providers ?? [],
      stripe: p.stripe ?? { customers: 0, subscriptionsCancelled: 0, customersAnonymised: 0, invoicesKept: INVOICES_KEPT },
      coaching: p.coaching ?? { links: 0, coachesTold: 0 },
      sessions: p.sessions ?? 0,
    };
  }

  /** Cancels a payer's live subscriptions now and anonymises their Stripe customers; invoices stay (tax law). */
  async function erasePayer(ownerType: 'user' | 'org', ownerId: string, requestId: string): Promise<DeletionReceipt['stripe']> {
    const customers = await repo.billingCustomers(ownerType, ownerId);
    let subscriptionsCancelled = 0;
    for (const customerId of customers) {
      for (const sub of await deps.billing.listSubscriptions(customerId)) {
        if (ENDED_SUBSCRIPTION.has(sub.status)) continue;
        await deps.billing.cancelSubscriptionNow(sub.id);
        subscriptionsCancelled++;
      }
      await deps.billing.anonymiseCustomer(customerId);
    }
    deps.logger.info('stripe payer anonymised', { requestId, count: customers.length });
    return { customers: customers.length, subscriptionsCancelled, customersAnonymised: customers.length, invoicesKept: INVOICES_KEPT };
  }

  async function runOrgDeletion(row: RequestRow): Promise<void> {
    const orgId = row.orgId;
    const progress: Progress = { done: [], ...(row.progress as Partial<Progress>) };
    if (!orgId) {
      // The org row went in an earlier run whose finish did not commit: nothing is left to do.
      await repo.finish(row.id, (row.result as Record<string, unknown>) ?? {}, progress, now());
      return;
    }
    await step(row, progress, 'plan', async () => {
      progress.plan = await repo.planOrg(orgId);
    });
    await step(row, progress, 'athletes', async () => {
      const athletes = await repo.linkedAthletes(orgId);
      const name = String(progress.orgName ?? 'Your coach’s organisation');
      for (const athlete of athletes)
        await deps.notify.notify({
          userId: athlete,
          type: 'coach.update',
          dedupeKey: `org-deleted:${orgId}:${athlete}`,
          data: {
            title: `${name.slice(0, 120)} closed its coaching organisation`,
            body: 'Your coach no longer sees your training. Your account, activities and plans stay yours.',
            link: '/settings',
          },
        });
      progress.coaching = { links: athletes.length, coachesTold: 0 };
    });
    await step(row, progress, 'stripe', async () => {
      progress.stripe = await erasePayer('org', orgId, row.id);
    });
    const receipt = receiptOf(progress);
    await deps.db.transaction(async (tx) => {
      const r = createDeletionRepo(tx);
      await r.deleteOrg(orgId);
      progress.done.push('org');
      await r.finish(row.id, receipt as unknown as Record<string, unknown>, progress, now());
      await deps.audit.record(
        {
          actor: row.requestedBy ? { id: row.requestedBy, role: 'coach' } : null,
          action: 'org.deleted',
          target: { type: 'org', id: orgId },
          payload: { requestId: row.id },
        },
        tx,
      );
    });
  }

  return {
    requestDeletion,
    cancelDeletion,
    status,

    /** The athlete's own request: their password and the typed word; never while impersonated (ADR 029). */
    async requestOwnDeletion(actor: Actor, input: RequestDeletionInput): Promise<DeletionStatus> {
      refuseWhileImpersonating(actor, 'delete the account');
      const user = await repo.user(actor.id);
      if (!user || !(await deps.verifyPassword(input.password, user.passwordHash)))
        throw new AppError(ErrorCode.VALIDATION, 'Your password is incorrect.', {
          fields: [{ path: 'password', message: 'Your password is incorrect' }],
        });
      await requestDeletion({ userId: actor.id });
      return status(actor.id);
    },

    async cancelOwnDeletion(actor: Actor): Promise<DeletionStatus> {
      refuseWhileImpersonating(actor, 'cancel the account deletion');
      await cancelDeletion({ userId: actor.id, actor });
      return status(actor.id);
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
    async run(requestId: string): Promise<'done' | 'skipped'> {
      const row = await repo.claim(requestId, now());
      if (!row) return 'skipped';
      try {
        if (row.kind === 'deletion') await runAccountDeletion(row);
        else if (row.kind === 'org_deletion') await runOrgDeletion(row);
        else return 'skipped';
      } catch (err) {
        // Still running (the queue retries, the hourly cron resumes a stalled run); the operators' queue shows why.
        await repo.noteError(row.id, err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : 'unknown error', now());
        throw err;
      }
      return 'done';
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
