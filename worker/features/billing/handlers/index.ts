// The Stripe event types the platform acts on, one handler file each. Others (subscription billing,
// disputes) add an entry here; any type without one is acknowledged and marked ignored.
import { chargeRefunded } from './charge-refunded';
import { checkoutSessionCompleted } from './checkout-session-completed';
import { invoicePaid } from './invoice-paid';
import type { StripeEventHandler } from './types';

export const stripeHandlers: Readonly<Record<string, StripeEventHandler>> = {
  'checkout.session.completed': checkoutSessionCompleted,
  'checkout.session.async_payment_succeeded': checkoutSessionCompleted,
  'invoice.paid': invoicePaid,
  'charge.refunded': chargeRefunded,
};

export type { HandlerContext, HandlerOutcome, StripeEventHandler } from './types';
