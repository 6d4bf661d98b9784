import { and, desc, eq, inArray, isNotNull, lte, or, sql, ne } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { automationRuns, automations, coachTasks, orgs } from '../../../db/schema';

export type AutomationRow = typeof automations.$inferSelect;
export type RunRow = typeof automationRuns.$inferSelect;
export type TaskRow = typeof coachTasks.$inferSelect;
export type NewRun = Pick<typeof automationRuns.$inferInsert, 'automationId' | 'orgId' | 'clientId' | 'key' | 'context'>;

/** Coach-side reads all take the org id: another org's rows are simply not found. */
export function createAutomationsRepo(db: Executor) {
  return {
    list: (orgId: string) =>
      db.select().from(automations).where(eq(automations.orgId, orgId)).orderBy(desc(automations.createdAt), desc(automations.id)),

    async get(orgId: string, id: string): Promise<AutomationRow | undefined> {
      const [row] = await db
        .select()
        .from(automations)
        .where(and(eq(automations.orgId, orgId), eq(automations.id, id)));
      return row;
    },

    async create(values: typeof automations.$inferInsert): Promise<AutomationRow> {
      const [row] = await db.insert(automations).values(values).returning();
      return row!;
    },

    async update(orgId: string, id: string, patch: Partial<typeof automations.$inferInsert>): Promise<AutomationRow | undefined> {
      const [row] = await db
        .update(automations)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(automations.orgId, orgId), eq(automations.id, id)))
        .returning();
      return row;
    },

    async remove(orgId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(automations)
        .where(and(eq(automations.orgId, orgId), eq(automations.id, id)))
        .returning({ id: automations.id });
      return rows.length > 0;
    },

    /**
     * Scheduled automations due at `now`, or whose org changed zone since next_run_at was computed.
     * One indexed query per tick.
     */
    due(now: Date, limit: number) {
      return db
        .select({ automation: automations, orgTimeZone: orgs.timeZone })
        .from(automations)
        .innerJoin(orgs, eq(orgs.id, automations.orgId))
        .where(
          and(
            eq(automations.enabled, true),
            isNotNull(automations.nextRunAt),
            or(lte(automations.nextRunAt, now), ne(automations.timeZone, orgs.timeZone)),
          ),
        )
        .orderBy(automations.nextRunAt)
        .limit(limit);
    },

    /**
     * The per-minute tick's first and usually only statement: is any schedule due (or its org's zone
     * changed), or any retry due? One round trip; the heavier reads run only when it says yes.
     */
    async anythingDue(now: Date): Promise<boolean> {
      const result = await db.execute(sql`
        select (exists(select 1 from automations a join orgs o on o.id = a.org_id
                       where a.enabled and a.next_run_at is not null and (a.next_run_at <= ${now} or a.time_zone <> o.time_zone))
             or exists(select 1 from automation_runs r
                       where r.next_attempt_at is not null and r.next_attempt_at <= ${now} and r.status in ('pending', 'failed'))) as due`);
      return (result.rows[0] as { due: boolean } | undefined)?.due === true;
    },

    /** Moves next_run_at from the value this tick saw; only one of overlapping ticks gets the row back. */
    async advance(id: string, seen: Date, next: Date | null, timeZone: string, firedAt: Date | null): Promise<boolean> {
      const rows = await db
        .update(automations)
        .set({ nextRunAt: next, timeZone, ...(firedAt ? { lastRunAt: firedAt } : {}) })
        .where(and(eq(automations.id, id), eq(automations.nextRunAt, seen)))
        .returning({ id: automations.id });
      return rows.length > 0;
    },

    /** Enabled automations of an org (or of every org) with one of these trigger kinds. */
    withTrigger(kinds: string[], orgId?: string) {
      return db
        .select({ automation: automations, orgTimeZone: orgs.timeZone, orgName: orgs.name })
        .from(automations)
        .innerJoin(orgs, eq(orgs.id, automations.orgId))
        .where(
          and(
            eq(automations.enabled, true),
            inArray(sql`${automations.trigger}->>'kind'`, kinds),
            orgId ? eq(automations.orgId, orgId) : undefined,
          ),
        );
    },

    /** A run, once per key: a second insert of the same key returns nothing. Leased for `leaseMs` while it runs. */
    async insertRun(run: NewRun, now: Date, leaseMs: number): Promise<RunRow | undefined> {
      const [row] = await db
        .insert(automationRuns)
        .values({ ...run, startedAt: now, nextAttemptAt: new Date(now.getTime() + leaseMs) })
        .onConflictDoNothing({ target: automationRuns.key })
        .returning();
      return row;
    },

    /** Runs whose retry (or crashed attempt's lease) is due, each taken by exactly one tick. */
    async claimRetries(now: Date, leaseMs: number, limit: number): Promise<RunRow[]> {
      const result = await db.execute(sql`
        update automation_runs set next_attempt_at = ${new Date(now.getTime() + leaseMs)}
        where id in (
          select id from automation_runs
          where next_attempt_at is not null and next_attempt_at <= ${now} and status in ('pending', 'failed')
          order by next_attempt_at limit ${limit} for update skip locked)
        returning id`);
      const ids = (result.rows as { id: string }[]).map((r) => r.id);
      return ids.length ? db.select().from(automationRuns).where(inArray(automationRuns.id, ids)) : [];
    },

    /** An operator's retry: takes a failed run (lease as for the sweep); null when it is not failed (or gone). */
    async claimFailedRun(id: string, leaseUntil: Date): Promise<RunRow | null> {
      const [row] = await db
        .update(automationRuns)
        .set({ nextAttemptAt: leaseUntil })
        .where(and(eq(automationRuns.id, id), eq(automationRuns.status, 'failed')))
        .returning();
      return row ?? null;
    },

    async finishRun(
      id: string,
      patch: Pick<RunRow, 'status' | 'detail' | 'errorCode' | 'errorMessage' | 'attempt' | 'nextAttemptAt' | 'finishedAt'>,
    ): Promise<RunRow> {
      const [row] = await db.update(automationRuns).set(patch).where(eq(automationRuns.id, id)).returning();
      return row!;
    },

    async getById(id: string): Promise<AutomationRow | undefined> {
      const [row] = await db.select().from(automations).where(eq(automations.id, id));
      return row;
    },

    runsOf: (orgId: string, automationId: string, limit: number) =>
      db
        .select()
        .from(automationRuns)
        .where(and(eq(automationRuns.orgId, orgId), eq(automationRuns.automationId, automationId)))
        .orderBy(desc(automationRuns.startedAt), desc(automationRuns.id))
        .limit(limit),

    runsForClient: (orgId: string, clientId: string, limit: number) =>
      db
        .select()
        .from(automationRuns)
        .where(and(eq(automationRuns.orgId, orgId), eq(automationRuns.clientId, clientId)))
        .orderBy(desc(automationRuns.startedAt), desc(automationRuns.id))
        .limit(limit),

    /** The latest run of each automation. */
    async lastRuns(ids: string[]): Promise<Map<string, RunRow>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectDistinctOn([automationRuns.automationId])
        .from(automationRuns)
        .where(inArray(automationRuns.automationId, ids))
        .orderBy(automationRuns.automationId, desc(automationRuns.startedAt), desc(automationRuns.id));
      return new Map(rows.map((r) => [r.automationId, r]));
    },

    /** A task once per (org, key): the same run's retry or replay creates nothing more. */
    async insertTask(values: typeof coachTasks.$inferInsert): Promise<TaskRow | undefined> {
      const [row] = await db
        .insert(coachTasks)
        .values(values)
        .onConflictDoNothing({ target: [coachTasks.orgId, coachTasks.key] })
        .returning();
      return row;
    },

    tasks(orgId: string, status: 'open' | 'done' | 'all', limit = 200) {
      const where =
        status === 'open' ? sql`${coachTasks.doneAt} is null` : status === 'done' ? sql`${coachTasks.doneAt} is not null` : undefined;
      return db
        .select()
        .from(coachTasks)
        .where(and(eq(coachTasks.orgId, orgId), where))
        .orderBy(sql`${coachTasks.dueAt} asc nulls last`, desc(coachTasks.createdAt))
        .limit(limit);
    },

    /** Marks done once; a second call keeps the first time. */
    async markTaskDone(orgId: string, id: string, now: Date): Promise<TaskRow | undefined> {
      const [row] = await db
        .update(coachTasks)
        .set({ doneAt: sql`coalesce(${coachTasks.doneAt}, ${now})` })
        .where(and(eq(coachTasks.orgId, orgId), eq(coachTasks.id, id)))
        .returning();
      return row;
    },
  };
}

export type AutomationsRepo = ReturnType<typeof createAutomationsRepo>;
