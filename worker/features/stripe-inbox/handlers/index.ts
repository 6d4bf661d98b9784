// The Stripe event types the platform acts on. Features register theirs from the wiring (coach payments:
// one file per event beside the records they write), so the inbox imports no feature; membership events
// then re-sync the customer they name (membership-sync.ts). Any type without a handler is acknowledged
// and marked ignored.
import { MEMBERSHIP_EVENTS, withMembershipSync } from './membership-sync';
import type { StripeEventHandler } from './types';

/** The inbox's handler map: the registered ones, and each membership event running its own first, then the sync. */
export function stripeHandlersWith(registered: Readonly<Record<string, StripeEventHandler>>): Readonly<Record<string, StripeEventHandler>> {
  return {
    ...registered,
    ...Object.fromEntries(MEMBERSHIP_EVENTS.map((type) => [type, withMembershipSync(registered[type])])),
  };
}

export type { HandlerContext, HandlerOutcome, StripeEventHandler } from './types';
