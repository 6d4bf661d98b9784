// How a payer's tier follows from the subscription mirror and grants, and how the monthly quota period
// is cut. Pure, so the rules are tested without Stripe or a database (ADR 015).
import { localParts, zonedToUtc } from '../../lib/dates';
import type { AthleteTier, Interval } from './entitlements';
import { ATHLETE_TIERS, higherTier } from './entitlements';

/** Days a past_due subscription keeps its tier (Stripe retries the card meanwhile); then Free until paid. */
export const PAST_DUE_GRACE_DAYS = 7;

export interface MirrorLike {
  stripeSubscriptionId: string;
  status: string;
  tier: string | null;
  interval: string | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
  hasPaymentMethod: boolean;
}

export interface GrantLike {
  id: string;
  kind: 'comp' | 'invite_trial';
  tier: string;
  endsAt: Date;
}

export type AccessState = 'trialing' | 'active' | 'past_due' | 'canceling';

/** Whether one subscription gives access now, and in which state (null: no access). */
export function accessOf(m: MirrorLike, now: Date): AccessState | null {
  if (m.status === 'trialing') return 'trialing';
  if (m.status === 'active') return m.cancelAtPeriodEnd ? 'canceling' : 'active';
  if (m.status === 'past_due') {
    const since = m.pastDueSince ?? now;
    return now.getTime() - since.getTime() < PAST_DUE_GRACE_DAYS * 86_400_000 ? 'past_due' : null;
  }
  // canceled, unpaid, incomplete, incomplete_expired, paused: no access (Free), data kept.
  return null;
}

export const graceEndsAt = (m: MirrorLike, now: Date) => new Date((m.pastDueSince ?? now).getTime() + PAST_DUE_GRACE_DAYS * 86_400_000);

export interface Resolved {
  tier: AthleteTier;
  /** What gives the tier: the subscription that gives the most, else the longest grant, else nothing. */
  source: 'subscription' | 'comp' | 'invite_trial' | 'free';
  subscription: (MirrorLike & { access: AccessState; interval: Interval | null }) | null;
  grant: GrantLike | null;
}

const isAthleteTier = (t: string | null): t is AthleteTier => t !== null && (ATHLETE_TIERS as readonly string[]).includes(t);

/** An athlete's tier: the best of their subscriptions with access and their active grants. */
export function resolveAthlete(mirror: readonly MirrorLike[], grants: readonly GrantLike[], now: Date): Resolved {
  let best: Resolved = { tier: 'free', source: 'free', subscription: null, grant: null };
  for (const m of mirror) {
    const access = accessOf(m, now);
    if (!access || !isAthleteTier(m.tier)) continue;
    if (best.source === 'free' || higherTier(m.tier, best.tier) !== best.tier)
      best = { tier: m.tier, source: 'subscription', subscription: { ...m, access, interval: m.interval as Interval | null }, grant: null };
  }
  for (const g of grants) {
    if (!isAthleteTier(g.tier) || g.endsAt <= now) continue;
    // A grant wins only when it gives more than the subscription (a paying athlete's comp to Elite).
    if (best.source === 'free' || (higherTier(g.tier, best.tier) === g.tier && g.tier !== best.tier))
      best = { tier: g.tier, source: g.kind, subscription: best.subscription, grant: g };
  }
  return best;
}

/** An org's Team plan: the subscription giving access, if any. */
export function resolveOrg(mirror: readonly MirrorLike[], now: Date): (MirrorLike & { access: AccessState }) | null {
  for (const m of mirror) {
    const access = accessOf(m, now);
    if (access && m.tier === 'team') return { ...m, access };
  }
  return null;
}

/** Whether the org is on Team now: a Team subscription with access, or an active Team grant (an operator's comp). */
export const orgHasTeam = (mirror: readonly MirrorLike[], grants: readonly GrantLike[], now: Date) =>
  resolveOrg(mirror, now) !== null || grants.some((g) => g.tier === 'team' && g.endsAt > now);

/**
 * The quota month: the athlete's local calendar month (YYYY-MM), so "5 a month" resets at local
 * midnight on the 1st wherever they live; resetsAt is that instant in UTC.
 */
export function quotaPeriod(now: Date, timeZone: string): { period: string; resetsAt: Date } {
  const today = localParts(now, timeZone).date;
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { period: today.slice(0, 7), resetsAt: zonedToUtc(next, '00:00', timeZone) };
}
