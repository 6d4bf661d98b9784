// What every coach route shares: the signed-in coach's org, and the OpenAPI bits of a session route.
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { errorResponses } from '../../http/openapi-shared';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Access } from '../../http/access';
import { actorOf, requireUser } from '../../http/guards';
import type { EntitledMiddleware, Feature } from '../membership';
import type { Member } from './coach-os.service';

export const coachSecurity = [{ session: [] }];
export const coachErrors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

// One lookup per request, shared by a route's middleware and its handler.
const members = new WeakMap<Request, Promise<Member>>();

/** The signed-in coach's org; every coach route is scoped to it, so other orgs' ids are simply not found. */
export function member(c: Context<AppEnv>): Promise<Member> {
  let m = members.get(c.req.raw);
  if (!m) {
    m = lookUp(c);
    members.set(c.req.raw, m);
  }
  return m;
}

async function lookUp(c: Context<AppEnv>): Promise<Member> {
  const viewer = await requireUser(c.var.auth);
  const m = await c.var.services.coach.membership(actorOf(viewer));
  if (!m) throw new AppError(ErrorCode.NOT_FOUND, 'You are not part of a coaching organisation yet.');
  return m;
}

/** A coach route's access: a member of an organisation (404 to anyone else, so no org's routes are revealed). */
export const orgMember: Access = { kind: 'org-member', check: member };

/** An owner-only coach route's access: a member as above, and 403 with `message` to a staff coach. */
export const orgOwner = (message: string): Access => ({
  kind: 'org-owner',
  check: async (c) => {
    if ((await member(c)).role !== 'owner') throw new AppError(ErrorCode.FORBIDDEN, message);
  },
});

/**
 * Route middleware for a Team feature: the request goes on only when the coach's org is on Team. The
 * service checks again (pages call services directly); this declares the gate in the route table,
 * where the gating matrix finds it.
 */
export function orgEntitled(feature: Feature): EntitledMiddleware {
  const mw = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    await c.var.services.membership.requireOrgFeature((await member(c)).org.id, feature);
    await next();
  };
  return Object.assign(mw, { entitlement: feature });
}
