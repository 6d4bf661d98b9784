import { z } from 'zod';
import type { StripeEventHandler } from '../../../stripe-inbox';
import { createStripeRecords } from '../stripe-records';
import { tenantFrom } from './metadata';

const Session = z.object({
  id: z.string().startsWith('cs_'),
  object: z.literal('checkout.session'),
  mode: z.string(),
  payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
  amount_total: z.number().int().min(0).nullable(),
  currency: z
    .string()
    .regex(/^[a-z]{3}$/i)
    .nullable(),
  payment_intent: z
    .union([z.string(), z.object({ id: z.string() })])
    .nullable()
    .optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

/**
 * checkout.session.completed (and async_payment_succeeded): a client paid a package link. The client
 * gets the package (unique on the session id) and the org an income; both at most once.
 */
export const checkoutSessionCompleted: StripeEventHandler = async (event, { tx, audit }) => {
  const parsed = Session.safeParse(event.data.object);
  if (!parsed.success) return 'invalid';
  const s = parsed.data;
  if (s.mode !== 'payment') return 'ignored';
  const ref = tenantFrom(s.metadata);
  if (!ref) return 'ignored';
  if (s.payment_status !== 'paid') return 'not_paid';
  return createStripeRecords(tx, audit).checkoutPaid({
    sessionId: s.id,
    paymentIntentId: typeof s.payment_intent === 'string' ? s.payment_intent : (s.payment_intent?.id ?? null),
    amountCents: s.amount_total ?? 0,
    currency: (s.currency ?? 'usd').toLowerCase(),
    paidAt: new Date(event.created * 1000),
    ref,
  });
};
