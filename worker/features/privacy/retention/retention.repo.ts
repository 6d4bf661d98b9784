// The SQL of each retention rule this folder enforces: which rows are past their limit (one WHERE used
// both to count and to act, so a dry run reports exactly what a real run would do), and what acting means
// (delete the row, or erase a column). Batches lock their rows with SKIP LOCKED, so two runs at once never
// work on the same row, and every condition is false once a row is handled, so a second run finds nothing.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Executor } from '../../../db/executor';
import { type SweptRuleId, limitMs } from './retention.rules';

/** Rows of one table past a rule's limit. */
export interface TableSweep {
  readonly table: string;
  /** The primary key (a single column). */
  readonly key: string;
  /** Rows past the limit at `now`; must be false for a handled row (idempotence). */
  readonly where: (now: Date) => SQL;
  /** Erase in place (a SET list) instead of deleting the row. */
  readonly set?: SQL;
}

/** An expired export: its archive leaves storage before its row says 'expired'. */
export interface ExportArchiveRow {
  id: string;
  user_id: string | null;
}

const ago = (now: Date, id: SweptRuleId) => new Date(now.getTime() - limitMs(id));

const EXPIRED_EXPORTS = (now: Date) => sql`
  kind = 'export' and status = 'ready'
  and coalesce(expires_at, completed_at + make_interval(secs => ${limitMs('export-archives') / 1000})) < ${now}`;

/** Every rule of the daily job but the export archives (which also touch R2, below). */
export const TABLE_SWEEPS: Record<Exclude<SweptRuleId, 'export-archives'>, TableSweep> = {
  'webhook-payloads': {
    table: 'webhook_events',
    key: 'id',
    where: (now) => sql`processed_at is not null and received_at < ${ago(now, 'webhook-payloads')} and payload <> '{}'::jsonb`,
    set: sql`payload = '{}'::jsonb`,
  },
  'stripe-payloads': {
    table: 'stripe_events',
    key: 'id',
    where: (now) => sql`processed_at is not null and received_at < ${ago(now, 'stripe-payloads')} and payload <> '{}'::jsonb`,
    set: sql`payload = '{}'::jsonb`,
  },
  sessions: { table: 'sessions', key: 'id', where: (now) => sql`expires_at < ${now}` },
  'password-reset-links': { table: 'password_reset_tokens', key: 'token_hash', where: (now) => sql`expires_at < ${now}` },
  'oauth-states': { table: 'oauth_states', key: 'nonce', where: (now) => sql`consumed_at < ${ago(now, 'oauth-states')}` },
  'login-throttle': {
    table: 'login_throttle',
    key: 'key',
    where: (now) => sql`last_failure_at < ${ago(now, 'login-throttle')} and (locked_until is null or locked_until < ${now})`,
  },
  notifications: { table: 'notifications', key: 'id', where: (now) => sql`created_at < ${ago(now, 'notifications')}` },
  'notification-emails': {
    table: 'notification_deliveries',
    key: 'id',
    where: (now) => sql`status in ('sent', 'skipped', 'failed') and updated_at < ${ago(now, 'notification-emails')}`,
  },
  'notification-gates': {
    table: 'notification_events',
    key: 'dedupe_key',
    where: (now) => sql`created_at < ${ago(now, 'notification-gates')}`,
  },
  'idempotency-keys': { table: 'idempotency_keys', key: 'id', where: (now) => sql`created_at < ${ago(now, 'idempotency-keys')}` },
  'privacy-requests': {
    table: 'privacy_requests',
    key: 'id',
    where: (now) =>
      sql`status in ('done', 'cancelled', 'failed', 'expired') and coalesce(completed_at, cancelled_at, updated_at) < ${ago(now, 'privacy-requests')}`,
  },
  'deletion-receipts': { table: 'deletion_receipts', key: 'id', where: (now) => sql`created_at < ${ago(now, 'deletion-receipts')}` },
};

const countOf = (rows: unknown[]) => Number((rows[0] as { n: number | string } | undefined)?.n ?? 0);

export function createRetentionRepo(db: Db) {
  return {
    async count(s: TableSweep, now: Date): Promise<number> {
      const r = await db.execute(sql`select count(*)::int as n from ${sql.identifier(s.table)} where ${s.where(now)}`);
      return countOf(r.rows);
    },

    /** One batch: at most `limit` rows, locked so a concurrent run skips them. Returns the rows handled. */
    async purgeBatch(s: TableSweep, now: Date, limit: number): Promise<number> {
      const t = sql.identifier(s.table);
      const k = sql.identifier(s.key);
      const doomed = sql`select ${k} from ${t} where ${s.where(now)} limit ${limit} for update skip locked`;
      const r = s.set
        ? await db.execute(sql`update ${t} set ${s.set} where ${k} in (${doomed})`)
        : await db.execute(sql`delete from ${t} where ${k} in (${doomed})`);
      return r.rowCount ?? 0;
    },

    async countExpiredExports(now: Date): Promise<number> {
      const r = await db.execute(sql`select count(*)::int as n from privacy_requests where ${EXPIRED_EXPORTS(now)}`);
      return countOf(r.rows);
    },

    /**
     * One batch of expired exports, locked for the transaction: `remove` deletes each archive, then the rows
     * become 'expired'. A failing removal rolls the batch back, so no row says expired while its file stays.
     */
    async expireExports(now: Date, limit: number, remove: (row: ExportArchiveRow) => Promise<void>): Promise<number> {
      return db.transaction(async (tx: Executor) => {
        const r = await tx.execute(sql`
          select id, user_id from privacy_requests where ${EXPIRED_EXPORTS(now)}
          order by id limit ${limit} for update skip locked`);
        const rows = r.rows as unknown as ExportArchiveRow[];
        for (const row of rows) await remove(row);
        if (rows.length === 0) return 0;
        const done = await tx.execute(sql`
          update privacy_requests set status = 'expired', updated_at = ${now}
          where id = any(${sql.param(rows.map((x) => x.id))}::uuid[])`);
        return done.rowCount ?? 0;
      });
    },
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
