// An owner's tier facts as one column of another statement (ADR 105): an API key's request reads its key, its owner
// and the owner's tier in one round trip. The same facts resolve() reads (the mirrored subscriptions, the grants in
// force at `now`), as JSON; tierFactsOf turns them back into what the rules in tier.ts take.
import { type SQL, sql } from 'drizzle-orm';
import { billingCustomers, membershipGrants, subscriptionMirror } from '../../db/schema';
import type { GrantLike, MirrorLike } from './tier';

/** `owner`: the statement's expressions of the user and org (null for an athlete's own); the org's facts when it has one. */
export function tierFactsColumn(owner: { userId: SQL; orgId: SQL }, now: Date): SQL<unknown> {
  const m = subscriptionMirror;
  const g = membershipGrants;
  return sql`json_build_object(
    'mirror', coalesce((select json_agg(json_build_object('stripeSubscriptionId', ${m.stripeSubscriptionId},
        'status', ${m.status}, 'tier', ${m.tier}, 'interval', ${m.interval}, 'currentPeriodEnd', ${m.currentPeriodEnd},
        'trialEnd', ${m.trialEnd}, 'cancelAtPeriodEnd', ${m.cancelAtPeriodEnd}, 'pastDueSince', ${m.pastDueSince},
        'hasPaymentMethod', ${m.hasPaymentMethod}))
      from ${m} join ${billingCustomers} on ${billingCustomers.stripeCustomerId} = ${m.stripeCustomerId}
      where ${billingCustomers.ownerType} = (case when ${owner.orgId} is null then 'user' else 'org' end)::billing_owner_type
        and ${billingCustomers.ownerId} = coalesce(${owner.orgId}, ${owner.userId})), '[]'::json),
    'grants', coalesce((select json_agg(json_build_object('id', ${g.id}, 'kind', ${g.kind}, 'tier', ${g.tier},
        'endsAt', ${g.endsAt}) order by ${g.endsAt} desc)
      from ${g}
      where ((${owner.orgId} is null and ${g.userId} = ${owner.userId}) or ${g.orgId} = ${owner.orgId})
        and ${g.revokedAt} is null and ${g.startsAt} <= ${now} and ${g.endsAt} > ${now}), '[]'::json))`;
}

type Json = Record<string, unknown>;
const date = (v: unknown): Date | null => (v == null ? null : new Date(String(v)));

/** The column's value as the rules take it (timestamps arrive as JSON strings). */
export function tierFactsOf(value: unknown): { mirror: MirrorLike[]; grants: GrantLike[] } {
  const facts = (typeof value === 'string' ? JSON.parse(value) : value) as { mirror: Json[]; grants: Json[] };
  return {
    mirror: facts.mirror.map((r) => ({
      stripeSubscriptionId: String(r.stripeSubscriptionId),
      status: String(r.status),
      tier: (r.tier as string | null) ?? null,
      interval: (r.interval as string | null) ?? null,
      currentPeriodEnd: date(r.currentPeriodEnd),
      trialEnd: date(r.trialEnd),
      cancelAtPeriodEnd: r.cancelAtPeriodEnd === true,
      pastDueSince: date(r.pastDueSince),
      hasPaymentMethod: r.hasPaymentMethod === true,
    })),
    grants: facts.grants.map((r) => ({
      id: String(r.id),
      kind: r.kind as GrantLike['kind'],
      tier: String(r.tier),
      endsAt: new Date(String(r.endsAt)),
    })),
  };
}
