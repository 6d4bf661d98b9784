import type { HandlerOutcome, StripeEventHandler } from './types';

/** The Stripe events that can change a membership; each one re-syncs the customer it names. */
export const MEMBERSHIP_EVENTS = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

/** The customer an event's object belongs to (a subscription, invoice or checkout session). */
function customerOf(object: Record<string, unknown>): string | null {
  const c = object.customer;
  if (typeof c === 'string' && c.startsWith('cus_')) return c;
  if (c && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'string') return (c as { id: string }).id;
  return null;
}

/**
 * Runs the event's own handler (coach payments, if any), then re-syncs the membership of the customer
 * it names when that customer is one of ours. The event's content is never trusted for the tier: the
 * sync re-reads Stripe, so duplicates and any arrival order end in the same mirror.
 */
export function withMembershipSync(inner?: StripeEventHandler): StripeEventHandler {
  return async (event, ctx) => {
    const first: HandlerOutcome = inner ? await inner(event, ctx) : 'ignored';
    if (first === 'retry' || !ctx.billingSync) return first;
    const customer = customerOf(event.data.object);
    if (!customer) return first;
    const synced = await ctx.billingSync.syncCustomer(customer, ctx.tx);
    return synced === 'synced' ? 'processed' : first;
  };
}
