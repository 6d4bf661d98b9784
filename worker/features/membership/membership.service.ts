import type { Db, HttpDb } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { todayIn } from '../../lib/dates';
import { AppError, ErrorCode } from '../../lib/errors';
import { formatDay } from '../../lib/format';
import type { Actor, AuditService } from '../audit';
import type { AthleteTier, Entitlements, Feature, QuotaKind, Tier } from './entitlements';
import { FEATURES, QUOTAS, TIERS, entitlementsOf, priceOf, unlockingTier } from './entitlements';
import { createFiguresRepo } from './figures.repo';
import { createGrants, type GrantRecorder } from './grants';
import { activeGrantsQuery, createMembershipRepo, mirrorOfOwnerQuery } from './membership.repo';
import { accessOf, graceEndsAt, orgHasTeam, quotaPeriod, resolveAthlete, resolveOrg } from './tier';
import type { Resolved } from './tier';

/** The athlete as membership needs them (a Viewer's user has these). */
export interface Member {
  id: string;
  timeZone: string;
}

export interface QuotaUse {
  unitId: string;
  /** The tier the unit was taken under (callers that route by tier need not resolve it again). */
  tier: AthleteTier;
  used: number;
  limit: number | null;
  resetsAt: Date;
}

/** ENTITLEMENT_REQUIRED (403): names the feature and the cheapest tier that includes it. */
export function entitlementRequired(feature: Feature): AppError {
  const requiredTier = unlockingTier(feature);
  return new AppError(ErrorCode.ENTITLEMENT_REQUIRED, `${FEATURES[feature].label}: part of the ${TIERS[requiredTier].name} plan.`, {
    entitlement: { feature, requiredTier },
  });
}

/**
 * Tiers, entitlements and monthly quotas, read from the subscription mirror and grants. Stripe is not
 * called here: syncCustomer (billing-sync.service.ts) is the only writer of what this reads.
 * `tierDb`: where an athlete's tier is read (the HTTP driver in the worker, as the session lookup: `/me`
 * and a page's entitlement check then open no pool connection).
 */
