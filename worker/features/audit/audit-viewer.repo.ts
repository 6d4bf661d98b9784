import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/executor';

export interface AuditFilter {
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Matches the action and everything under it (`operator.` finds every operator action). */
  actionPrefix?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRow {
  id: number;
  createdAt: Date;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  actorEmail: string | null;
  targetType: string;
  targetId: string | null;
  action: string;
  payload: Record<string, unknown>;
  requestId: string | null;
}

// LIKE's own wildcards in a prefix are literal characters.
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Reads of the append-only log; newest first, keyset-paginated by id (ids only grow). */
export function createAuditViewerRepo(db: Executor) {
  return {
    async list(f: AuditFilter, opts: { before?: number; limit: number }): Promise<AuditRow[]> {
      const where: SQL[] = [sql`true`];
      if (f.actorId) where.push(sql`a.actor_id = ${f.actorId}`);
      if (f.targetType) where.push(sql`a.target_type = ${f.targetType}`);
      if (f.targetId) where.push(sql`a.target_id = ${f.targetId}`);
      if (f.actionPrefix) where.push(sql`a.action LIKE ${likePrefix(f.actionPrefix)}`);
      if (f.from) where.push(sql`a.created_at >= ${f.from}`);
      if (f.to) where.push(sql`a.created_at < ${f.to}`);
      if (opts.before !== undefined) where.push(sql`a.id < ${opts.before}`);
      const r = await db.execute(sql`
        SELECT a.id, a.created_at AS "createdAt", a.actor_id AS "actorId", a.actor_role AS "actorRole",
               u.display_name AS "actorName", u.email AS "actorEmail", a.target_type AS "targetType",
               a.target_id AS "targetId", a.action, a.payload, a.request_id AS "requestId"
          FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY a.id DESC LIMIT ${opts.limit}`);
      return (r.rows as unknown as AuditRow[]).map((row) => ({ ...row, id: Number(row.id), createdAt: new Date(row.createdAt) }));
    },

    /** The database's purge (migration 0023): refuses < 365 days; the trigger re-checks every row. */
    async purge(retentionDays: number, dryRun: boolean): Promise<{ cutoff: Date; matched: number; deleted: number }> {
      const r = await db.execute(sql`SELECT cutoff, matched, deleted FROM audit_log_purge(${retentionDays}::int, ${dryRun}::boolean)`);
      const row = r.rows[0] as { cutoff: string | Date; matched: string | number; deleted: string | number };
      return { cutoff: new Date(row.cutoff), matched: Number(row.matched), deleted: Number(row.deleted) };
    },
  };
}
