// The entitlement checks routes and Remix loaders share (like http/guards.ts for roles): one rule set,
// read from the entitlements table through the membership service.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, AuthState, Viewer } from '../../context';
import { requireUser } from '../../http/guards';
import type { Feature, QuotaKind } from './entitlements';
import type { MembershipService, QuotaUse } from './membership.service';

/** The signed-in user, if their tier includes `feature`; else ENTITLEMENT_REQUIRED (403) naming the tier that does. */
export async function requireEntitlement(auth: AuthState, membership: MembershipService, feature: Feature): Promise<Viewer> {
  const viewer = await requireUser(auth);
  await membership.requireFeature(viewer.user.id, feature);
  return viewer;
}

/** Takes one unit of the signed-in athlete's monthly `kind`; QUOTA_EXCEEDED (429) with the reset time when none is left. */
export async function useQuota(
  auth: AuthState,
  membership: MembershipService,
  kind: QuotaKind,
): Promise<{ viewer: Viewer; use: QuotaUse }> {
  const viewer = await requireUser(auth);
  return { viewer, use: await membership.useQuota({ id: viewer.user.id, timeZone: viewer.user.timeZone }, kind) };
}

/** Marks a middleware with the feature it gates, so the gating matrix test finds every gated route in the route table. */
export type EntitledMiddleware = MiddlewareHandler<AppEnv> & { entitlement: Feature };

/** Route middleware: the request goes on only for a user whose tier includes `feature`. */
export function entitled(feature: Feature): EntitledMiddleware {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    await requireEntitlement(c.var.auth, c.var.services.membership, feature);
    await next();
  };
  return Object.assign(mw, { entitlement: feature });
}
