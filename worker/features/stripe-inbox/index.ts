// The platform's one Stripe webhook inbox: every Stripe event, verified, stored once (stripe_events),
// queued and run through one handler map under the event's row lock.
export { stripeWebhookRoutes } from './stripe-inbox.routes';
export { createStripeInboxService, RetryLaterError, MAX_ATTEMPTS } from './stripe-inbox.service';
export type { StripeInboxService, StripeEventMessage } from './stripe-inbox.service';
export { stripeEventsConsumer } from './stripe-events.consumer';
export { stripeHandlers } from './handlers';
export type { StripeEventHandler, HandlerOutcome, HandlerContext } from './handlers';
export { stripeEventsSweepJob } from './stripe-inbox.jobs';
