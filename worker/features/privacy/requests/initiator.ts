// Who starts an export or a deletion, as a value only a non-impersonated session can produce: the services
// that start one take it as an argument, so no caller — route, page action or a future one — can start a
// data-subject request from an impersonation, whatever its route declares (ADR 019, 029, 043).
import type { Viewer } from '../../../context';
import { refuseWhileImpersonating } from '../../../http/guards';
import { AppError, ErrorCode } from '../../../lib/errors';

declare const brand: unique symbol;

/** The act an owner's deletion for someone is, as the route's risk and the page action both name it. */
export const OPERATOR_DELETION_ACT = 'request an account deletion';

/** The person themselves, in their own session. */
export type SelfInitiator = { readonly kind: 'self'; readonly userId: string; readonly [brand]: 'self' };
/** An owner acting for someone, in their own session (never an impersonation). */
export type OperatorInitiator = {
  readonly kind: 'operator';
  readonly userId: string;
  readonly role: 'owner';
  readonly [brand]: 'operator';
};

export function selfInitiator(viewer: Viewer, act: string): SelfInitiator {
  refuseWhileImpersonating(viewer, act);
  return { kind: 'self', userId: viewer.user.id } as SelfInitiator;
}

/** Only owners start a deletion for someone else: it cannot be undone after its grace period. */
export function operatorInitiator(viewer: Viewer, act: string): OperatorInitiator {
  refuseWhileImpersonating(viewer, act);
  if (viewer.user.role !== 'owner') throw new AppError(ErrorCode.FORBIDDEN, `Only an owner can ${act}.`);
  return { kind: 'operator', userId: viewer.user.id, role: 'owner' } as OperatorInitiator;
}
