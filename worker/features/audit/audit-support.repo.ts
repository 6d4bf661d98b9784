import { desc, eq, or, and } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { auditLog } from '../../db/schema';

/** Support's view of the log: the newest events about a user (as the target) or by them (as the actor). */
export function createAuditSupportRepo(db: Executor) {
  return {
    aboutUser(userId: string, limit = 20) {
      return db
        .select({
          id: auditLog.id,
          action: auditLog.action,
          actorId: auditLog.actorId,
          actorRole: auditLog.actorRole,
          targetType: auditLog.targetType,
          targetId: auditLog.targetId,
          payload: auditLog.payload,
          createdAt: auditLog.createdAt,
        })
        .from(auditLog)
        .where(or(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId)), eq(auditLog.actorId, userId)))
        .orderBy(desc(auditLog.id))
        .limit(limit);
    },
  };
}
export type AuditSupportRepo = ReturnType<typeof createAuditSupportRepo>;
