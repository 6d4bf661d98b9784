import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { clientPackages, clients, moneyEvents, packageTypes } from '../../../db/schema';

export type MoneyEventRow = typeof moneyEvents.$inferSelect;
export type NewMoneyEvent = Omit<typeof moneyEvents.$inferInsert, 'id' | 'createdAt'>;
export type MoneyEventView = MoneyEventRow & { clientName: string | null; packageTypeName: string | null };

const withNames = {
  event: moneyEvents,
  clientName: clients.name,
  packageTypeName: packageTypes.name,
};
const flatten = (r: { event: MoneyEventRow; clientName: string | null; packageTypeName: string | null }): MoneyEventView => ({
  ...r.event,
  clientName: r.clientName,
  packageTypeName: r.packageTypeName,
});

/** Money SQL. Every coach-side query takes the org id; webhook writes are keyed by their Stripe id. */
export function createPaymentsRepo(db: Executor) {
  return {
    /** Inserts once: a row with the same external id already there means nothing is added (undefined). */
    async insertMoneyEvent(values: NewMoneyEvent): Promise<MoneyEventRow | undefined> {
      const [row] = await db.insert(moneyEvents).values(values).onConflictDoNothing().returning();
      return row;
    },

    async getMoneyEvent(orgId: string, id: string): Promise<MoneyEventRow | undefined> {
      const [row] = await db
        .select()
        .from(moneyEvents)
        .where(and(eq(moneyEvents.orgId, orgId), eq(moneyEvents.id, id)));
      return row;
    },

    async deleteManual(orgId: string, id: string): Promise<MoneyEventRow | undefined> {
      const [row] = await db
        .delete(moneyEvents)
        .where(and(eq(moneyEvents.orgId, orgId), eq(moneyEvents.id, id), eq(moneyEvents.source, 'manual')))
        .returning();
      return row;
    },

    /** Money of an org in [from, to) in one currency, oldest first, with client and package names. */
    async between(orgId: string, from: Date, to: Date, currency: string): Promise<MoneyEventView[]> {
      const rows = await db
        .select(withNames)
        .from(moneyEvents)
        .leftJoin(clients, eq(clients.id, moneyEvents.clientId))
        .leftJoin(packageTypes, eq(packageTypes.id, moneyEvents.packageTypeId))
        .where(
          and(
            eq(moneyEvents.orgId, orgId),
            gte(moneyEvents.occurredAt, from),
            lt(moneyEvents.occurredAt, to),
            eq(moneyEvents.currency, currency),
          ),
        )
        .orderBy(asc(moneyEvents.occurredAt), asc(moneyEvents.id));
      return rows.map(flatten);
    },

    /** The currencies an org had money in during [from, to), most entries first. */
    async currenciesBetween(orgId: string, from: Date, to: Date): Promise<string[]> {
      const rows = await db
        .select({ currency: moneyEvents.currency, n: sql<number>`count(*)::int` })
        .from(moneyEvents)
        .where(and(eq(moneyEvents.orgId, orgId), gte(moneyEvents.occurredAt, from), lt(moneyEvents.occurredAt, to)))
        .groupBy(moneyEvents.currency)
        .orderBy(desc(sql`count(*)`), asc(moneyEvents.currency));
      return rows.map((r) => r.currency);
    },

    async firstPackageCurrency(orgId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ currency: packageTypes.currency })
        .from(packageTypes)
        .where(eq(packageTypes.orgId, orgId))
        .orderBy(asc(packageTypes.createdAt))
        .limit(1);
      return row?.currency;
    },

    /** A client's payments and refunds (no expenses), newest first. */
    async clientPayments(orgId: string, clientId: string, limit = 200): Promise<MoneyEventView[]> {
      const rows = await db
        .select(withNames)
        .from(moneyEvents)
        .leftJoin(clients, eq(clients.id, moneyEvents.clientId))
        .leftJoin(packageTypes, eq(packageTypes.id, moneyEvents.packageTypeId))
        .where(and(eq(moneyEvents.orgId, orgId), eq(moneyEvents.clientId, clientId), inArray(moneyEvents.kind, ['income', 'refund'])))
        .orderBy(desc(moneyEvents.occurredAt), desc(moneyEvents.id))
        .limit(limit);
      return rows.map(flatten);
    },

    // ---- webhook side (Stripe ids, org resolved from metadata) ----

    /** Serialises writers of one key (e.g. one charge's refunds) until the transaction ends. */
    async lock(key: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    },

    /** Refunds already counted for a charge (their external ids start with the charge id). */
    async refundedSoFar(chargeId: string): Promise<number> {
      const [row] = await db
        .select({ total: sql<string>`coalesce(sum(${moneyEvents.amountCents}), 0)::bigint` })
        .from(moneyEvents)
        .where(and(eq(moneyEvents.kind, 'refund'), sql`${moneyEvents.externalId} like ${`${chargeId}:refunded:%`}`));
      return Number(row?.total ?? 0);
    },

    /** The income a payment intent produced: where a refund of it belongs. */
    async incomeByPaymentRef(paymentRef: string): Promise<Pick<MoneyEventRow, 'orgId' | 'clientId' | 'packageTypeId'> | undefined> {
      const [row] = await db
        .select({ orgId: moneyEvents.orgId, clientId: moneyEvents.clientId, packageTypeId: moneyEvents.packageTypeId })
        .from(moneyEvents)
        .where(and(eq(moneyEvents.paymentRef, paymentRef), eq(moneyEvents.kind, 'income')))
        .limit(1);
      return row;
    },

    /** The package a paid checkout bought; its source (the session id) is unique, so a replay adds nothing. */
    async addPurchasedPackage(
      values: Omit<typeof clientPackages.$inferInsert, 'id' | 'createdAt' | 'status'>,
    ): Promise<string | undefined> {
      const [row] = await db.insert(clientPackages).values(values).onConflictDoNothing().returning({ id: clientPackages.id });
      return row?.id;
    },
  };
}

export type PaymentsRepo = ReturnType<typeof createPaymentsRepo>;
