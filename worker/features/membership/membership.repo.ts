import { and, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import {
  billingCustomers,
  membershipGrants,
  membershipTrials,
  subscriptionMirror,
  usageCounters,
  usageUnits,
  users,
} from '../../db/schema';

export type OwnerType = 'user' | 'org';
export type MirrorRow = typeof subscriptionMirror.$inferSelect;
export type MirrorInput = Omit<MirrorRow, 'syncedAt'>;
export type GrantRow = typeof membershipGrants.$inferSelect;
/** Whose grant: an athlete (Pro/Elite) or an org (Team). */
export type GrantOwner = { type: OwnerType; id: string };

const ownerIs = (o: GrantOwner) => (o.type === 'user' ? eq(membershipGrants.userId, o.id) : eq(membershipGrants.orgId, o.id));

const first = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T | undefined> => (await p).rows[0] as T | undefined;

/** The owner's mirrored subscriptions, as a query (any handle runs it, an HTTP batch too). */
export function mirrorOfOwnerQuery(db: Executor | StatementExecutor, ownerType: OwnerType, ownerId: string) {
  return db
    .select({ m: subscriptionMirror })
    .from(subscriptionMirror)
    .innerJoin(billingCustomers, eq(billingCustomers.stripeCustomerId, subscriptionMirror.stripeCustomerId))
    .where(and(eq(billingCustomers.ownerType, ownerType), eq(billingCustomers.ownerId, ownerId)));
}

/** The owner's grants in force at `now`, as a query (any handle runs it, an HTTP batch too). */
export function activeGrantsQuery(db: Executor | StatementExecutor, owner: GrantOwner, now: Date) {
  return db
    .select()
    .from(membershipGrants)
    .where(and(ownerIs(owner), isNull(membershipGrants.revokedAt), lte(membershipGrants.startsAt, now), gt(membershipGrants.endsAt, now)))
    .orderBy(desc(membershipGrants.endsAt));
}

export function createMembershipRepo(db: Executor) {
  return {
    /** The owner's mirrored subscriptions (none when they never had a customer). */
    mirrorOfOwner(ownerType: OwnerType, ownerId: string): Promise<MirrorRow[]> {
      return mirrorOfOwnerQuery(db, ownerType, ownerId).then((rows) => rows.map((r) => r.m));
    },

    /** The owner's grants in force at `now` (an athlete's Pro/Elite, an org's Team). */
    activeGrants(owner: GrantOwner, now: Date): Promise<GrantRow[]> {
      return activeGrantsQuery(db, owner, now);
    },

    async customerOf(ownerType: OwnerType, ownerId: string): Promise<string | null> {
      const [row] = await db
        .select({ id: billingCustomers.stripeCustomerId })
        .from(billingCustomers)
        .where(and(eq(billingCustomers.ownerType, ownerType), eq(billingCustomers.ownerId, ownerId)));
      return row?.id ?? null;
    },

    async ownerOfCustomer(customerId: string): Promise<{ ownerType: OwnerType; ownerId: string } | null> {
      const [row] = await db
        .select({ ownerType: billingCustomers.ownerType, ownerId: billingCustomers.ownerId })
        .from(billingCustomers)
        .where(eq(billingCustomers.stripeCustomerId, customerId));
      return row ?? null;
    },

    /** Records the customer unless the owner already has one; answers the owner's customer either way. */
    async saveCustomer(ownerType: OwnerType, ownerId: string, customerId: string): Promise<string> {
      await db.insert(billingCustomers).values({ stripeCustomerId: customerId, ownerType, ownerId }).onConflictDoNothing();
      return (await this.customerOf(ownerType, ownerId)) ?? customerId;
    },

    /** Holds the customer's row for the rest of the transaction: one sync at a time per customer. */
    async lockCustomer(customerId: string): Promise<boolean> {
      const row = await first(db.execute(sql`SELECT 1 FROM billing_customers WHERE stripe_customer_id = ${customerId} FOR UPDATE`));
      return row !== undefined;
    },

    mirrorOfCustomer(customerId: string): Promise<MirrorRow[]> {
      return db.select().from(subscriptionMirror).where(eq(subscriptionMirror.stripeCustomerId, customerId));
    },

    /** Replaces the customer's mirror with what Stripe just said (call under lockCustomer). */
    async replaceMirror(customerId: string, rows: MirrorInput[], at: Date): Promise<void> {
      await db.delete(subscriptionMirror).where(eq(subscriptionMirror.stripeCustomerId, customerId));
      if (rows.length) await db.insert(subscriptionMirror).values(rows.map((r) => ({ ...r, syncedAt: at })));
      await db.update(billingCustomers).set({ syncedAt: at }).where(eq(billingCustomers.stripeCustomerId, customerId));
    },

    /** Many athletes' mirrored subscriptions in one read, with whose each is (a list page's tiers). */
    async mirrorsOfUsers(userIds: string[]): Promise<(MirrorRow & { ownerId: string })[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .select({ m: subscriptionMirror, ownerId: billingCustomers.ownerId })
        .from(subscriptionMirror)
        .innerJoin(billingCustomers, eq(billingCustomers.stripeCustomerId, subscriptionMirror.stripeCustomerId))
        .where(and(eq(billingCustomers.ownerType, 'user'), inArray(billingCustomers.ownerId, userIds)));
      return rows.map((r) => ({ ...r.m, ownerId: r.ownerId }));
    },

    /** Many athletes' grants in force at `now`, in one read. */
    grantsOfUsers(userIds: string[], now: Date): Promise<GrantRow[]> {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .select()
        .from(membershipGrants)
        .where(
          and(
            inArray(membershipGrants.userId, userIds),
            isNull(membershipGrants.revokedAt),
            lte(membershipGrants.startsAt, now),
            gt(membershipGrants.endsAt, now),
          ),
        )
        .orderBy(desc(membershipGrants.endsAt));
    },

    async insertGrant(g: typeof membershipGrants.$inferInsert): Promise<GrantRow> {
      const [row] = await db.insert(membershipGrants).values(g).returning();
      return row!;
    },

    /** Revokes once: a second revoke (or another owner's grant id) changes nothing and answers null. */
    async revokeGrant(owner: GrantOwner, grantId: string, by: string, at: Date): Promise<GrantRow | null> {
      const [row] = await db
        .update(membershipGrants)
        .set({ revokedAt: at, revokedBy: by })
        .where(and(eq(membershipGrants.id, grantId), ownerIs(owner), isNull(membershipGrants.revokedAt)))
        .returning();
      return row ?? null;
    },

    grantsOf(userId: string): Promise<GrantRow[]> {
      return db.select().from(membershipGrants).where(eq(membershipGrants.userId, userId)).orderBy(desc(membershipGrants.createdAt));
    },

    /** Claims the once-per-athlete trial; false when it was used before. */
    async claimTrial(userId: string): Promise<boolean> {
      const rows = await db
        .insert(membershipTrials)
        .values({ userId })
        .onConflictDoNothing()
        .returning({ userId: membershipTrials.userId });
      return rows.length > 0;
    },

    async setTrialSubscription(userId: string, subscriptionId: string): Promise<void> {
      await db.update(membershipTrials).set({ stripeSubscriptionId: subscriptionId }).where(eq(membershipTrials.userId, userId));
    },

    /** Gives the claim back when the trial could not be started at Stripe (so the athlete can try again). */
    async releaseTrial(userId: string): Promise<void> {
      await db.delete(membershipTrials).where(and(eq(membershipTrials.userId, userId), isNull(membershipTrials.stripeSubscriptionId)));
    },

    async trialUsed(userId: string): Promise<boolean> {
      const [row] = await db.select({ u: membershipTrials.userId }).from(membershipTrials).where(eq(membershipTrials.userId, userId));
      return row !== undefined;
    },

    /**
     * Takes one unit in one statement: the conditional upsert cannot pass `limit` however many requests
     * race (the row lock orders them). Answers the count after taking, or null when none was left.
     */
    async take(userId: string, kind: string, period: string, limit: number | null): Promise<{ used: number; unitId: string } | null> {
      // One statement: the counter's conditional upsert and the unit row commit together or not at all.
      const taken = await first<{ used: number; unit_id: string }>(
        db.execute(sql`
          WITH counted AS (
            INSERT INTO usage_counters (user_id, kind, period, used) VALUES (${userId}, ${kind}, ${period}, 1)
            ON CONFLICT (user_id, kind, period) DO UPDATE SET used = usage_counters.used + 1
            WHERE ${limit === null ? sql`true` : sql`usage_counters.used < ${limit}`}
            RETURNING used
          ), unit AS (
            INSERT INTO usage_units (user_id, kind, period) SELECT ${userId}, ${kind}, ${period} FROM counted RETURNING id
          )
          SELECT counted.used, unit.id AS unit_id FROM counted, unit`),
      );
      return taken ? { used: Number(taken.used), unitId: taken.unit_id } : null;
    },

    /** Gives a unit back exactly once (refunded_at is set once; the counter follows in the same transaction). */
    async refund(userId: string, unitId: string, at: Date): Promise<boolean> {
      const [unit] = await db
        .update(usageUnits)
        .set({ refundedAt: at })
        .where(and(eq(usageUnits.id, unitId), eq(usageUnits.userId, userId), isNull(usageUnits.refundedAt)))
        .returning({ kind: usageUnits.kind, period: usageUnits.period });
      if (!unit) return false;
      await db
        .update(usageCounters)
        .set({ used: sql`${usageCounters.used} - 1` })
        .where(
          and(
            eq(usageCounters.userId, userId),
            eq(usageCounters.kind, unit.kind),
            eq(usageCounters.period, unit.period),
            gt(usageCounters.used, 0),
          ),
        );
      return true;
    },

    async usage(userId: string, period: string): Promise<Record<string, number>> {
      const rows = await db
        .select({ kind: usageCounters.kind, used: usageCounters.used })
        .from(usageCounters)
        .where(and(eq(usageCounters.userId, userId), eq(usageCounters.period, period)));
      return Object.fromEntries(rows.map((r) => [r.kind, r.used]));
    },

    /** The paying athlete's time zone (dates in their notifications are theirs); null when the user is gone. */
    async timeZoneOf(userId: string): Promise<string | null> {
      const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
      return row?.timeZone ?? null;
    },
  };
}
export type MembershipRepo = ReturnType<typeof createMembershipRepo>;
