// The payer hears of the two Stripe events that need them: a trial about to end and a payment that failed.
// Called after the event's transaction committed, so the mirror already says what Stripe says; a notice
// that cannot be sent is logged with ids and never sends the event back to the queue.
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { localParts } from '../../lib/dates';
import type { Logger } from '../../lib/logger';
import type { StripeEventEnvelope } from '../../providers/stripe/stripe';
import type { Notifier } from '../notifications';
import { TIERS, type Tier } from './entitlements';
import { createMembershipRepo, type MirrorRow } from './membership.repo';
import { graceEndsAt } from './tier';

type StripeObject = Record<string, unknown>;

const idOf = (v: unknown): string | null =>
  typeof v === 'string'
    ? v
    : v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string'
      ? (v as { id: string }).id
      : null;

/** An invoice's subscription: `parent.subscription_details` in current API versions, `subscription` in older ones. */
const subscriptionOfInvoice = (inv: StripeObject): string | null =>
  idOf((inv.parent as { subscription_details?: { subscription?: unknown } } | null)?.subscription_details?.subscription) ??
  idOf(inv.subscription);

const tierName = (m: MirrorRow | undefined) => (m?.tier && m.tier in TIERS ? TIERS[m.tier as Tier].name : 'Cadence');

export function createBillingNotices(deps: { db: Db; clock: Clock; logger: Logger; notifications: Notifier }) {
  const repo = createMembershipRepo(deps.db);

  /** The athlete who pays this customer, their zone and the subscription's mirror row. Orgs (Team) have no invoices page yet. */
  async function payerOf(customerId: string | null, subscriptionId: string | null) {
    if (!customerId) return null;
    const owner = await repo.ownerOfCustomer(customerId);
    if (owner?.ownerType !== 'user') return null;
    const timeZone = await repo.timeZoneOf(owner.ownerId);
    if (!timeZone) return null;
    const mirror = (await repo.mirrorOfCustomer(customerId)).find((m) => m.stripeSubscriptionId === subscriptionId);
    return { userId: owner.ownerId, timeZone, mirror };
  }

  async function trialEnding(sub: StripeObject) {
    const payer = await payerOf(idOf(sub.customer), idOf(sub.id));
    // Delivered late (the trial already ended or was paid for): nothing to warn about any more.
    if (payer?.mirror?.status !== 'trialing') return;
    const end = payer.mirror.trialEnd ?? (typeof sub.trial_end === 'number' ? new Date(sub.trial_end * 1000) : null);
    if (!end) return;
    await deps.notifications.notify({
      userId: payer.userId,
      type: 'billing.trial_ending',
      // One reminder per trial end: a second event about the same end (or a redelivery) tells nothing new.
      dedupeKey: `billing.trial_ending:${payer.mirror.stripeSubscriptionId}:${Math.floor(end.getTime() / 1000)}`,
      data: { tierName: tierName(payer.mirror), endsOn: localParts(end, payer.timeZone).date },
    });
  }

  async function paymentFailed(inv: StripeObject) {
    const invoiceId = idOf(inv.id);
    const payer = await payerOf(idOf(inv.customer), subscriptionOfInvoice(inv));
    if (!payer || !invoiceId) return;
    const m = payer.mirror;
    const grace = m?.status === 'past_due' ? graceEndsAt(m, deps.clock.now()) : null;
    await deps.notifications.notify({
      userId: payer.userId,
      type: 'billing.payment_failed',
      // Each of Stripe's attempts at the invoice is news (the grace date moves closer); a redelivery is not.
      dedupeKey: `billing.payment_failed:${invoiceId}:${Number(inv.attempt_count ?? 0)}`,
      data: {
        tierName: tierName(m),
        amountMinor: Math.max(0, Math.round(Number(inv.amount_due ?? 0))),
        currency: String(inv.currency ?? 'usd').slice(0, 3),
        graceEndsOn: grace ? localParts(grace, payer.timeZone).date : null,
        invoiceId: invoiceId.slice(0, 100),
      },
    });
  }

  return async function afterStripeEvent(event: StripeEventEnvelope): Promise<void> {
    try {
      if (event.type === 'customer.subscription.trial_will_end') await trialEnding(event.data.object);
      else if (event.type === 'invoice.payment_failed') await paymentFailed(event.data.object);
    } catch (err) {
      deps.logger.error('billing notice failed', {
        stripeEventId: event.id,
        type: event.type,
        errorName: err instanceof Error ? err.name : 'unknown',
      });
    }
  };
}
