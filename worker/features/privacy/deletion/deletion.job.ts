// The deletion job's step runner (ADR 042): named steps recorded in `progress.done`, so a crash resumes after the
// last finished one (lock → plan → providers → stripe → coaching → ai-costs → files → rows → audit → email → the
// final transaction). The steps themselves are in deletion.steps.ts.
import { leaseFrom, withLease } from '../../../jobs/lease';
import type { Actor } from '../../audit';
import type { DeletionContext, Progress } from './deletion.deps';
import { createDeletionRepo, type RequestRow } from './deletion.repo';
import { type DeletionReceipt, INVOICES_KEPT } from './deletion.schema';
import { eraseFiles, erasePayer, eraseRows, finishAccount, finishOrg, tellAthletes, tellCoaches, tellProviders } from './deletion.steps';
import { pseudonymOf } from './pseudonym';
import { receiptEmail } from './receipt-email';

/** Runs (or resumes) one request whose time has come; a request not due, finished or cancelled is left alone. */
export async function runDeletion(c: DeletionContext, requestId: string): Promise<'done' | 'skipped'> {
  // A lease its heartbeat renews: a second delivery meanwhile is skipped; a killed worker's lapses and the minute
  // sweep queues the request again, to resume after its last finished step (ADR 089).
  const row = await c.repo.claim(requestId, c.now(), leaseFrom(c.now()));
  if (!row) return 'skipped';
  if (row.kind !== 'deletion' && row.kind !== 'org_deletion') return 'skipped';
  try {
    await withLease(
      () => c.repo.renewLease(row.id, leaseFrom(c.now())),
      () => (row.kind === 'deletion' ? runAccountDeletion(c, row) : runOrgDeletion(c, row)),
    );
  } catch (err) {
    // Still running (the queue retries, the hourly cron resumes a stalled run); the operators' queue shows why.
    await c.repo.noteError(row.id, err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : 'unknown error', c.now());
    throw err;
  }
  return 'done';
}

/** Runs a step unless the progress says it is done, then records it done. */
async function step(c: DeletionContext, row: RequestRow, progress: Progress, name: string, work: () => Promise<void>) {
  if (progress.done.includes(name)) return;
  await work();
  progress.done.push(name);
  await c.repo.saveProgress(row.id, progress, c.now());
}

async function runAccountDeletion(c: DeletionContext, row: RequestRow): Promise<void> {
  const { deps, repo } = c;
  const userId = row.userId;
  if (!userId) throw new Error('deletion request without its account');
  const progress: Progress = { done: [], ...(row.progress as Partial<Progress>) };
  const user = await repo.user(userId);
  if (!user) throw new Error('account already gone but its request is open');
  if ((await repo.soleOwnedOrgs(userId)).length) {
    await repo.fail(row.id, 'The account is the only owner of a coaching organisation: delete the organisation first.', c.now());
    return;
  }
  const actor: Actor = { id: userId, role: user.role };
  progress.subject ??= await pseudonymOf(deps.pseudonymSecret, userId);
  const run = (name: string, work: () => Promise<void>) => step(c, row, progress, name, work);

  await run('lock', async () => {
    progress.sessions = (await repo.revokeSessions(userId).returning()).length;
  });
  await run('plan', async () => {
    progress.plan = await repo.plan(userId);
  });
  await run('providers', () => tellProviders(c, row, progress, actor));
  await run('stripe', async () => {
    progress.stripe = await erasePayer(c, 'user', userId, row.id);
  });
  await run('coaching', async () => {
    progress.coaching = await tellCoaches(c, userId);
  });
  await run('ai-costs', async () => {
    progress.aiCosts = await deps.db.transaction((tx) => createDeletionRepo(tx).foldLlmCosts(userId));
  });
  await run('files', () => eraseFiles(c, row, progress, userId));
  await run('rows', () => eraseRows(c, userId, user.email));
  await run('audit', async () => {
    progress.audit = await repo.pseudonymiseAudit(userId, progress.subject!);
  });
  const receipt = receiptOf(progress);
  // The address is erased next: the receipt goes to it first (the provider's idempotency key makes a rerun send once).
  await run('email', async () => {
    await deps.email.send(receiptEmail(user.email, row.id, receipt));
  });
  await finishAccount(c, row, progress, userId, receipt);
}

async function runOrgDeletion(c: DeletionContext, row: RequestRow): Promise<void> {
  const orgId = row.orgId;
  const progress: Progress = { done: [], ...(row.progress as Partial<Progress>) };
  if (!orgId) {
    // The org row went in an earlier run whose finish did not commit: nothing is left to do.
    await c.repo.finish(row.id, (row.result as Record<string, unknown>) ?? {}, progress, c.now());
    return;
  }
  await step(c, row, progress, 'plan', async () => {
    progress.plan = await c.repo.planOrg(orgId);
  });
  await step(c, row, progress, 'athletes', async () => {
    progress.coaching = await tellAthletes(c, orgId, progress);
  });
  await step(c, row, progress, 'stripe', async () => {
    progress.stripe = await erasePayer(c, 'org', orgId, row.id);
  });
  await finishOrg(c, row, progress, orgId, receiptOf(progress));
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
