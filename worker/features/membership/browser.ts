// What the browser bundle may import from this feature: plain modules only (no drizzle, services or
// bindings). Server code, pages' loaders and other features use index.ts.
// The pricing page and upgrade prompts read the entitlements table itself, so no page keeps its own list.
export { ATHLETE_TIERS, FEATURES, FREE_ORG_ACTIVE_CLIENTS, QUOTAS, TIERS, hasFeature, unlockingTier, upgradePath } from './entitlements';
export type { AthleteTier, Feature, Interval, QuotaKind, Tier, TierDefinition } from './entitlements';
