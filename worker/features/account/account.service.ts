import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { refuseWhileImpersonating } from '../../http/guards';
import type { Actor, AuditService } from '../audit';
import type { SessionsService, UserRow } from '../auth';
import { createAccountRepo } from './account.repo';
import type { UpdateProfileInput } from './account.schema';

export function createAccountService(deps: { db: Executor; audit: AuditService; clock: Clock; sessions: SessionsService }) {
  const repo = createAccountRepo(deps.db);
  return {
    async updateProfile(actor: Actor, patch: UpdateProfileInput): Promise<UserRow> {
      const row = await repo.updateProfile(actor.id, patch);
      if (!row) throw notFound('User');
      // Field names only: the values (birth date, sex) are personal data.
      await deps.audit.record({
        actor,
        action: 'profile.updated',
        target: { type: 'user', id: actor.id },
        payload: { fields: Object.keys(patch) },
      });
      return row;
    },

    /** Signs out one of the actor's own sessions; another user's session id is simply not found. */
    async revokeSession(actor: Actor, sessionId: string): Promise<void> {
      refuseWhileImpersonating(actor, 'sign out sessions');
      if (!(await deps.sessions.revokeOne(actor.id, sessionId))) throw notFound('Session');
      await deps.audit.record({ actor, action: 'session.revoked', target: { type: 'session', id: sessionId } });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
