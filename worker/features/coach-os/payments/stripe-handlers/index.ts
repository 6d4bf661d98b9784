// Stripe's events for coach payments, one file each, registered in the platform's Stripe inbox by the
// wiring (the inbox imports no feature). Each runs in the inbox's transaction that holds the
// stored event, and writes through stripe-records.ts: a client package, an income or a refund, once.
import type { StripeEventHandler } from '../../../stripe-inbox';
import { chargeRefunded } from './charge-refunded';
import { checkoutSessionCompleted } from './checkout-session-completed';
import { invoicePaid } from './invoice-paid';

export const coachPaymentHandlers: Readonly<Record<string, StripeEventHandler>> = {
  'checkout.session.completed': checkoutSessionCompleted,
  'checkout.session.async_payment_succeeded': checkoutSessionCompleted,
  'invoice.paid': invoicePaid,
  'charge.refunded': chargeRefunded,
};
