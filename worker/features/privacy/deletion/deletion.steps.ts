// The deletion job's steps (ADR 042): each does one part of the erasure and records its counts in the progress;
// the step runner (deletion.job.ts) decides which still have to run.
import type { Actor } from '../../audit';
import { PERSONAL_TABLES } from '../data-map';
import type { DeletionContext, Progress } from './deletion.deps';
import { createDeletionRepo, type RequestRow } from './deletion.repo';
import { type DeletionReceipt, INVOICES_KEPT } from './deletion.schema';
import { deleteUserObjects } from './files';

/** Rows per delete statement: bounded transactions, and a crash loses at most one batch. */
const BATCH = 2_000;
const ENDED_SUBSCRIPTION = new Set(['canceled', 'incomplete_expired']);

/** Providers first: the grant dies at the source before our copy of the token goes. */
export async function tellProviders(c: DeletionContext, row: RequestRow, progress: Progress, actor: Actor): Promise<void> {
  const userId = actor.id;
  progress.providers ??= [];
  for (const provider of await c.repo.connectedProviders(userId)) {
    const outcome =
      provider === 'strava'
        ? (await c.deps.disconnectStrava(userId)).revoked
        : (await c.deps.disconnectDoor(actor, provider)).deregistered
          ? 'deregistered'
          : 'failed';
    progress.providers.push({ provider, outcome });
    await c.repo.saveProgress(row.id, progress, c.now());
  }
}

/** Cancels a payer's live subscriptions now and anonymises their Stripe customers; invoices stay (tax law). */
export async function erasePayer(
  c: DeletionContext,
  ownerType: 'user' | 'org',
  ownerId: string,
  requestId: string,
): Promise<DeletionReceipt['stripe']> {
  const { deps } = c;
  const customers = await c.repo.billingCustomers(ownerType, ownerId);
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

/** The athlete's coaches are told they left; their records of the client stay with them. */
export async function tellCoaches(c: DeletionContext, userId: string): Promise<DeletionReceipt['coaching']> {
  const links = await c.repo.coachLinks(userId);
  let told = 0;
  for (const link of links) {
    for (const coach of link.coaches) {
      await c.deps.notify.notify({
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
  return { links: links.length, coachesTold: told };
}

/** The person's R2 objects, area by area, the count saved as it goes. */
export async function eraseFiles(c: DeletionContext, row: RequestRow, progress: Progress, userId: string): Promise<void> {
  progress.files ??= { objects: 0, areas: [] };
  const files = progress.files;
  await deleteUserObjects(c.deps.bucket, userId, async (area, n) => {
    files.objects += n;
    if (!files.areas.includes(area)) files.areas.push(area);
    await c.repo.saveProgress(row.id, progress, c.now());
  });
}

/** Tables owned through a cascading user column, in batches; then the data map's `delete`/`clear` columns. */
export async function eraseRows(c: DeletionContext, userId: string, email: string): Promise<void> {
  for (const entry of PERSONAL_TABLES) {
    if (!('user' in entry.owner) || entry.erase[entry.owner.user.name] !== 'cascade') continue;
    while ((await c.repo.deleteOwnedBatch(entry, userId, BATCH)) > 0) {}
  }
  await c.repo.applyExplicitRules(userId, email);
}

/** The final transaction: the account row (its cascades fire), the late audit entries, the receipt kept, the request done. */
export async function finishAccount(
  c: DeletionContext,
  row: RequestRow,
  progress: Progress,
  userId: string,
  receipt: DeletionReceipt,
): Promise<void> {
  await c.deps.db.transaction(async (tx) => {
    const r = createDeletionRepo(tx);
    await r.deleteUser(userId);
    // Anything that named the account since the audit step (a late job's entry) is caught in the same transaction.
    receipt.audit.pseudonymised += await r.pseudonymiseAudit(userId, progress.subject!);
    await r.insertReceipt(row.id, progress.subject!, receipt as unknown as Record<string, unknown>);
    progress.done.push('account');
    await r.finish(row.id, receipt as unknown as Record<string, unknown>, progress, c.now());
    await c.deps.audit.record(
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

/** The org's linked athletes are told; their accounts stay theirs. */
export async function tellAthletes(c: DeletionContext, orgId: string, progress: Progress): Promise<DeletionReceipt['coaching']> {
  const athletes = await c.repo.linkedAthletes(orgId);
  const name = String(progress.orgName ?? 'Your coach’s organisation');
  for (const athlete of athletes)
    await c.deps.notify.notify({
      userId: athlete,
      type: 'coach.update',
      dedupeKey: `org-deleted:${orgId}:${athlete}`,
      data: {
        title: `${name.slice(0, 120)} closed its coaching organisation`,
        body: 'Your coach no longer sees your training. Your account, activities and plans stay yours.',
        link: '/settings',
      },
    });
  return { links: athletes.length, coachesTold: 0 };
}

/** The org row and its records in one transaction, the request done. */
export async function finishOrg(c: DeletionContext, row: RequestRow, progress: Progress, orgId: string, receipt: DeletionReceipt) {
  await c.deps.db.transaction(async (tx) => {
    const r = createDeletionRepo(tx);
    await r.deleteOrg(orgId);
    progress.done.push('org');
    await r.finish(row.id, receipt as unknown as Record<string, unknown>, progress, c.now());
    await c.deps.audit.record(
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
