// SQL of account and org deletion. Which rows are a person's, and what happens to each column that names
// them, comes from the data map (../data-map.ts): nothing here lists tables by hand.
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../db/executor';
import { coachLlmCalls, deletionReceipts, erasedLlmCosts, orgs, privacyRequests, users } from '../../../db/schema';
import { type EraseRule, type ExportArea, PERSONAL_TABLES, type PersonalTable } from '../data-map';
import { requestLease } from '../request-lease.repo';
import { createDeletionSubjectRepo } from './deletion-subject.repo';
import { ownedBy } from '../data-map.repo';

export type RequestRow = typeof privacyRequests.$inferSelect;
const OPEN = ['queued', 'running'] as const;

const tableName = (t: PgTable) => getTableConfig(t).name;
const columnOf = (t: PgTable, name: string): PgColumn | undefined => getTableConfig(t).columns.find((c) => c.name === name);
const referencesUsers = (t: PgTable, column: string) =>
  getTableConfig(t).foreignKeys.some((fk) => {
    const ref = fk.reference();
    return tableName(ref.foreignTable) === 'users' && ref.columns.some((c) => c.name === column);
  });

/** The column whose rule decides what happens to an entry's rows when their owner goes. */
function ownerColumn(entry: PersonalTable): PgColumn {
  const { owner } = entry;
  return 'user' in owner ? owner.user : 'org' in owner ? owner.org : owner.column;
}

/** What deleting the owner does to a row, by the rule of its owner column: gone, unlinked, or pseudonymised. */
export function fateOf(rule: EraseRule | undefined): 'deleted' | 'unlinked' | 'pseudonymised' | 'kept' {
  if (rule === 'cascade' || rule === 'delete' || (typeof rule === 'object' && 'with' in rule)) return 'deleted';
  if (rule === 'set null' || rule === 'clear') return 'unlinked';
  if (rule === 'pseudonymise') return 'pseudonymised';
  return 'kept';
}

export interface TableCount {
  table: string;
  area: ExportArea | 'none';
  fate: 'deleted' | 'unlinked' | 'pseudonymised' | 'kept';
  rows: number;
}

const areaOf = (e: PersonalTable): ExportArea | 'none' => ('area' in e.export ? e.export.area : 'none');

