// Owner-only, time-boxed impersonation (ADR 019). The impersonation is a separate session row
// (user_id = target, impersonator_id = owner) in a cookie of its own; it is never renewed, and its
// token hash includes the owner's own session id, so it only resolves next to that live session: the
// owner's logout, revocation or rotation (privilege change) ends it too.
import type { Db } from '../../db/client';
import type { Viewer } from '../../context';
import { refuseWhileImpersonating } from '../../http/guards';
import type { Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit';
import { createImpersonationRepo } from './impersonation.repo';
import { IMPERSONATION_MAX_SECONDS, type ImpersonationState, type StartImpersonationInput } from './impersonation.schema';

export type EndedHow = 'manual' | 'expired' | 'logout' | 'revoked';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  logger: Logger;
  defer: (p: Promise<unknown>) => void;
  /** Configured life of one impersonation; capped at 30 minutes whatever the configuration says. */
  ttlSeconds: number;
}

const bindTo = (token: string, ownerSessionId: string) => sha256Hex(`${token}.${ownerSessionId}`);
const ownerActor = (impersonatorId: string) => ({ id: impersonatorId, role: 'owner' });

export function createImpersonationService(deps: Deps) {
  const repo = createImpersonationRepo(deps.db);
  const ttlSeconds = Math.min(Math.max(1, Math.floor(deps.ttlSeconds)), IMPERSONATION_MAX_SECONDS);

  /** Deletes the row and records the end exactly once (the delete that found it wins). */
  async function endRow(sessionId: string, impersonatorId: string, targetId: string, how: EndedHow): Promise<boolean> {
    return deps.db.transaction(async (tx) => {
      const gone = await createImpersonationRepo(tx).delete(sessionId, impersonatorId);
      if (!gone) return false;
      await deps.audit.record(
        {
          actor: ownerActor(impersonatorId),
          action: 'impersonation.ended',
          target: { type: 'user', id: targetId },
          payload: { how, sessionId },
        },
        tx,
      );
      return true;
    });
  }

  return {
    ttlSeconds,

    /** Who the start form names: only for an owner in their own session, only users that can be impersonated. */
    async candidate(owner: Viewer, userId: string): Promise<{ id: string; displayName: string } | null> {
      if (owner.user.role !== 'owner' || owner.impersonatorId || userId === owner.user.id) return null;
      const target = await repo.findUser(userId);
      if (!target || target.role === 'owner' || target.blockedAt) return null;
      return { id: target.id, displayName: target.displayName };
    },

    async start(owner: Viewer, input: StartImpersonationInput, userAgent: string | null) {
      refuseWhileImpersonating(owner, 'start another impersonation');
      if (owner.user.role !== 'owner') throw new AppError(ErrorCode.FORBIDDEN, 'Only owners can impersonate.');
      if (input.userId === owner.user.id) throw new AppError(ErrorCode.BAD_REQUEST, 'You cannot impersonate yourself.');
      const target = await repo.findUser(input.userId);
      if (!target) throw notFound('User');
      if (target.role === 'owner') throw new AppError(ErrorCode.FORBIDDEN, 'Owners cannot be impersonated.');
      if (target.blockedAt) throw new AppError(ErrorCode.CONFLICT, 'This account is blocked: unblock it before impersonating.');
      const token = randomToken(32);
      const expiresAt = new Date(deps.clock.now().getTime() + ttlSeconds * 1000);
      const tokenHash = await bindTo(token, owner.sessionId);
      const { id } = await deps.db.transaction(async (tx) => {
        const row = await createImpersonationRepo(tx).insert({
          tokenHash,
          userId: target.id,
          authVersion: target.authVersion,
          impersonatorId: owner.user.id,
          expiresAt,
          userAgent: userAgent ? userAgent.slice(0, 200) : null,
        });
        await deps.audit.record(
          {
            actor: ownerActor(owner.user.id),
            action: 'impersonation.started',
            target: { type: 'user', id: target.id },
            payload: { reason: input.reason, expiresAt: expiresAt.toISOString(), sessionId: row.id, ownerSessionId: owner.sessionId },
          },
          tx,
        );
        return row;
      });
      return { token, sessionId: id, expiresAt, maxAgeSeconds: ttlSeconds, target: { id: target.id, displayName: target.displayName } };
    },

    /**
     * The viewer for a request carrying an impersonation cookie next to the owner's own live session.
     * `viewer: null` means the request stays the owner's; `clear` says the cookie must be removed.
     */
    async resolve(owner: Viewer, token: string | null): Promise<{ viewer: Viewer | null; clear: boolean }> {
      if (!token) return { viewer: null, clear: true };
      const found = await repo.findByHash(await bindTo(token, owner.sessionId));
      if (!found || found.session.impersonatorId !== owner.user.id) return { viewer: null, clear: true };
      const { session, user } = found;
      const expired = session.expiresAt.getTime() <= deps.clock.now().getTime();
      // Any change of either side's standing ends it rather than carrying stale rights on.
      const stale =
        owner.user.role !== 'owner' || user.role === 'owner' || user.blockedAt !== null || user.authVersion !== session.authVersion;
      if (expired || stale) {
        await endRow(session.id, owner.user.id, user.id, expired ? 'expired' : 'revoked');
        return { viewer: null, clear: true };
      }
      return {
        viewer: { user, sessionId: session.id, impersonatorId: owner.user.id, impersonationExpiresAt: session.expiresAt },
        clear: false,
      };
    },

    /** Ends the viewer's impersonation ("end now" or logout); false when the viewer is not impersonating. */
    async end(viewer: Viewer, how: 'manual' | 'logout'): Promise<boolean> {
      if (!viewer.impersonatorId) return false;
      await endRow(viewer.sessionId, viewer.impersonatorId, viewer.user.id, how);
      return true;
    },

    current(viewer: Viewer | null): ImpersonationState {
      if (!viewer?.impersonatorId || !viewer.impersonationExpiresAt) return { impersonating: null };
      return {
        impersonating: {
          userId: viewer.user.id,
          displayName: viewer.user.displayName,
          impersonatorId: viewer.impersonatorId,
          expiresAt: viewer.impersonationExpiresAt.toISOString(),
        },
      };
    },

    /** One audit row per request made while impersonating, written after the response (never bodies). */
    recordRequest(viewer: Viewer, request: { method: string; route: string; status: number }): void {
      if (!viewer.impersonatorId) return;
      const write = deps.audit
        .record({
          actor: ownerActor(viewer.impersonatorId),
          action: 'impersonation.request',
          target: { type: 'user', id: viewer.user.id },
          payload: { ...request, sessionId: viewer.sessionId },
        })
        .catch((err: unknown) => deps.logger.warn('impersonation request audit failed', { error: String(err) }));
      deps.defer(write);
    },
  };
}

export type ImpersonationService = ReturnType<typeof createImpersonationService>;
