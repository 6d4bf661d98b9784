// requireFeature / requireOrgFeature on tier facts that another statement read (tier-facts.repo.ts): an API key's
// request checks its owner's tier now without a round trip of its own (ADR 105).
import { type Feature, TIERS } from './entitlements';
import { entitlementRequired } from './membership.service';
import { orgHasTeam, resolveAthlete } from './tier';
import { tierFactsOf } from './tier-facts.repo';

export { tierFactsColumn } from './tier-facts.repo';

/** Throws ENTITLEMENT_REQUIRED as requireFeature (an athlete's tier has `feature`) or requireOrgFeature (on Team) would. */
export function requireFeatureIn(facts: unknown, owner: 'user' | 'org', feature: Feature, now: Date): void {
  const { mirror, grants } = tierFactsOf(facts);
  const has =
    owner === 'org' ? orgHasTeam(mirror, grants, now) : TIERS[resolveAthlete(mirror, grants, now).tier].features.includes(feature);
  if (!has) throw entitlementRequired(feature);
}
