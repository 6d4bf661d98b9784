import { z } from 'zod';
import type { StripeEventHandler } from '../../../stripe-inbox';
import { createStripeRecords } from '../stripe-records';
import { tenantFrom } from './metadata';

const Invoice = z.object({
  id: z.string().startsWith('in_'),
  object: z.literal('invoice'),
  amount_paid: z.number().int().min(0),
  currency: z.string().regex(/^[a-z]{3}$/i),
  description: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  // Before API 2025-03-31 the payment intent sat on the invoice; newer invoices list payments instead.
  payment_intent: z
    .union([z.string(), z.object({ id: z.string() })])
    .nullable()
    .optional(),
  status_transitions: z.object({ paid_at: z.number().int().nullable().optional() }).partial().optional(),
  parent: z
    .object({
      subscription_details: z
        .object({ metadata: z.record(z.string(), z.string()).nullable().optional() })
        .nullable()
        .optional(),
    })
    .partial()
    .nullable()
    .optional(),
  subscription_details: z
    .object({ metadata: z.record(z.string(), z.string()).nullable().optional() })
    .nullable()
    .optional(),
});

/** invoice.paid: one income keyed by the invoice id (subscriptions and one-off invoices alike). */
export const invoicePaid: StripeEventHandler = async (event, { tx, audit }) => {
  const parsed = Invoice.safeParse(event.data.object);
  if (!parsed.success) return 'invalid';
  const inv = parsed.data;
  const ref = tenantFrom(inv.metadata, inv.parent?.subscription_details?.metadata, inv.subscription_details?.metadata);
  if (!ref) return 'ignored';
  if (inv.amount_paid === 0) return 'ignored';
  const paidAt = inv.status_transitions?.paid_at ?? event.created;
  return createStripeRecords(tx, audit).invoicePaid({
    invoiceId: inv.id,
    paymentRef: typeof inv.payment_intent === 'string' ? inv.payment_intent : (inv.payment_intent?.id ?? null),
    amountCents: inv.amount_paid,
    currency: inv.currency.toLowerCase(),
    paidAt: new Date(paidAt * 1000),
    ref,
    description: inv.description ? `Stripe invoice: ${inv.description.slice(0, 150)}` : 'Stripe invoice',
  });
};
