import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { notificationEvents, notifications } from '../../../db/schema';
import type { DeliveryItem } from './deliveries.repo';

const param = <T>(xs: T[]) => sql.param(xs);
const iso = (d: Date) => d.toISOString();

/**
 * The statements of a queue batch's fan-out (fan-out-batch.service.ts): each writes what `fanOut` writes for one
 * trigger, for every trigger of the batch at once. Keys go in sorted, so two batches that share triggers take
 * their row locks in the same order and cannot deadlock.
 */
export function createFanOutBatchRepo(db: Executor) {
  return {
    /** The digest rule's per-user, per-type locks (`lockUserType`) for every pair at once, in key order. */
    async lockUserTypes(pairs: { userId: string; type: string }[]) {
      const keys = [...new Set(pairs.map((p) => `notify:${p.userId}:${p.type}`))].sort();
      if (keys.length === 0) return;
      // Sorted: unnest yields them in this order, so two batches take shared locks in the same order.
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(k, 17)) from unnest(${param(keys)}::text[]) as t(k)`);
    },

    /** The dedupe gate for many triggers: answers the keys seen for the first time. */
    async gate(events: { dedupeKey: string; userId: string; type: string }[], at: Date): Promise<Set<string>> {
      if (events.length === 0) return new Set();
      const sorted = [...events].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0));
      const rows = await db
        .insert(notificationEvents)
        .values(sorted.map((e) => ({ dedupeKey: e.dedupeKey, userId: e.userId, type: e.type, createdAt: at })))
        .onConflictDoNothing()
        .returning({ key: notificationEvents.dedupeKey });
      return new Set(rows.map((r) => r.key));
    },

    /** The in-app rows (`insertOnce` each). */
    async insertInApp(rows: (typeof notifications.$inferInsert)[]) {
      if (rows.length === 0) return;
      await db.insert(notifications).values(rows).onConflictDoNothing();
    },

    /**
     * One push row per live subscription of each trigger's user (`insertPushRows` each), in one statement. Answers
     * the rows with the trigger they belong to (its dedupe key, the row's first item's).
     */
    async insertPushRows(
      rows: { userId: string; dedupeKey: string; category: string; type: string; item: DeliveryItem; dueAt: Date; reason: string | null }[],
      now: Date,
    ): Promise<{ id: string; dueAt: Date; eventKey: string }[]> {
      if (rows.length === 0) return [];
      const result = await db.execute<{ id: string; due_at: string | Date; event_key: string }>(sql`
        insert into notification_deliveries
          (user_id, dedupe_key, kind, category, type, items, due_at, reason, channel, push_subscription_id, created_at, updated_at)
        select e.user_id, 'push:' || s.id || ':' || e.dedupe_key, 'single', e.category, e.type, jsonb_build_array(e.item::jsonb),
               e.due_at, e.reason, 'push', s.id, ${now}::timestamptz, ${now}::timestamptz
        from unnest(${param(rows.map((r) => r.userId))}::uuid[], ${param(rows.map((r) => r.dedupeKey))}::text[],
                    ${param(rows.map((r) => r.category))}::text[], ${param(rows.map((r) => r.type))}::text[],
                    ${param(rows.map((r) => JSON.stringify(r.item)))}::text[], ${param(rows.map((r) => iso(r.dueAt)))}::timestamptz[],
                    ${param(rows.map((r) => r.reason))}::text[])
          as e(user_id, dedupe_key, category, type, item, due_at, reason)
        join push_subscriptions s on s.user_id = e.user_id and s.retired_at is null
        order by 2
        on conflict (dedupe_key) do nothing
        returning id, due_at, items -> 0 ->> 'dedupeKey' as event_key`);
      return result.rows.map((r) => ({ id: r.id, dueAt: new Date(r.due_at), eventKey: r.event_key }));
    },

    /** `latestDueOfType` for many (user, type) pairs: the latest due time of each pair's emails after `since`. */
    async latestDueOfTypes(pairs: { userId: string; type: string }[], since: Date): Promise<Map<string, Date>> {
      if (pairs.length === 0) return new Map();
      const result = await db.execute<{ user_id: string; type: string; due_at: string | Date | null }>(sql`
        select t.user_id, t.type,
          (select max(due_at) from notification_deliveries d
           where d.user_id = t.user_id and d.type = t.type and d.kind in ('single', 'digest') and d.channel = 'email'
             and d.status in ('scheduled', 'sending', 'sent') and d.due_at > ${since}) as due_at
        from unnest(${param(pairs.map((p) => p.userId))}::uuid[], ${param(pairs.map((p) => p.type))}::text[]) as t(user_id, type)`);
      const out = new Map<string, Date>();
      for (const r of result.rows) if (r.due_at) out.set(`${r.user_id}:${r.type}`, new Date(r.due_at));
      return out;
    },

    /** The emails sent on their own (`insertSingle` each); answers the rows inserted, by dedupe key. */
    async insertSingles(
      rows: { userId: string; dedupeKey: string; category: string; type: string; item: DeliveryItem; dueAt: Date; reason: string | null }[],
      now: Date,
    ): Promise<Map<string, { id: string; dueAt: Date }>> {
      if (rows.length === 0) return new Map();
      const result = await db.execute<{ id: string; due_at: string | Date; dedupe_key: string }>(sql`
        insert into notification_deliveries (user_id, dedupe_key, kind, category, type, items, due_at, reason, created_at, updated_at)
        select e.user_id, e.dedupe_key, 'single', e.category, e.type, jsonb_build_array(e.item::jsonb), e.due_at, e.reason, ${now}::timestamptz, ${now}::timestamptz
        from unnest(${param(rows.map((r) => r.userId))}::uuid[], ${param(rows.map((r) => r.dedupeKey))}::text[],
                    ${param(rows.map((r) => r.category))}::text[], ${param(rows.map((r) => r.type))}::text[],
                    ${param(rows.map((r) => JSON.stringify(r.item)))}::text[], ${param(rows.map((r) => iso(r.dueAt)))}::timestamptz[],
                    ${param(rows.map((r) => r.reason))}::text[])
          as e(user_id, dedupe_key, category, type, item, due_at, reason)
        order by 2
        on conflict (dedupe_key) do nothing
        returning id, due_at, dedupe_key`);
      return new Map(result.rows.map((r) => [r.dedupe_key, { id: r.id, dueAt: new Date(r.due_at) }]));
    },

    /**
     * `appendToGroup` for many groups: each group (one key once, its events' items in order) is added to its open
     * message or opens one. Answers the open message of each group key.
     */
    async appendToGroups(
      groups: {
        userId: string;
        groupKey: string;
        kind: 'digest' | 'daily';
        category: string;
        type: string;
        items: DeliveryItem[];
        dueAt: Date;
        reason: string;
      }[],
      now: Date,
    ): Promise<Map<string, { id: string; dueAt: Date }>> {
      if (groups.length === 0) return new Map();
      const sorted = [...groups].sort((a, b) => (a.groupKey < b.groupKey ? -1 : 1));
      const result = await db.execute<{ id: string; due_at: string | Date; group_key: string }>(sql`
        insert into notification_deliveries (user_id, dedupe_key, kind, category, type, group_key, items, due_at, reason, created_at, updated_at)
        select g.user_id, g.group_key || ':' || gen_random_uuid(), g.kind::notification_delivery_kind, g.category, g.type, g.group_key,
               g.items::jsonb, g.due_at, g.reason, ${now}::timestamptz, ${now}::timestamptz
        from unnest(${param(sorted.map((g) => g.userId))}::uuid[], ${param(sorted.map((g) => g.groupKey))}::text[],
                    ${param(sorted.map((g) => g.kind))}::text[], ${param(sorted.map((g) => g.category))}::text[],
                    ${param(sorted.map((g) => g.type))}::text[], ${param(sorted.map((g) => JSON.stringify(g.items)))}::text[],
                    ${param(sorted.map((g) => iso(g.dueAt)))}::timestamptz[], ${param(sorted.map((g) => g.reason))}::text[])
          as g(user_id, group_key, kind, category, type, items, due_at, reason)
        on conflict (group_key) where status = 'scheduled'
        do update set items = notification_deliveries.items || excluded.items, updated_at = excluded.updated_at
        returning id, due_at, group_key`);
      return new Map(result.rows.map((r) => [r.group_key, { id: r.id, dueAt: new Date(r.due_at) }]));
    },
  };
}
