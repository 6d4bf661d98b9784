import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';

const Currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'A three-letter ISO currency code, e.g. usd')
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[a-z]{3}$/, 'A three-letter ISO currency code, e.g. usd'));
const LocalDate = z.iso.date('Use YYYY-MM-DD');
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM');

/** Largest single amount we accept: 10 million in major units. Keeps every sum far inside integer range. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

export const CheckoutLinkInput = z.object({ packageTypeId: z.uuid() }).openapi('CheckoutLinkInput');
export const CheckoutLink = z
  .object({
    url: z.url().openapi({ description: 'The hosted Stripe Checkout page to send to the client' }),
    checkoutSessionId: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('CheckoutLink');

export const CreateMoneyEventInput = z
  .object({
    kind: z.enum(['income', 'expense']).openapi({ description: 'Manual entries: cash (or other off-Stripe) income, or an expense' }),
    amountCents: z.number().int().min(1).max(MAX_AMOUNT_CENTS).openapi({ description: 'Integer minor units (cents), positive' }),
    currency: Currency,
    occurredOn: LocalDate.openapi({ description: 'The org-local date it happened' }),
    description: FreeText({ max: 200 }).default(''),
    category: FreeText({ min: 1, max: 60 }).optional().openapi({ description: 'Required for expenses (e.g. rent, equipment)' }),
    clientId: z.uuid().optional(),
    packageTypeId: z.uuid().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'expense' && !v.category)
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'Pick a category for the expense' });
  })
  .openapi('CreateMoneyEvent');
export type CreateMoneyEventInput = z.infer<typeof CreateMoneyEventInput>;

export const MoneyEvent = z
  .object({
    id: z.uuid(),
    kind: z.enum(['income', 'refund', 'expense']),
    amountCents: z.number().int(),
    currency: z.string(),
    occurredAt: z.iso.datetime(),
    occurredOn: z.string().openapi({ description: 'Org-local date' }),
    source: z.enum(['stripe', 'manual']),
    clientId: z.uuid().nullable(),
    clientName: z.string().nullable(),
    packageTypeId: z.uuid().nullable(),
    packageTypeName: z.string().nullable(),
    description: z.string(),
    category: z.string().nullable(),
    deletable: z.boolean().openapi({ description: 'Manual entries can be deleted; Stripe ones are refunded in Stripe instead' }),
  })
  .openapi('MoneyEvent');

export const PnlQuery = z.object({
  month: Month.openapi({ param: { name: 'month', in: 'query' }, example: '2026-11' }),
  currency: Currency.optional().openapi({
    param: { name: 'currency', in: 'query' },
    description: 'Defaults to the currency most used that month',
  }),
});

export const Pnl = z
  .object({
    month: z.string(),
    timeZone: z.string(),
    currency: z.string(),
    currencies: z.array(z.string()).openapi({ description: 'Every currency with money that month; amounts are never converted or mixed' }),
    incomeCents: z.number().int(),
    refundsCents: z.number().int(),
    expensesCents: z.number().int(),
    netCents: z.number().int().openapi({ description: 'income − refunds − expenses' }),
    byPackageType: z.array(
      z.object({
        packageTypeId: z.uuid().nullable(),
        name: z.string(),
        incomeCents: z.number().int(),
        refundsCents: z.number().int(),
        sales: z.number().int(),
      }),
    ),
    byCategory: z.array(z.object({ category: z.string(), expensesCents: z.number().int(), count: z.number().int() })),
    events: z.array(MoneyEvent),
  })
  .openapi('Pnl');
export type Pnl = z.infer<typeof Pnl>;

export const MoneyIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/** "12", "12.5", "12.50", "1,234.50" → integer cents without floating point; null when not a plain amount. */
export function parseAmountToCents(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
