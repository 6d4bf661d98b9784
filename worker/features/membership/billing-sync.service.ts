import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode } from '../../lib/errors';
import { refuseWhileImpersonating } from '../../http/guards';
import type { Logger } from '../../lib/logger';
import type { Billing, SubscriptionSnapshot } from '../../providers/stripe/stripe-billing';
import { PaymentsError } from '../../providers/stripe/stripe';
import type { AuditService } from '../audit';
import type { Interval, Tier } from './entitlements';
import { TIERS, priceOf } from './entitlements';
import type { MirrorInput, OwnerType } from './membership.repo';
import { createMembershipRepo } from './membership.repo';
import { accessOf } from './tier';

/** Who pays: an athlete for Pro/Elite, or an org (its owner acting) for Team. */
export interface Payer {
  type: OwnerType;
  id: string;
  name: string;
  email: string | null;
  /** Set when an operator impersonates the paying user: billing changes are refused then. */
  impersonatorId?: string | null;
}

/** Length of the self-serve Pro trial (no card; ends to Free unless one is added). */
export const TRIAL_DAYS = 7;

/**
 * Everything that talks to Stripe Billing. The mirror is written only by syncCustomer, which re-reads the
 * customer's subscriptions from Stripe: every webhook and the checkout success page call it, so the
 * order events arrive in, and replays, cannot leave a wrong tier (ADR 015).
 */
