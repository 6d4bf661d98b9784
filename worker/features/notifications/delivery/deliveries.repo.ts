import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { notificationDeliveries, notificationEvents } from '../../../db/schema';

export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
export type DeliveryItem = DeliveryRow['items'][number];

/** How a send ended: sent, settled for good, or back to waiting until `dueAt`. */
export type FinishOutcome =
  | { status: 'sent'; providerMessageId: string }
  | { status: 'skipped' | 'failed'; reason: string; error?: string }
  | { status: 'scheduled'; dueAt: Date; error: string };

export function createDeliveriesRepo(db: Executor) {
  return {
    /**
     * Serializes one user's fan-outs of one type for the transaction, so the digest rule ("first now,
     * the rest together") holds when two triggers arrive at once.
     */
    async lockUserType(userId: string, type: string) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`notify:${userId}:${type}`}, 17))`);
    },

    /** The fan-out gate: true the first time a dedupe key is seen. */
    async gate(input: { dedupeKey: string; userId: string; type: string; at: Date }): Promise<boolean> {
      const rows = await db
        .insert(notificationEvents)
        .values({ dedupeKey: input.dedupeKey, userId: input.userId, type: input.type, createdAt: input.at })
        .onConflictDoNothing()
        .returning({ key: notificationEvents.dedupeKey });
      return rows.length > 0;
    },

    /** The latest due time of an email of this type for the user after `since` (sent or still waiting), if any. */
    async latestDueOfType(userId: string, type: string, since: Date): Promise<Date | null> {
      const rows = await db.execute<{ due_at: string | Date | null }>(sql`
        select max(due_at) as due_at from notification_deliveries
        where user_id = ${userId} and type = ${type} and kind in ('single', 'digest') and channel = 'email'
          and status in ('scheduled', 'sending', 'sent') and due_at > ${since}`);
      const due = rows.rows[0]?.due_at;
      return due ? new Date(due) : null;
    },

    async insertSingle(input: {
      userId: string;
      dedupeKey: string;
      category: string;
      type: string;
      item: DeliveryItem;
      dueAt: Date;
      reason: string | null;
      now: Date;
    }): Promise<{ id: string; dueAt: Date } | null> {
      const [row] = await db
        .insert(notificationDeliveries)
        .values({
          userId: input.userId,
          dedupeKey: input.dedupeKey,
          kind: 'single',
          category: input.category,
          type: input.type,
          items: [input.item],
          dueAt: input.dueAt,
          reason: input.reason,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .onConflictDoNothing()
        .returning({ id: notificationDeliveries.id, dueAt: notificationDeliveries.dueAt });
      return row ?? null;
    },

    /**
     * Adds an event to the open message of a group (a burst digest or the day's summary), opening it
     * when there is none. One statement: the partial unique index on open groups makes it race-free.
     */
    async appendToGroup(input: {
      userId: string;
      groupKey: string;
      kind: 'digest' | 'daily';
      category: string;
      type: string;
      item: DeliveryItem;
      dueAt: Date;
      reason: string;
      now: Date;
    }): Promise<{ id: string; dueAt: Date }> {
      const rows = await db.execute<{ id: string; due_at: string | Date }>(sql`
        insert into notification_deliveries (user_id, dedupe_key, kind, category, type, group_key, items, due_at, reason, created_at, updated_at)
        values (${input.userId}, ${`${input.groupKey}:${crypto.randomUUID()}`}, ${input.kind}, ${input.category}, ${input.type},
                ${input.groupKey}, ${JSON.stringify([input.item])}::jsonb, ${input.dueAt}, ${input.reason}, ${input.now}, ${input.now})
        on conflict (group_key) where status = 'scheduled'
        do update set items = notification_deliveries.items || excluded.items, updated_at = excluded.updated_at
        returning id, due_at`);
      const row = rows.rows[0];
      if (!row) throw new Error('group upsert returned no row');
      return { id: row.id, dueAt: new Date(row.due_at) };
    },

    /** Takes a due, waiting row for sending; null when it is not due, already taken or already sent. */
    async claim(id: string, now: Date): Promise<DeliveryRow | null> {
      const [row] = await db
        .update(notificationDeliveries)
        .set({ status: 'sending', attempts: sql`${notificationDeliveries.attempts} + 1`, updatedAt: now })
        .where(
          and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, 'scheduled'), lte(notificationDeliveries.dueAt, now)),
        )
        .returning();
      return row ?? null;
    },

    /** `claim` for many rows in one statement (a batch's push rows); those not due, taken or sent are absent. */
    async claimMany(ids: string[], now: Date): Promise<DeliveryRow[]> {
      if (ids.length === 0) return [];
      return db
        .update(notificationDeliveries)
        .set({ status: 'sending', attempts: sql`${notificationDeliveries.attempts} + 1`, updatedAt: now })
        .where(
          and(
            inArray(notificationDeliveries.id, ids),
            eq(notificationDeliveries.status, 'scheduled'),
            lte(notificationDeliveries.dueAt, now),
          ),
        )
        .returning();
    },

    /** `finish` for many rows in one statement (unnest), each with its own outcome; the same columns as `finish`. */
    async finishMany(outcomes: { id: string; outcome: FinishOutcome }[], now: Date) {
      if (outcomes.length === 0) return;
      const col = <T>(f: (o: FinishOutcome) => T | undefined) => sql.param(outcomes.map((o) => f(o.outcome) ?? null));
      await db.execute(sql`
        update notification_deliveries d set
          status = v.status::notification_delivery_status,
          provider_message_id = case when v.status = 'sent' then v.provider_message_id else d.provider_message_id end,
          sent_at = case when v.status = 'sent' then ${now}::timestamptz else d.sent_at end,
          group_key = case when v.status = 'scheduled' then d.group_key else null end,
          last_error = v.error,
          reason = case when v.status in ('skipped', 'failed') then v.reason else d.reason end,
          due_at = case when v.status = 'scheduled' then v.due_at else d.due_at end,
          enqueued_at = case when v.status = 'scheduled' then null else d.enqueued_at end,
          updated_at = ${now}
        from unnest(${sql.param(outcomes.map((o) => o.id))}::uuid[], ${col((o) => o.status)}::text[], ${col((o) => ('reason' in o ? o.reason : null))}::text[],
                    ${col((o) => ('error' in o ? o.error : null))}::text[], ${col((o) => ('providerMessageId' in o ? o.providerMessageId : null))}::text[],
                    ${col((o) => ('dueAt' in o ? o.dueAt.toISOString() : null))}::timestamptz[])
          as v(id, status, reason, error, provider_message_id, due_at)
        where d.id = v.id`);
    },

    async finish(id: string, outcome: FinishOutcome, now: Date) {
      const set =
        outcome.status === 'sent'
          ? { status: outcome.status, providerMessageId: outcome.providerMessageId, sentAt: now, groupKey: null, lastError: null }
          : outcome.status === 'scheduled'
            ? { status: outcome.status, dueAt: outcome.dueAt, lastError: outcome.error, enqueuedAt: null }
            : { status: outcome.status, reason: outcome.reason, lastError: outcome.error ?? null, groupKey: null };
      await db
        .update(notificationDeliveries)
        .set({ ...set, updatedAt: now })
        .where(eq(notificationDeliveries.id, id));
    },

    /**
     * Due rows not handed to the queue recently, marked as handed over in the same statement (SKIP LOCKED:
     * two sweeps never take the same row). A row enqueued but never claimed is offered again after 5 min.
     */
    async takeDue(now: Date, limit: number): Promise<string[]> {
      const rows = await db.execute<{ id: string }>(sql`
        update notification_deliveries set enqueued_at = ${now}
        where id in (
          select id from notification_deliveries
          where status = 'scheduled' and due_at <= ${now}
            and (enqueued_at is null or enqueued_at < ${new Date(now.getTime() - 5 * 60_000)})
          order by due_at limit ${limit} for update skip locked)
        returning id`);
      return rows.rows.map((r) => r.id);
    },

    /** A send that died mid-way (isolate evicted) is put back; the provider's idempotency key stops a double send. */
    async releaseStuck(now: Date): Promise<number> {
      const rows = await db
        .update(notificationDeliveries)
        .set({ status: 'scheduled', enqueuedAt: null, updatedAt: now })
        .where(
          and(eq(notificationDeliveries.status, 'sending'), lte(notificationDeliveries.updatedAt, new Date(now.getTime() - 10 * 60_000))),
        )
        .returning({ id: notificationDeliveries.id });
      return rows.length;
    },

    async markEnqueued(ids: string[], now: Date) {
      if (ids.length === 0) return;
      await db.update(notificationDeliveries).set({ enqueuedAt: now }).where(inArray(notificationDeliveries.id, ids));
    },
  };
}

export type DeliveriesRepo = ReturnType<typeof createDeliveriesRepo>;
