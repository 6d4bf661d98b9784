// The platform's one Stripe webhook inbox: every Stripe event, verified, stored once (stripe_events),
// queued and run through one handler map under the event's row lock.
export { createStripeInboxService, RetryLaterError, MAX_ATTEMPTS } from './stripe-inbox.service';
export type { StripeInboxService, StripeEventMessage } from './stripe-inbox.service';
export type { StripeEventHandler, HandlerOutcome, HandlerContext } from './handlers';
