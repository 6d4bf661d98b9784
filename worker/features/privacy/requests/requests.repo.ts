import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

export interface QueueRow {
  id: string;
  kind: 'export' | 'deletion' | 'org_deletion' | 'reimport';
  status: string;
  userId: string | null;
  userEmail: string | null;
  userName: string | null;
  orgId: string | null;
  orgName: string | null;
  requestedBy: string | null;
  requesterEmail: string | null;
  requesterName: string | null;
  reason: string | null;
  error: string | null;
  requestedAt: Date;
  dueAt: Date;
  runAfter: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
  overdue: boolean;
}

/**
 * A request is answered once its archive is ready or it reached an end; anything else past its due date is overdue.
 * An archive re-import is the athlete's own act, not a data-subject request: never open, never due.
 */
const UNANSWERED = sql`r.kind <> 'reimport' and r.status in ('queued', 'running', 'failed')`;

const opened = (row: unknown) => {
  const x = row as { id: string; due_at: string; run_after: string } | undefined;
  return x ? { requestId: x.id, dueAt: new Date(x.due_at), runAfter: new Date(x.run_after) } : null;
};

export function createPrivacyRequestsRepo(db: Db) {
  return {
    /**
     * The operators' queue: unanswered requests first, overdue ones before the rest, each group by due date;
     * then answered ones, newest first. `open` leaves the answered out.
     */
    async queue(now: Date, opts: { open: boolean; limit: number }): Promise<QueueRow[]> {
      const r = await db.execute(sql`
        select r.id, r.kind, r.status, r.user_id, u.email as user_email, u.display_name as user_name,
               r.org_id, o.name as org_name, r.requested_by, q.email as requester_email, q.display_name as requester_name,
               r.reason, r.error, r.requested_at, r.due_at, r.run_after, r.completed_at, r.expires_at,
               (${UNANSWERED} and r.due_at < ${now}) as overdue,
               ${UNANSWERED} as unanswered
        from privacy_requests r
        left join users u on u.id = r.user_id
        left join orgs o on o.id = r.org_id
        left join users q on q.id = r.requested_by
        ${opts.open ? sql`where ${UNANSWERED}` : sql``}
        order by unanswered desc, overdue desc,
                 case when ${UNANSWERED} then r.due_at end asc,
                 r.requested_at desc, r.id
        limit ${opts.limit}`);
      type Raw = Record<string, unknown>;
      const at = (v: unknown) => (v == null ? null : new Date(v as string));
      return (r.rows as Raw[]).map((x) => ({
        id: x.id as string,
        kind: x.kind as QueueRow['kind'],
        status: x.status as string,
        userId: (x.user_id as string | null) ?? null,
        userEmail: (x.user_email as string | null) ?? null,
        userName: (x.user_name as string | null) ?? null,
        orgId: (x.org_id as string | null) ?? null,
        orgName: (x.org_name as string | null) ?? null,
        requestedBy: (x.requested_by as string | null) ?? null,
        requesterEmail: (x.requester_email as string | null) ?? null,
        requesterName: (x.requester_name as string | null) ?? null,
        reason: (x.reason as string | null) ?? null,
        error: (x.error as string | null) ?? null,
        requestedAt: at(x.requested_at)!,
        dueAt: at(x.due_at)!,
        runAfter: at(x.run_after)!,
        completedAt: at(x.completed_at),
        expiresAt: at(x.expires_at),
        overdue: x.overdue === true,
      }));
    },

    async counts(now: Date): Promise<{ open: number; overdue: number }> {
      const r = await db.execute(sql`
        select count(*) filter (where ${UNANSWERED})::int as open,
               count(*) filter (where ${UNANSWERED} and r.due_at < ${now})::int as overdue
        from privacy_requests r`);
      const row = (r.rows[0] ?? {}) as { open?: number; overdue?: number };
      return { open: Number(row.open ?? 0), overdue: Number(row.overdue ?? 0) };
    },

    async subject(userId: string): Promise<{ id: string; role: string } | null> {
      const r = await db.execute(sql`select id, role from users where id = ${userId}`);
      return (r.rows[0] as { id: string; role: string } | undefined) ?? null;
    },

    /** The retention job's last runs (their audit rows). */
    async retentionRuns(limit: number): Promise<{ at: Date; payload: Record<string, unknown> }[]> {
      const r = await db.execute(sql`
        select created_at, payload from audit_log where action = 'privacy.retention_run' order by id desc limit ${limit}`);
      return (r.rows as { created_at: string; payload: Record<string, unknown> }[]).map((x) => ({
        at: new Date(x.created_at),
        payload: x.payload,
      }));
    },
  };
}
