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
  };
}
