import type { InvoiceSummary } from '../../providers/stripe/stripe-billing';
import type { Feature, Interval, QuotaKind, Tier } from './entitlements';
import { FEATURES, QUOTAS, TIERS } from './entitlements';
import type { GrantRow } from './membership.repo';
import type { MembershipService } from './membership.service';
import type { MirrorLike } from './tier';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentSubscription(s: (MirrorLike & { access: 'trialing' | 'active' | 'past_due' | 'canceling' }) | null) {
  if (!s) return null;
  return {
    status: s.status,
    access: s.access,
    tier: s.tier,
    interval: (s.interval === 'month' || s.interval === 'year' ? s.interval : null) as Interval | null,
    currentPeriodEnd: iso(s.currentPeriodEnd),
    trialEnd: iso(s.trialEnd),
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    hasPaymentMethod: s.hasPaymentMethod,
  };
}

export function presentStatus(s: Awaited<ReturnType<MembershipService['status']>>) {
  return {
    tier: s.tier,
    source: s.source,
    subscription: presentSubscription(s.subscription),
    grant: s.grant ? { kind: s.grant.kind, tier: s.grant.tier, endsAt: s.grant.endsAt.toISOString() } : null,
    pastDue: s.pastDue ? { since: s.pastDue.since.toISOString(), graceEndsAt: s.pastDue.graceEndsAt.toISOString() } : null,
    trialAvailable: s.trialAvailable,
    hasCustomer: s.hasCustomer,
    entitlements: s.entitlements,
    usage: s.usage.map((u) => ({ ...u, resetsAt: u.resetsAt.toISOString() })),
  };
}

/** The pricing page's data: straight from the entitlements table. */
export function presentCatalog(current: Tier | null) {
  return {
    tiers: (Object.keys(TIERS) as Tier[]).map((id) => {
      const t = TIERS[id];
      return {
        id,
        name: t.name,
        tagline: t.tagline,
        audience: id === 'team' ? ('coach' as const) : ('athlete' as const),
        features: [...t.features],
        quotas: { ...t.quotas },
        prices: (['month', 'year'] as const).flatMap((interval) => {
          const p = t.prices[interval];
          return p ? [{ interval, amountCents: p.amountCents, currency: t.currency }] : [];
        }),
        seats: t.seats ?? null,
      };
    }),
    features: (Object.keys(FEATURES) as Feature[]).map((id) => ({ id, label: FEATURES[id].label, scope: FEATURES[id].scope })),
    quotas: (Object.keys(QUOTAS) as QuotaKind[]).map((id) => ({ id, label: QUOTAS[id].label })),
    current,
  };
}

export const presentInvoice = (i: InvoiceSummary) => ({
  ...i,
  created: i.created.toISOString(),
  periodStart: iso(i.periodStart),
  periodEnd: iso(i.periodEnd),
});

export const presentGrant = (g: GrantRow) => ({
  id: g.id,
  kind: g.kind,
  tier: g.tier,
  startsAt: g.startsAt.toISOString(),
  endsAt: g.endsAt.toISOString(),
  reason: g.reason,
  revokedAt: iso(g.revokedAt),
});
