// What every coach route shares: the signed-in coach's org, and the OpenAPI bits of a session route.
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { errorResponses } from '../../http/openapi-shared';
import { AppError, ErrorCode } from '../../lib/errors';
import { actorOf, requireUser } from '../../http/guards';
import type { Member } from './coach-os.service';

export const coachSecurity = [{ session: [] }];
export const coachErrors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

/** The signed-in coach's org; every coach route is scoped to it, so other orgs' ids are simply not found. */
export async function member(c: Context<AppEnv>): Promise<Member> {
  const viewer = await requireUser(c.var.auth);
  const m = await c.var.services.coach.membership(actorOf(viewer));
  if (!m) throw new AppError(ErrorCode.NOT_FOUND, 'You are not part of a coaching organisation yet.');
  return m;
}