export function createDeletionRepo(db: Executor) {
  const lease = requestLease(db);
  const count = async (table: PgTable, where: SQL) =>
    Number((await db.execute<{ n: string }>(sql`select count(*)::text as n from ${table} where ${where}`)).rows[0]?.n ?? 0);

  return {
    // ---- requests ----
    async findOpen(userId: string, kind: 'deletion' | 'org_deletion' = 'deletion'): Promise<RequestRow | null> {
      const [row] = await db
        .select()
        .from(privacyRequests)
        .where(and(eq(privacyRequests.userId, userId), eq(privacyRequests.kind, kind), inArray(privacyRequests.status, [...OPEN])));
      return row ?? null;
    },

    async findById(id: string): Promise<RequestRow | null> {
      const [row] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
      return row ?? null;
    },

    /** A new request, or null when one is already open for this person (the partial unique index). */
    async insert(values: typeof privacyRequests.$inferInsert): Promise<RequestRow | null> {
      const [row] = await db.insert(privacyRequests).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },

    async cancel(userId: string, now: Date): Promise<RequestRow | null> {
      const [row] = await db
        .update(privacyRequests)
        .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
        .where(and(eq(privacyRequests.userId, userId), eq(privacyRequests.kind, 'deletion'), eq(privacyRequests.status, 'queued')))
        .returning();
      return row ?? null;
    },

    /**
     * Takes a request whose time has come under a lease until `leaseUntil`: a running one is taken again once its
     * lease lapsed or was released (a crashed run resumes from its progress), never while another run holds it.
     */
    claim: (id: string, now: Date, leaseUntil: Date): Promise<RequestRow | null> =>
      lease.claim(id, now, leaseUntil, and(inArray(privacyRequests.status, [...OPEN]), lte(privacyRequests.runAfter, now))!),

    /** The run's heartbeat: false once the request is no longer running under a lease. */
    renewLease: lease.renewLease,

    async saveProgress(id: string, progress: Record<string, unknown>, now: Date): Promise<void> {
      await db.update(privacyRequests).set({ progress, updatedAt: now }).where(eq(privacyRequests.id, id));
    },

    /** A run that failed: why, and its lease released so the queue's retry resumes at once. */
    async noteError(id: string, error: string, now: Date): Promise<void> {
      await db.update(privacyRequests).set({ error, leaseUntil: null, updatedAt: now }).where(eq(privacyRequests.id, id));
    },

    async fail(id: string, error: string, now: Date): Promise<void> {
      await db.update(privacyRequests).set({ status: 'failed', error, leaseUntil: null, updatedAt: now }).where(eq(privacyRequests.id, id));
    },

    async finish(id: string, result: Record<string, unknown>, progress: Record<string, unknown>, now: Date): Promise<void> {
      await db
        .update(privacyRequests)
        .set({ status: 'done', completedAt: now, result, progress, error: null, leaseUntil: null, updatedAt: now })
        .where(eq(privacyRequests.id, id));
    },

    /** Deletions whose grace has ended, and running ones that stopped moving (a lost message): the cron sends them again. */
    async due(now: Date, staleBefore: Date): Promise<{ id: string; kind: string }[]> {
      return db
        .select({ id: privacyRequests.id, kind: privacyRequests.kind })
        .from(privacyRequests)
        .where(
          sql`${privacyRequests.kind} in ('deletion', 'org_deletion') and ((${privacyRequests.status} = 'queued' and ${privacyRequests.runAfter} <= ${now})
            or (${privacyRequests.status} = 'running' and ${privacyRequests.updatedAt} < ${staleBefore}))`,
        )
        .limit(100);
    },

    /**
     * The minute sweep's half (ADR 089): deletions due and quiet since `quietBefore` (their message lost), and
     * running ones whose worker died — the lease lapsed, or was released by an error and nothing moved since.
     * Marked touched (the next sweep leaves them a while) and answered, to be queued again.
     */
    async lapsed(now: Date, quietBefore: Date): Promise<{ id: string; kind: string }[]> {
      return db
        .update(privacyRequests)
        .set({ leaseUntil: null, updatedAt: now })
        .where(
          sql`${privacyRequests.kind} in ('deletion', 'org_deletion') and (
            (${privacyRequests.status} = 'queued' and ${privacyRequests.runAfter} <= ${now} and ${privacyRequests.updatedAt} < ${quietBefore})
            or (${privacyRequests.status} = 'running' and (${privacyRequests.leaseUntil} < ${now}
              or (${privacyRequests.leaseUntil} is null and ${privacyRequests.updatedAt} < ${quietBefore}))))`,
        )
        .returning({ id: privacyRequests.id, kind: privacyRequests.kind });
    },

    async insertReceipt(requestId: string, subjectHash: string, counts: Record<string, unknown>): Promise<void> {
      await db.insert(deletionReceipts).values({ requestId, subjectHash, counts }).onConflictDoNothing();
    },

    ...createDeletionSubjectRepo(db),

    // ---- AI coach costs ----
    /** Folds the person's model calls into the anonymous daily totals and deletes them, in one transaction (run it in one). */
    async foldLlmCosts(userId: string): Promise<number> {
      await db.execute(sql`
        insert into ${erasedLlmCosts} (day, provider, model, calls, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, cost_nano_usd)
        select (created_at at time zone 'UTC')::date, provider, model, count(*), sum(input_tokens), sum(output_tokens),
               sum(cache_write_tokens), sum(cache_read_tokens), sum(cost_nano_usd)
          from ${coachLlmCalls} where user_id = ${userId}
         group by 1, 2, 3
        on conflict (day, provider, model) do update set
          calls = ${erasedLlmCosts}.calls + excluded.calls,
          input_tokens = ${erasedLlmCosts}.input_tokens + excluded.input_tokens,
          output_tokens = ${erasedLlmCosts}.output_tokens + excluded.output_tokens,
          cache_write_tokens = ${erasedLlmCosts}.cache_write_tokens + excluded.cache_write_tokens,
          cache_read_tokens = ${erasedLlmCosts}.cache_read_tokens + excluded.cache_read_tokens,
          cost_nano_usd = ${erasedLlmCosts}.cost_nano_usd + excluded.cost_nano_usd`);
      const gone = await db.delete(coachLlmCalls).where(eq(coachLlmCalls.userId, userId)).returning({ id: coachLlmCalls.id });
      return gone.length;
    },

    // ---- audit ----
    async pseudonymiseAudit(userId: string, pseudonym: string): Promise<number> {
      const r = await db.execute<{ n: string }>(sql`select audit_log_pseudonymise(${userId}::uuid, ${pseudonym}::uuid)::text as n`);
      return Number(r.rows[0]?.n ?? 0);
    },

    // ---- rows, by the data map ----
    /**
     * What the erasure will do to every personal table for this user: rows they own (through their own column or
     * a parent's) by the fate of the owner column's rule, and other people's rows that only name them (set null,
     * clear). A coaching org's business records are the org's, counted only by an org deletion.
     */
    async plan(userId: string): Promise<TableCount[]> {
      const out: TableCount[] = [];
      for (const entry of PERSONAL_TABLES) {
        if ('org' in entry.owner) continue;
        const owner = ownerColumn(entry);
        const rows = await count(entry.table, ownedBy(entry, userId));
        if (rows) out.push({ table: tableName(entry.table), area: areaOf(entry), fate: fateOf(entry.erase[owner.name]), rows });
      }
      // Columns of any table that only name the user (someone else's record keeps the row and loses the link).
      for (const entry of PERSONAL_TABLES) {
        const owner = 'org' in entry.owner ? null : ownerColumn(entry);
        for (const [name, rule] of Object.entries(entry.erase)) {
          if (name === owner?.name || (rule !== 'set null' && rule !== 'clear')) continue;
          const column = columnOf(entry.table, name);
          if (!column || (rule === 'set null' && !referencesUsers(entry.table, name)) || column.columnType !== 'PgUUID') continue;
          const rows = await count(entry.table, sql`${column} = ${userId}`);
          if (rows) out.push({ table: `${tableName(entry.table)}.${name}`, area: areaOf(entry), fate: 'unlinked', rows });
        }
      }
      return out;
    },

    /** Rows of an org deletion: every table whose rows are the org's business records. */
    async planOrg(orgId: string): Promise<TableCount[]> {
      const out: TableCount[] = [];
      for (const entry of PERSONAL_TABLES) {
        if (!('org' in entry.owner)) continue;
        const rows = await count(entry.table, sql`${entry.owner.org} = ${orgId}`);
        if (rows) out.push({ table: tableName(entry.table), area: areaOf(entry), fate: 'deleted', rows });
      }
      return out;
    },

    /**
     * Deletes, in batches, the rows of tables the user owns through a cascading column of their own (their
     * children cascade with them): each batch is its own statement, so a crash loses at most one and a rerun
     * goes on. Answers how many rows of `table` went in this call.
     */
    async deleteOwnedBatch(entry: PersonalTable, userId: string, limit: number): Promise<number> {
      const r = await db.execute(
        sql`delete from ${entry.table} where ctid = any(array(select ctid from ${entry.table} where ${ownedBy(entry, userId)} limit ${limit}))`,
      );
      return r.rowCount ?? 0;
    },

    /** Runs the data map's explicit rules for columns with no foreign key: 'delete' rows, 'clear' columns. */
    async applyExplicitRules(userId: string, email: string): Promise<number> {
      let n = 0;
      for (const entry of PERSONAL_TABLES) {
        if (entry.table === users) continue;
        for (const [name, rule] of Object.entries(entry.erase)) {
          if (rule !== 'delete' && rule !== 'clear') continue;
          const column = columnOf(entry.table, name);
          if (!column) continue;
          const value = column.columnType === 'PgUUID' ? userId : name === 'email' ? email : null;
          if (value === null) continue;
          const r =
            rule === 'delete'
              ? await db.execute(sql`delete from ${entry.table} where ${column} = ${value}`)
              : await db.execute(sql`update ${entry.table} set ${sql.identifier(name)} = null where ${column} = ${value}`);
          n += r.rowCount ?? 0;
        }
      }
      return n;
    },

    /** The last step: the account row itself; every remaining cascade and set-null key fires with it. */
    async deleteUser(userId: string): Promise<number> {
      const gone = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
      return gone.length;
    },

    async deleteOrg(orgId: string): Promise<number> {
      const gone = await db.delete(orgs).where(eq(orgs.id, orgId)).returning({ id: orgs.id });
      return gone.length;
    },
  };
}

export type DeletionRepo = ReturnType<typeof createDeletionRepo>;
