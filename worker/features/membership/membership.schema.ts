import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { FEATURES, QUOTAS } from './entitlements';

const TierName = z.enum(['free', 'pro', 'elite', 'team']);
const IntervalName = z.enum(['month', 'year']);
const FeatureName = z.enum(Object.keys(FEATURES) as [keyof typeof FEATURES, ...(keyof typeof FEATURES)[]]);
const QuotaName = z.enum(Object.keys(QUOTAS) as [keyof typeof QUOTAS, ...(keyof typeof QUOTAS)[]]);

export const EntitlementsSchema = z
  .object({
    tier: TierName,
    features: z.record(FeatureName, z.boolean()),
    quotas: z.record(QuotaName, z.number().int().nullable()).openapi({ description: 'Monthly allowance per kind; null = unlimited' }),
  })
  .openapi('Entitlements');

export const UsageSchema = z.object({
  kind: QuotaName,
  label: z.string(),
  used: z.number().int(),
  limit: z.number().int().nullable(),
  resetsAt: z.string().openapi({ description: 'Start of the next month in your time zone (UTC instant)' }),
});

export const MembershipStatus = z
  .object({
    tier: TierName,
    source: z.enum(['subscription', 'comp', 'invite_trial', 'free']),
    subscription: z
      .object({
        status: z.string(),
        access: z.enum(['trialing', 'active', 'past_due', 'canceling']),
        tier: z.string().nullable(),
        interval: IntervalName.nullable(),
        currentPeriodEnd: z.string().nullable(),
        trialEnd: z.string().nullable(),
        cancelAtPeriodEnd: z.boolean(),
        hasPaymentMethod: z.boolean(),
      })
      .nullable(),
    grant: z.object({ kind: z.enum(['comp', 'invite_trial']), tier: z.string(), endsAt: z.string() }).nullable(),
    pastDue: z.object({ since: z.string(), graceEndsAt: z.string() }).nullable(),
    trialAvailable: z.boolean(),
    hasCustomer: z.boolean(),
    entitlements: EntitlementsSchema,
    usage: z.array(UsageSchema),
  })
  .openapi('MembershipStatus');

export const PlanCatalog = z
  .object({
    tiers: z.array(
      z.object({
        id: TierName,
        name: z.string(),
        tagline: z.string(),
        audience: z.enum(['athlete', 'coach']),
        features: z.array(FeatureName),
        quotas: z.record(QuotaName, z.number().int().nullable()),
        prices: z.array(z.object({ interval: IntervalName, amountCents: z.number().int(), currency: z.string() })),
        seats: z.number().int().nullable(),
      }),
    ),
    features: z.array(z.object({ id: FeatureName, label: z.string(), scope: z.enum(['athlete', 'org']) })),
    quotas: z.array(z.object({ id: QuotaName, label: z.string() })),
    current: TierName.nullable().openapi({ description: 'Your tier when signed in' }),
  })
  .openapi('PlanCatalog');

export const CheckoutInput = z
  .object({ tier: z.enum(['pro', 'elite']), interval: IntervalName })
  .strict()
  .openapi('MembershipCheckoutInput');
export const TeamCheckoutInput = z.object({ interval: IntervalName }).strict().openapi('TeamCheckoutInput');
export const RedirectUrl = z.object({ url: z.string() }).openapi('RedirectUrl');
export const SyncInput = z
  .object({ sessionId: z.string().regex(/^cs_[A-Za-z0-9_]{1,200}$/, 'Not a Checkout Session id') })
  .strict()
  .openapi('MembershipSyncInput');

export const Invoice = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.string().nullable(),
  amountDueCents: z.number().int(),
  amountPaidCents: z.number().int(),
  currency: z.string(),
  created: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  hostedInvoiceUrl: z.string().nullable(),
});
export const InvoiceList = z.object({ invoices: z.array(Invoice) }).openapi('InvoiceList');

export const TeamStatus = z
  .object({
    plan: z.enum(['team']).nullable(),
    subscription: MembershipStatus.shape.subscription,
    /** An operator's Team comp, when that is what gives the plan (or adds to it). */
    comp: z.object({ endsAt: z.string() }).nullable(),
    limits: z.object({ activeClientsWithoutTeam: z.number().int(), seats: z.number().int() }),
    isOwner: z.boolean(),
  })
  .openapi('TeamBillingStatus');

/** Why an operator comps: kept on the grant and in the audit row. */
const CompReason = FreeText({ min: 3, max: 300, multiline: true });

export const CompInput = z
  .object({
    tier: z.enum(['pro', 'elite']),
    days: z.number().int().min(1).max(366),
    reason: CompReason,
  })
  .strict()
  .openapi('CompGrantInput');
export const Grant = z.object({
  id: z.string(),
  kind: z.enum(['comp', 'invite_trial']),
  tier: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  revokedAt: z.string().nullable(),
});
export const GrantParam = z.object({ userId: z.uuid(), grantId: z.uuid() });

export const OrgIdParam = z.object({ orgId: z.uuid() });
export const OrgGrantParam = z.object({ orgId: z.uuid(), grantId: z.uuid() });
export const OrgCompInput = z
  .object({ days: z.number().int().min(1).max(366), reason: CompReason })
  .strict()
  .openapi('OrgCompInput');
export const TeamMirror = z
  .object({
    plan: z.enum(['team']).nullable(),
    subscription: MembershipStatus.shape.subscription,
    subscriptions: z.number().int(),
    grants: z.array(Grant),
  })
  .openapi('TeamMirror');
const TierCounts = z.object({ pro: z.number().int(), elite: z.number().int(), team: z.number().int() });
export const Figures = z
  .object({
    asOf: z.string(),
    subscribers: TierCounts.openapi({ description: 'Paying (active, canceling or past_due in grace) by tier' }),
    trialing: TierCounts,
    mrrCents: z.number().int().openapi({ description: 'Monthly recurring revenue; yearly prices spread over 12 months' }),
    currency: z.literal('usd'),
    trials: z.object({ startedThisMonth: z.number().int(), converted: z.number().int(), conversionRate: z.number().nullable() }),
    churn: z.object({ canceledThisMonth: z.number().int(), rate: z.number().nullable() }),
  })
  .openapi('MembershipFigures');
export const BillingEvents = z
  .object({
    events: z.array(
      z.object({
        stripeEventId: z.string(),
        type: z.string(),
        created: z.string(),
        receivedAt: z.string(),
        processedAt: z.string().nullable(),
        outcome: z.string().nullable(),
        attempts: z.number().int(),
      }),
    ),
  })
  .openapi('BillingEvents');
