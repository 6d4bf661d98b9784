// The platform's one Stripe webhook inbox: every Stripe event, verified, stored once (stripe_events),
// queued and run through one handler map under the event's row lock.
export { createStripeInboxService } from './stripe-inbox.service';
export type { StripeInboxService } from './stripe-inbox.service';
export type { StripeEventHandler } from './handlers';
