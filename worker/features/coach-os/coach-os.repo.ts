import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { clientPackages, clients, orgMembers, orgs, packageTypes, sessionLedger } from '../../db/schema';

export type OrgRow = typeof orgs.$inferSelect;
export type ClientRow = typeof clients.$inferSelect;
export type PackageTypeRow = typeof packageTypes.$inferSelect;
export type ClientPackageRow = typeof clientPackages.$inferSelect;
export type SessionLedgerRow = typeof sessionLedger.$inferSelect;

/** Every query here takes the org id: a row of another org is simply not found. */
export function createCoachRepo(db: Executor) {
  return {
    async membershipOf(userId: string): Promise<{ org: OrgRow; role: 'owner' | 'coach' } | undefined> {
      const [row] = await db
        .select({ org: orgs, role: orgMembers.role })
        .from(orgMembers)
        .innerJoin(orgs, eq(orgs.id, orgMembers.orgId))
        .where(eq(orgMembers.userId, userId));
      return row;
    },

    async createOrg(input: { name: string; timeZone: string; userId: string }): Promise<OrgRow> {
      const [org] = await db.insert(orgs).values({ name: input.name, timeZone: input.timeZone, createdBy: input.userId }).returning();
      await db.insert(orgMembers).values({ orgId: org!.id, userId: input.userId, role: 'owner' });
      return org!;
    },

    async orgById(orgId: string): Promise<OrgRow | undefined> {
      const [row] = await db.select().from(orgs).where(eq(orgs.id, orgId));
      return row;
    },

    async isMember(orgId: string, userId: string): Promise<boolean> {
      const rows = await db
        .select({ userId: orgMembers.userId })
        .from(orgMembers)
        .where(and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId)));
      return rows.length > 0;
    },

    async updateOrg(
      orgId: string,
      patch: Partial<Pick<OrgRow, 'name' | 'timeZone' | 'quietStart' | 'quietEnd' | 'reminderOffsets'>>,
    ): Promise<OrgRow> {
      const [org] = await db.update(orgs).set(patch).where(eq(orgs.id, orgId)).returning();
      return org!;
    },

    /** Holds the org's row to the end of the transaction: "count, then add" rules (client limit, seats) run one at a time. */
    async lockOrg(orgId: string): Promise<void> {
      await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId)).for('update');
    },

    async activeClientCount(orgId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.archived, false)));
      return row?.n ?? 0;
    },

    listClients(orgId: string): Promise<ClientRow[]> {
      return db
        .select()
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.archived, false)))
        .orderBy(asc(clients.name), asc(clients.id));
    },

    async getClient(orgId: string, id: string): Promise<ClientRow | undefined> {
      const [row] = await db
        .select()
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.id, id)));
      return row;
    },

    async createClient(orgId: string, input: Pick<ClientRow, 'name' | 'phone' | 'email' | 'notes' | 'smsConsent'>): Promise<ClientRow> {
      const [row] = await db
        .insert(clients)
        .values({ orgId, ...input })
        .returning();
      return row!;
    },

    async updateClient(
      orgId: string,
      id: string,
      patch: Partial<Pick<ClientRow, 'name' | 'phone' | 'email' | 'notes' | 'smsConsent' | 'archived'>>,
    ): Promise<ClientRow | undefined> {
      const [row] = await db
        .update(clients)
        .set(patch)
        .where(and(eq(clients.orgId, orgId), eq(clients.id, id)))
        .returning();
      return row;
    },

    listPackageTypes(orgId: string): Promise<PackageTypeRow[]> {
      return db.select().from(packageTypes).where(eq(packageTypes.orgId, orgId)).orderBy(asc(packageTypes.name));
    },

    async getPackageType(orgId: string, id: string): Promise<PackageTypeRow | undefined> {
      const [row] = await db
        .select()
        .from(packageTypes)
        .where(and(eq(packageTypes.orgId, orgId), eq(packageTypes.id, id)));
      return row;
    },

    async createPackageType(
      orgId: string,
      input: Pick<PackageTypeRow, 'name' | 'sessions' | 'sessionMinutes' | 'priceCents' | 'currency' | 'validityDays'>,
    ): Promise<PackageTypeRow> {
      const [row] = await db
        .insert(packageTypes)
        .values({ orgId, ...input })
        .returning();
      return row!;
    },

    async addClientPackage(input: Omit<typeof clientPackages.$inferInsert, 'id' | 'createdAt' | 'status'>): Promise<ClientPackageRow> {
      const [row] = await db.insert(clientPackages).values(input).returning();
      return row!;
    },

    /** A client's packages with the ledger's own count next to each: remaining always equals total − net uses. */
    async packagesOf(orgId: string, clientId: string) {
      return db
        .select({
          pkg: clientPackages,
          netUses: sql<number>`(select (count(*) filter (where l.kind = 'use') - count(*) filter (where l.kind = 'release'))::int
                                from session_ledger l where l.client_package_id = "client_packages"."id")`,
        })
        .from(clientPackages)
        .where(and(eq(clientPackages.orgId, orgId), eq(clientPackages.clientId, clientId)))
        .orderBy(sql`${clientPackages.expiresOn} asc nulls last`, asc(clientPackages.purchasedOn));
    },

    ledgerOf(orgId: string, clientId: string, limit = 100) {
      return db
        .select()
        .from(sessionLedger)
        .where(and(eq(sessionLedger.orgId, orgId), eq(sessionLedger.clientId, clientId)))
        .orderBy(desc(sessionLedger.createdAt), desc(sessionLedger.id))
        .limit(limit);
    },
  };
}

export type CoachRepo = ReturnType<typeof createCoachRepo>;
