import { z } from 'zod';
import type { StripeEventHandler } from '../../../stripe-inbox';
import { createStripeRecords } from '../stripe-records';
import { tenantFrom } from './metadata';

const Charge = z.object({
  id: z.string().startsWith('ch_'),
  object: z.literal('charge'),
  amount: z.number().int().min(0),
  amount_refunded: z.number().int().min(0),
  currency: z.string().regex(/^[a-z]{3}$/i),
  payment_intent: z
    .union([z.string(), z.object({ id: z.string() })])
    .nullable()
    .optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

/**
 * charge.refunded: the charge's running refunded total becomes refund rows (see chargeRefunded).
 * Placed through the payment we recorded or the charge's metadata; with neither, it waits for the
 * payment's own event (retried with backoff) instead of being dropped.
 */
export const chargeRefunded: StripeEventHandler = async (event, { tx, audit }) => {
  const parsed = Charge.safeParse(event.data.object);
  if (!parsed.success) return 'invalid';
  const ch = parsed.data;
  if (ch.amount_refunded === 0) return 'ignored';
  return createStripeRecords(tx, audit).chargeRefunded({
    chargeId: ch.id,
    paymentRef: typeof ch.payment_intent === 'string' ? ch.payment_intent : (ch.payment_intent?.id ?? null),
    amountRefunded: Math.min(ch.amount_refunded, ch.amount),
    currency: ch.currency.toLowerCase(),
    refundedAt: new Date(event.created * 1000),
    ref: tenantFrom(ch.metadata),
  });
};
