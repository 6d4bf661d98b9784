import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { auditLog } from '../../db/schema';

export interface AuditEntry {
  actorId: string | null;
  actorRole: string | null;
  targetType: string;
  targetId: string | null;
  action: string;
  payload: Record<string, unknown>;
  requestId: string | null;
}

export function createAuditRepo(db: Executor) {
  return {
    async insert(entry: AuditEntry): Promise<void> {
      await db.insert(auditLog).values(entry);
    },
    async listForTarget(targetType: string, targetId: string, limit = 100) {
      return db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
        .orderBy(desc(auditLog.id))
        .limit(limit);
    },
  };
}