export function createBillingSyncService(deps: {
  db: Db;
  clock: Clock;
  billing: Billing;
  audit: AuditService;
  logger: Logger;
  appOrigin: string;
}) {
  const repo = createMembershipRepo(deps.db);
  /** Stripe refusing or not answering is ours to explain: 503 with a retry hint, never a 500 (the log keeps its type). */
  async function viaStripe<T>(call: string, fn: (billing: Billing) => Promise<T>, notFound?: string): Promise<T> {
    try {
      return await fn(deps.billing);
    } catch (err) {
      if (!(err instanceof PaymentsError)) throw err;
      // An id the caller gave us (a checkout session) that Stripe does not know is theirs to fix.
      if (notFound && err.status === 404) throw new AppError(ErrorCode.NOT_FOUND, notFound);
      deps.logger.warn('stripe billing call failed', { call, stripeErrorType: err.type, ...(err.status ? { status: err.status } : {}) });
      throw new AppError(ErrorCode.UNAVAILABLE, 'Our payment provider did not answer. Please try again in a minute.', {
        retryAfterSeconds: 30,
      });
    }
  }

  /** The payer's Stripe customer, made once (our id in its metadata) before any checkout. */
  async function ensureCustomer(payer: Payer): Promise<string> {
    const known = await repo.customerOf(payer.type, payer.id);
    if (known) return known;
    const id = await viaStripe('createCustomer', (b) =>
      b.createCustomer({
        email: payer.email,
        name: payer.name,
        metadata: { cadence_owner_type: payer.type, cadence_owner_id: payer.id },
        // The same payer always asks with the same key: two racing first checkouts get one customer.
        idempotencyKey: `customer:${payer.type}:${payer.id}`,
      }),
    );
    return repo.saveCustomer(payer.type, payer.id, id);
  }

  /**
   * Re-reads the customer's subscriptions from Stripe and rewrites their mirror; the only writer. Stripe is
   * read while the customer's row is held, so of two racing syncs the later writer also read later.
   */
  async function syncCustomer(customerId: string, inTx?: Executor): Promise<'synced' | 'unknown_customer'> {
    const run = async (tx: Executor) => {
      const r = createMembershipRepo(tx);
      // Customers we did not make (coach clients paying a package link) are not memberships.
      if (!(await r.lockCustomer(customerId))) return 'unknown_customer' as const;
      const subs = await viaStripe('listSubscriptions', (b) => b.listSubscriptions(customerId));
      const now = deps.clock.now();
      const before = new Map((await r.mirrorOfCustomer(customerId)).map((m) => [m.stripeSubscriptionId, m]));
      await r.replaceMirror(
        customerId,
        subs.map((s) => mirrorRow(s, before.get(s.id)?.pastDueSince ?? null, now)),
        now,
      );
      return 'synced' as const;
    };
    // A webhook handler passes its own transaction: one connection per event, however many arrive at once.
    return inTx ? run(inTx) : deps.db.transaction(run);
  }

  const current = async (payer: Payer) => {
    const mirror = await repo.mirrorOfOwner(payer.type, payer.id);
    const now = deps.clock.now();
    return mirror.find((m) => accessOf(m, now) !== null || m.status === 'past_due' || m.status === 'unpaid') ?? null;
  };

  return {
    ensureCustomer,
    syncCustomer,

    /** Checkout for a tier and interval; a payer who already has a live subscription changes plans in the portal. */
    async startCheckout(payer: Payer, tier: Tier, interval: Interval, returnPath: string): Promise<string> {
      refuseWhileImpersonating(payer, 'start a checkout');
      const price = TIERS[tier].prices[interval];
      if (!price || (payer.type === 'org') !== (tier === 'team'))
        throw new AppError(ErrorCode.VALIDATION, 'That plan is not sold to this account.', {
          fields: [{ path: 'tier', message: 'Not for sale here' }],
        });
      const live = await current(payer);
      if (live)
        throw new AppError(ErrorCode.CONFLICT, 'You already have a subscription: change plans in the billing portal.', {
          fields: [{ path: 'tier', message: 'Already subscribed' }],
        });
      const customerId = await ensureCustomer(payer);
      const back = `${deps.appOrigin}${returnPath}`;
      const session = await viaStripe('createSubscriptionCheckout', (b) =>
        b.createSubscriptionCheckout({
          customerId,
          lookupKey: price.lookupKey,
          metadata: { cadence_owner_type: payer.type, cadence_owner_id: payer.id, cadence_tier: tier },
          successUrl: `${back}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
          cancelUrl: `${back}?checkout=canceled`,
          // One open checkout per payer, plan and 10-minute window: a double click opens the same page.
          idempotencyKey: `checkout:${payer.type}:${payer.id}:${price.lookupKey}:${Math.floor(deps.clock.now().getTime() / 600_000)}`,
        }),
      );
      return session.url;
    },

    /** The success page syncs at once (webhooks may lag); only the payer's own session counts. */
    async syncAfterCheckout(payer: Payer, sessionId: string): Promise<void> {
      const customerId = await repo.customerOf(payer.type, payer.id);
      if (!customerId) throw new AppError(ErrorCode.NOT_FOUND, 'No checkout for this account.');
      const sessionCustomer = await viaStripe('checkoutCustomer', (b) => b.checkoutCustomer(sessionId), 'No checkout for this account.');
      if (sessionCustomer !== customerId) throw new AppError(ErrorCode.NOT_FOUND, 'No checkout for this account.');
      await syncCustomer(customerId);
    },

    async portal(payer: Payer, returnPath: string): Promise<string> {
      refuseWhileImpersonating(payer, 'open the billing portal');
      const customerId = await repo.customerOf(payer.type, payer.id);
      if (!customerId) throw new AppError(ErrorCode.CONFLICT, 'There is nothing to manage yet: choose a plan first.');
      return viaStripe('createPortalSession', (b) => b.createPortalSession({ customerId, returnUrl: `${deps.appOrigin}${returnPath}` }));
    },

    /** The self-serve 7-day Pro trial, once per athlete, without a card (a Stripe subscription in trial). */
    async startTrial(payer: Payer & { type: 'user' }): Promise<void> {
      refuseWhileImpersonating(payer, 'start a trial');
      if (await current(payer)) throw new AppError(ErrorCode.CONFLICT, 'You already have a membership.');
      if (!(await repo.claimTrial(payer.id))) throw new AppError(ErrorCode.CONFLICT, 'Your free trial has been used.');
      try {
        const customerId = await ensureCustomer(payer);
        const sub = await viaStripe('createCardlessTrial', (b) =>
          b.createCardlessTrial({
            customerId,
            lookupKey: TIERS.pro.prices.month!.lookupKey,
            trialDays: TRIAL_DAYS,
            metadata: { cadence_owner_type: 'user', cadence_owner_id: payer.id, cadence_trial: 'self_serve' },
            idempotencyKey: `trial:${payer.id}`,
          }),
        );
        await repo.setTrialSubscription(payer.id, sub.id);
        await syncCustomer(customerId);
        await deps.audit.record({
          actor: { id: payer.id, role: 'athlete' },
          action: 'membership.trial_started',
          target: { type: 'user', id: payer.id },
          payload: { subscriptionId: sub.id, days: TRIAL_DAYS },
        });
      } catch (err) {
        await repo.releaseTrial(payer.id);
        throw err;
      }
    },

    async invoices(payer: Payer) {
      const customerId = await repo.customerOf(payer.type, payer.id);
      return customerId ? viaStripe('listInvoices', (b) => b.listInvoices(customerId, 24)) : [];
    },

    /** Operators: re-read a payer's subscriptions from Stripe now (audited). */
    /** Re-reads Stripe now; `record` (an operator action's own audit row) replaces the default one. */
    async resync(
      actor: { id: string; role: string },
      ownerType: OwnerType,
      ownerId: string,
      record?: (customerId: string) => Promise<void>,
    ) {
      const customerId = await repo.customerOf(ownerType, ownerId);
      if (!customerId) throw new AppError(ErrorCode.NOT_FOUND, 'This account has no Stripe customer.');
      await syncCustomer(customerId);
      if (record) await record(customerId);
      else
        await deps.audit.record({
          actor,
          action: 'membership.resynced',
          target: { type: ownerType, id: ownerId },
          payload: { customerId },
        });
      return repo.mirrorOfCustomer(customerId);
    },
  };
}
export type BillingSyncService = ReturnType<typeof createBillingSyncService>;

/** Stripe's view of one subscription as a mirror row; the past-due clock keeps its start across syncs. */
function mirrorRow(s: SubscriptionSnapshot, pastDueBefore: Date | null, now: Date): MirrorInput {
  const sold = priceOf(s.priceLookupKey);
  return {
    stripeSubscriptionId: s.id,
    stripeCustomerId: s.customerId,
    status: s.status,
    tier: sold?.tier ?? null,
    interval: sold?.interval ?? null,
    priceLookupKey: s.priceLookupKey,
    currentPeriodEnd: s.currentPeriodEnd,
    trialEnd: s.trialEnd,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    canceledAt: s.canceledAt,
    pastDueSince: s.status === 'past_due' ? (pastDueBefore ?? now) : null,
    hasPaymentMethod: s.hasPaymentMethod,
  };
}