export function createMembershipService(deps: { db: Db; clock: Clock; audit: AuditService; tierDb?: HttpDb }) {
  const repo = createMembershipRepo(deps.db);
  const grants = createGrants(deps);

  /** The 429 for a used-up allowance: the limit, what is used and when it comes back (the day in the athlete's zone). */
  async function quotaExceeded(member: Member, kind: QuotaKind, tier: AthleteTier, limit: number | null): Promise<AppError> {
    const { period, resetsAt } = quotaPeriod(deps.clock.now(), member.timeZone);
    const used = (await repo.usage(member.id, period))[kind] ?? 0;
    return new AppError(
      ErrorCode.QUOTA_EXCEEDED,
      `You have used your ${limit} ${QUOTAS[kind].label.toLowerCase()} for this month; more on ${formatDay(todayIn(member.timeZone, resetsAt))}${tier === 'free' ? ', or with Pro' : ''}.`,
      {
        quota: { kind, limit: limit ?? 0, used, resetsAt: resetsAt.toISOString() },
        // A 429's Retry-After: when the month turns over for this athlete.
        retryAfterSeconds: Math.max(1, Math.ceil((resetsAt.getTime() - deps.clock.now().getTime()) / 1000)),
      },
    );
  }

  async function resolve(userId: string): Promise<Resolved> {
    const now = deps.clock.now();
    if (deps.tierDb) {
      // Both reads in one HTTP request (a batch): one round trip, and no pool connection.
      const [mirror, grants] = await deps.tierDb.batch([
        mirrorOfOwnerQuery(deps.tierDb, 'user', userId),
        activeGrantsQuery(deps.tierDb, { type: 'user', id: userId }, now),
      ]);
      return resolveAthlete(
        mirror.map((r) => r.m),
        grants,
        now,
      );
    }
    // One after the other on purpose: in parallel the second read opens another pooled connection per request.
    const mirror = await repo.mirrorOfOwner('user', userId);
    const grants = await repo.activeGrants({ type: 'user', id: userId }, now);
    return resolveAthlete(mirror, grants, now);
  }

  /** The org's plan: on Team or not, and what gives it (a subscription with access, an operator's comp). */
  async function orgStatus(orgId: string) {
    const now = deps.clock.now();
    const mirror = await repo.mirrorOfOwner('org', orgId);
    const grants = await repo.activeGrants({ type: 'org', id: orgId }, now);
    return {
      team: orgHasTeam(mirror, grants, now),
      subscription: resolveOrg(mirror, now),
      grant: grants.find((g) => g.tier === 'team') ?? null,
    };
  }
  const hasTeam = async (orgId: string) => (await orgStatus(orgId)).team;

  return {
    resolve,

    /** Several athletes' tiers in two reads (a list page), the same rule as resolve(). */
    async tiersOf(userIds: string[]): Promise<Map<string, Resolved['tier']>> {
      const now = deps.clock.now();
      const mirrors = await repo.mirrorsOfUsers(userIds);
      const grants = await repo.grantsOfUsers(userIds, now);
      return new Map(
        userIds.map((id) => [
          id,
          resolveAthlete(
            mirrors.filter((m) => m.ownerId === id),
            grants.filter((g) => g.userId === id),
            now,
          ).tier,
        ]),
      );
    },

    async entitlements(userId: string): Promise<Entitlements> {
      return entitlementsOf((await resolve(userId)).tier);
    },

    /** Throws ENTITLEMENT_REQUIRED (403, naming the feature and the tier that unlocks it) unless the athlete has it. */
    async requireFeature(userId: string, feature: Feature): Promise<AthleteTier> {
      const { tier } = await resolve(userId);
      if (!TIERS[tier].features.includes(feature)) throw entitlementRequired(feature);
      return tier;
    },

    /** The org's plan: 'team' while a Team subscription or an operator's Team comp gives access, else null (free coaching). */
    orgPlan: async (orgId: string): Promise<Tier | null> => ((await hasTeam(orgId)) ? 'team' : null),

    /** Whether the org is on Team now (coach-os asks this before SMS, automations, staff and a 4th active client). */
    hasTeam,
    orgStatus,

    orgGrants: (orgId: string) => repo.activeGrants({ type: 'org', id: orgId }, deps.clock.now()),

    /** Operators: Team for an org without Stripe, for `days` (audited). */
    grantOrgComp: (actor: Actor, orgId: string, input: { days: number; reason: string }) =>
      grants.comp(actor, { type: 'org', id: orgId }, { ...input, tier: 'team' }),
    revokeOrgComp: (actor: Actor, orgId: string, grantId: string) => grants.revoke(actor, { type: 'org', id: orgId }, grantId),

    /** The org's mirrored subscriptions (the coach billing page shows the Team one). */
    orgMirror: (orgId: string) => repo.mirrorOfOwner('org', orgId),

    /** Throws ENTITLEMENT_REQUIRED (403, naming the feature and Team) unless the org is on Team. */
    async requireOrgFeature(orgId: string, feature: Feature): Promise<void> {
      if (!(await hasTeam(orgId))) throw entitlementRequired(feature);
    },

    /**
     * Takes one unit of a monthly allowance, atomically (concurrent requests at the limit: exactly the
     * remaining ones succeed). Throws QUOTA_EXCEEDED (429) with the limit and when it resets.
     */
    async useQuota(member: Member, kind: QuotaKind): Promise<QuotaUse> {
      const { tier } = await resolve(member.id);
      const limit = TIERS[tier].quotas[kind];
      const { period, resetsAt } = quotaPeriod(deps.clock.now(), member.timeZone);
      const taken = limit === 0 ? null : await repo.take(member.id, kind, period, limit);
      if (!taken) throw await quotaExceeded(member, kind, tier, limit);
      return { unitId: taken.unitId, tier, used: taken.used, limit, resetsAt };
    },

    /**
     * QUOTA_EXCEEDED (429), as useQuota would throw it, when nothing is left; takes nothing. For a caller that
     * must refuse the limit before another refusal (the AI coach: before "still answering").
     */
    async requireQuota(member: Member, kind: QuotaKind): Promise<void> {
      const { tier } = await resolve(member.id);
      const limit = TIERS[tier].quotas[kind];
      if (limit === null) return;
      const { period } = quotaPeriod(deps.clock.now(), member.timeZone);
      if (((await repo.usage(member.id, period))[kind] ?? 0) >= limit) throw await quotaExceeded(member, kind, tier, limit);
    },

    /** Gives back a unit that bought nothing (e.g. a coach answer that failed before any text); once. */
    async refundQuota(userId: string, unitId: string): Promise<boolean> {
      return deps.db.transaction((tx) => createMembershipRepo(tx).refund(userId, unitId, deps.clock.now()));
    },

    /** This month's usage against the limits of the athlete's tier. */
    async usage(member: Member, tier?: AthleteTier) {
      const t = tier ?? (await resolve(member.id)).tier;
      const { period, resetsAt } = quotaPeriod(deps.clock.now(), member.timeZone);
      const used = await repo.usage(member.id, period);
      return (Object.keys(QUOTAS) as QuotaKind[]).map((kind) => ({
        kind,
        label: QUOTAS[kind].label,
        used: used[kind] ?? 0,
        limit: TIERS[t].quotas[kind],
        resetsAt,
      }));
    },

    /** The Membership page: tier, what gives it, renewal or trial dates, a past-due warning, usage. */
    async status(member: Member) {
      const now = deps.clock.now();
      const resolved = await resolve(member.id);
      const sub = resolved.subscription;
      return {
        ...resolved,
        entitlements: entitlementsOf(resolved.tier),
        pastDue: sub?.access === 'past_due' ? { since: sub.pastDueSince ?? now, graceEndsAt: graceEndsAt(sub, now) } : null,
        trialAvailable: !(await repo.trialUsed(member.id)) && resolved.source === 'free',
        hasCustomer: (await repo.customerOf('user', member.id)) !== null,
        usage: await this.usage(member, resolved.tier),
      };
    },

    /** Operators: a time-bound tier without Stripe (audited). */
    grantComp: (actor: Actor, userId: string, input: { tier: 'pro' | 'elite'; days: number; reason: string }) =>
      grants.comp(actor, { type: 'user', id: userId }, input),
    revokeComp: (actor: Actor, userId: string, grantId: string) => grants.revoke(actor, { type: 'user', id: userId }, grantId),
    /** An invite code's trial (invites call it inside the sign-up's transaction). */
    grantInviteTrial: grants.inviteTrial,
    /**
     * Operators' grants for an athlete (a comp, or a trial: kind invite_trial, a no-card Pro that ends to
     * Free) with the operator action's own audit row written by `record` in the grant's transaction.
     */
    operatorGrant: (
      actor: Actor,
      userId: string,
      input: { kind: 'comp' | 'invite_trial'; tier: 'pro' | 'elite'; days: number; reason: string },
      record: GrantRecorder,
    ) => grants.comp(actor, { type: 'user', id: userId }, input, { kind: input.kind, record }),
    operatorRevoke: (actor: Actor, userId: string, grantId: string, kind: 'comp' | 'invite_trial', record: GrantRecorder) =>
      grants.revoke(actor, { type: 'user', id: userId }, grantId, { kind, record }),

    grantsOf: (userId: string) => repo.grantsOf(userId),

    /**
     * Operators' figures: paying subscribers by tier (trials counted apart), MRR in cents (yearly prices
     * spread over 12 months; trials count nothing), self-serve trials started this UTC month and how many
     * now pay, and subscriptions canceled this month against those live at its start.
     */
    async figures() {
      const now = deps.clock.now();
      const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
      const figures = createFiguresRepo(deps.db);
      const [rows, trials] = await Promise.all([figures.mirror(), figures.trials(monthStart)]);
      type Paid = 'pro' | 'elite' | 'team';
      const subscribers: Record<Paid, number> = { pro: 0, elite: 0, team: 0 };
      const trialing: Record<Paid, number> = { pro: 0, elite: 0, team: 0 };
      let mrrCents = 0;
      let canceledThisMonth = 0;
      for (const r of rows) {
        const access = accessOf(
          {
            ...r,
            stripeSubscriptionId: '',
            interval: null,
            currentPeriodEnd: null,
            trialEnd: null,
            cancelAtPeriodEnd: false,
            hasPaymentMethod: false,
          },
          now,
        );
        if (r.canceledAt && r.canceledAt >= monthStart) canceledThisMonth++;
        if (!access || !r.tier || !(r.tier in subscribers)) continue;
        const tier = r.tier as Paid;
        if (access === 'trialing') {
          trialing[tier]++;
          continue;
        }
        subscribers[tier]++;
        const sold = priceOf(r.priceLookupKey);
        const price = sold ? TIERS[sold.tier].prices[sold.interval] : undefined;
        if (sold && price) mrrCents += sold.interval === 'year' ? Math.round(price.amountCents / 12) : price.amountCents;
      }
      const paying = Object.values(subscribers).reduce((a, b) => a + b, 0);
      const atMonthStart = paying + canceledThisMonth;
      return {
        asOf: now.toISOString(),
        subscribers,
        trialing,
        mrrCents,
        currency: 'usd' as const,
        trials: {
          startedThisMonth: trials.started,
          converted: trials.converted,
          conversionRate: trials.started ? trials.converted / trials.started : null,
        },
        churn: { canceledThisMonth, rate: atMonthStart ? canceledThisMonth / atMonthStart : null },
      };
    },
  };
}
export type MembershipService = ReturnType<typeof createMembershipService>;
