import type { Executor } from '../../db/executor';
import { createAuditRepo } from './audit.repo';

export interface Actor {
  id: string;
  role: string;
  /** Set (by actorOf) while an operator impersonates this user; never written to the log (the request audit names both). */
  impersonatorId?: string | null;
}

export interface AuditEvent {
  /** Null for the system (cron, queue) or an anonymous caller such as a password-reset request. */
  actor: Actor | null;
  action: string;
  target: { type: string; id?: string | null };
  /** Ids and facts only; never emails, tokens, passwords or message bodies. */
  payload?: Record<string, unknown>;
}

/** The one way to write the append-only audit log. Pass `tx` to commit the entry with the change it records. */
export function createAuditService(db: Executor, requestId: string | null) {
  return {
    async record(event: AuditEvent, tx?: Executor): Promise<void> {
      await createAuditRepo(tx ?? db).insert({
        actorId: event.actor?.id ?? null,
        actorRole: event.actor?.role ?? null,
        targetType: event.target.type,
        targetId: event.target.id ?? null,
        action: event.action,
        payload: event.payload ?? {},
        requestId,
      });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
