import type { Db } from '../../db/client';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import type { Permission } from '../auth';
import { createAdminRepo } from './admin.repo';

type Role = 'athlete' | 'coach' | 'admin' | 'owner' | 'demo';

export function createAdminService(deps: { db: Db; audit: AuditService }) {
  return {
    async setRole(actor: Actor, userId: string, role: Role): Promise<void> {
      if (actor.id === userId) throw new AppError(ErrorCode.FORBIDDEN, 'You cannot change your own role.');
      await deps.db.transaction(async (tx) => {
        const repo = createAdminRepo(tx);
        const from = await repo.findUserRole(userId);
        if (!from) throw notFound('User');
        if (from === role) return;
        await repo.setRole(userId, role);
        await deps.audit.record(
          { actor, action: 'user.role_changed', target: { type: 'user', id: userId }, payload: { from, to: role } },
          tx,
        );
      });
    },

    async setPermission(actor: Actor, userId: string, permission: Permission, granted: boolean): Promise<void> {
      await deps.db.transaction(async (tx) => {
        const repo = createAdminRepo(tx);
        const role = await repo.findUserRole(userId);
        if (!role) throw notFound('User');
        if (role !== 'admin') throw new AppError(ErrorCode.BAD_REQUEST, 'Permissions can only be granted to admins.');
        const changed = granted ? await repo.grant(userId, permission, actor.id) : await repo.revoke(userId, permission);
        if (changed) {
          await deps.audit.record(
            {
              actor,
              action: granted ? 'permission.granted' : 'permission.revoked',
              target: { type: 'user', id: userId },
              payload: { permission },
            },
            tx,
          );
        }
      });
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
