export { stripeWebhookRoutes } from './billing.routes';
export { createStripeEventsService, RetryLaterError, MAX_ATTEMPTS } from './stripe-events.service';
export type { StripeEventsService, StripeEventMessage } from './stripe-events.service';
export { stripeEventsConsumer } from './stripe-events.consumer';
export { stripeHandlers } from './handlers';
export type { StripeEventHandler, HandlerOutcome, HandlerContext } from './handlers';
export { stripeEventsSweepJob } from './billing.jobs';
