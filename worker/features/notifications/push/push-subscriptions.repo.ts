import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { pushSubscriptions } from '../../../db/schema';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

export function createPushSubscriptionsRepo(db: Executor) {
  return {
    /** Serialises one install's subscribe and re-sync, so two tabs opening at once keep one live subscription. */
    async lockInstall(userId: string, installId: string) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`push-install:${userId}:${installId}`}, 17))`);
    },

    /**
     * The install's live subscription becomes this endpoint: an older endpoint of the same install is deleted, and
     * an endpoint already stored (same browser, or a browser another account used before) is taken over.
     */
    async upsert(input: {
      userId: string;
      installId: string;
      endpoint: string;
      p256dh: string;
      auth: string;
      label: string | null;
      now: Date;
    }) {
      await db
        .delete(pushSubscriptions)
        .where(
          and(
            eq(pushSubscriptions.userId, input.userId),
            eq(pushSubscriptions.installId, input.installId),
            ne(pushSubscriptions.endpoint, input.endpoint),
          ),
        );
      const [row] = await db
        .insert(pushSubscriptions)
        .values({ ...input, createdAt: input.now })
        .onConflictDoUpdate({
          target: pushSubscriptions.endpoint,
          set: {
            userId: input.userId,
            installId: input.installId,
            p256dh: input.p256dh,
            auth: input.auth,
            label: input.label,
            retiredAt: null,
          },
        })
        .returning();
      return row!;
    },

    /** Retires the install's live subscriptions other than `keep` (null: all of them); returns how many. */
    async retireInstall(userId: string, installId: string, keep: string | null, now: Date): Promise<number> {
      const rows = await db
        .update(pushSubscriptions)
        .set({ retiredAt: now })
        .where(
          and(
            eq(pushSubscriptions.userId, userId),
            eq(pushSubscriptions.installId, installId),
            isNull(pushSubscriptions.retiredAt),
            ...(keep ? [ne(pushSubscriptions.endpoint, keep)] : []),
          ),
        )
        .returning({ id: pushSubscriptions.id });
      return rows.length;
    },

    async liveOfInstall(userId: string, installId: string): Promise<PushSubscriptionRow | null> {
      const [row] = await db
        .select()
        .from(pushSubscriptions)
        .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.installId, installId), isNull(pushSubscriptions.retiredAt)));
      return row ?? null;
    },

    async deleteInstall(userId: string, installId: string): Promise<number> {
      const rows = await db
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.installId, installId)))
        .returning({ id: pushSubscriptions.id });
      return rows.length;
    },

    /** Everything the user's devices hold (Settings' device list and the support page). */
    listOfUser(userId: string) {
      return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).orderBy(pushSubscriptions.createdAt);
    },

    async byId(id: string): Promise<PushSubscriptionRow | null> {
      const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id));
      return row ?? null;
    },

    /**
     * 404/410 from the push service: the subscription is gone for good. Its waiting rows settle as skipped first
     * (the sent and failed ones stay as history, their link cleared by ON DELETE SET NULL).
     */
    async deleteById(id: string, now: Date) {
      await db.execute(sql`
        update notification_deliveries set status = 'skipped', reason = 'subscription_gone', group_key = null, updated_at = ${now}
        where push_subscription_id = ${id} and status = 'scheduled'`);
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
    },

    /** The subscriptions of a batch's push rows, in one statement. */
    async byIds(ids: string[]): Promise<PushSubscriptionRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.id, ids));
    },

    /** A batch's successes and errors in one statement each. */
    async recordSuccessMany(ids: string[], now: Date) {
      if (ids.length === 0) return;
      await db.update(pushSubscriptions).set({ lastSuccessAt: now }).where(inArray(pushSubscriptions.id, ids));
    },

    async recordErrorMany(errors: { id: string; code: string }[], now: Date) {
      if (errors.length === 0) return;
      await db.execute(sql`
        update push_subscriptions s set last_error_at = ${now}, last_error_code = v.code
        from unnest(${sql.param(errors.map((e) => e.id))}::uuid[], ${sql.param(errors.map((e) => e.code))}::text[]) as v(id, code)
        where s.id = v.id`);
    },

    async recordSuccess(id: string, now: Date) {
      await db.update(pushSubscriptions).set({ lastSuccessAt: now }).where(eq(pushSubscriptions.id, id));
    },

    async recordError(id: string, code: string, now: Date) {
      await db.update(pushSubscriptions).set({ lastErrorAt: now, lastErrorCode: code }).where(eq(pushSubscriptions.id, id));
    },

    /**
     * The fan-out's push rows: one outbox row per live subscription of the user, in the fan-out's transaction
     * (one statement; the per-subscription dedupe key makes a redelivered trigger insert nothing).
     */
    async insertPushRows(input: {
      userId: string;
      dedupeKey: string;
      category: string;
      type: string;
      item: { type: string; dedupeKey: string; data: Record<string, unknown>; at: string };
      dueAt: Date;
      reason: string | null;
      now: Date;
    }): Promise<{ id: string; dueAt: Date }[]> {
      const rows = await db.execute<{ id: string; due_at: string | Date }>(sql`
        insert into notification_deliveries
          (user_id, dedupe_key, kind, category, type, items, due_at, reason, channel, push_subscription_id, created_at, updated_at)
        select ${input.userId}, 'push:' || s.id || ':' || ${input.dedupeKey}, 'single', ${input.category}, ${input.type},
               ${JSON.stringify([input.item])}::jsonb, ${input.dueAt}, ${input.reason}, 'push', s.id, ${input.now}, ${input.now}
        from push_subscriptions s where s.user_id = ${input.userId} and s.retired_at is null
        on conflict (dedupe_key) do nothing
        returning id, due_at`);
      return rows.rows.map((r) => ({ id: r.id, dueAt: new Date(r.due_at) }));
    },
  };
}

export type PushSubscriptionsRepo = ReturnType<typeof createPushSubscriptionsRepo>;
