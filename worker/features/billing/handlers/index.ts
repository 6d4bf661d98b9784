// The Stripe event types the platform acts on, one handler file each (membership events re-sync the
// customer, membership-sync.ts). Any type without one is acknowledged and marked ignored.
import { chargeRefunded } from './charge-refunded';
import { checkoutSessionCompleted } from './checkout-session-completed';
import { invoicePaid } from './invoice-paid';
import { MEMBERSHIP_EVENTS, withMembershipSync } from './membership-sync';
import type { StripeEventHandler } from './types';

const own: Readonly<Record<string, StripeEventHandler>> = {
  'checkout.session.completed': checkoutSessionCompleted,
  'checkout.session.async_payment_succeeded': checkoutSessionCompleted,
  'invoice.paid': invoicePaid,
  'charge.refunded': chargeRefunded,
};

// Membership events run their own handler first (coach payments share the webhook), then sync the customer.
export const stripeHandlers: Readonly<Record<string, StripeEventHandler>> = {
  ...own,
  ...Object.fromEntries(MEMBERSHIP_EVENTS.map((type) => [type, withMembershipSync(own[type])])),
};

export type { HandlerContext, HandlerOutcome, StripeEventHandler } from './types';
