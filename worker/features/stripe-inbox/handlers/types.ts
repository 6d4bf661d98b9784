import type { Executor } from '../../../db/executor';
import type { Logger } from '../../../lib/logger';
import type { StripeEventEnvelope } from '../../../providers/stripe/stripe';
import type { AuditService } from '../../audit';

/**
 * processed: it changed something · duplicate: its effect was already there · ignored: not ours or not
 * relevant (unknown type, no Cadence metadata) · unresolved: names an org/client we do not have ·
 * not_paid: a checkout that completed without payment · retry: cannot be placed yet (try again later).
 */
export type HandlerOutcome = 'processed' | 'duplicate' | 'ignored' | 'unresolved' | 'not_paid' | 'invalid' | 'retry';

export interface HandlerContext {
  /** The transaction holding the stored event's row lock; every write goes through it. */
  tx: Executor;
  /** The audit log, written in that same transaction (`audit.record(event, tx)`). */
  audit: AuditService;
  logger: Logger;
  /** Re-reads a customer's subscriptions from Stripe into the membership mirror (absent where no Stripe Billing is wired). */
  billingSync?: { syncCustomer(customerId: string, tx: Executor): Promise<'synced' | 'unknown_customer'> };
}

export type StripeEventHandler = (event: StripeEventEnvelope, ctx: HandlerContext) => Promise<HandlerOutcome>;
