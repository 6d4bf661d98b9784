// The Stripe event types the platform acts on. Coach payments register theirs through coach-os's index
// (one file per event beside the records they write); membership events then re-sync the customer they
// name (membership-sync.ts). Any type without a handler is acknowledged and marked ignored.
import { coachPaymentHandlers } from '../../coach-os';
import { MEMBERSHIP_EVENTS, withMembershipSync } from './membership-sync';
import type { StripeEventHandler } from './types';

// Membership events run their own handler first (coach payments share the webhook), then sync the customer.
export const stripeHandlers: Readonly<Record<string, StripeEventHandler>> = {
  ...coachPaymentHandlers,
  ...Object.fromEntries(MEMBERSHIP_EVENTS.map((type) => [type, withMembershipSync(coachPaymentHandlers[type])])),
};

export type { HandlerContext, HandlerOutcome, StripeEventHandler } from './types';
