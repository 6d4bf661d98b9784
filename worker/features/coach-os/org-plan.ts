// What the coach console asks of memberships: whether the org is on Team. The wiring hands in the
// membership service; coach-os never reads billing tables itself (ADR 015: Team gating).
import type { Feature } from '../membership';

export interface OrgPlan {
  /** True while a Team subscription or an operator's Team comp gives the org access. */
  hasTeam(orgId: string): Promise<boolean>;
  /** Throws ENTITLEMENT_REQUIRED (403, naming the feature and Team) unless the org is on Team. */
  requireOrgFeature(orgId: string, feature: Feature): Promise<void>;
}
