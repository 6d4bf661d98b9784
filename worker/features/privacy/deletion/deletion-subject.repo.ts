// Who a deletion's subject is and what they are tied to (orgs they own, providers, billing, coaches, athletes): read
// before anything is erased, to plan the steps and say what the receipt will list. Part of the deletion repo.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import {
  apiKeys,
  athleteLinks,
  billingCustomers,
  clients,
  orgMembers,
  orgs,
  providerConnections,
  sessions,
  users,
} from '../../../db/schema';

export function createDeletionSubjectRepo(db: Executor) {
  return {
    async user(userId: string) {
      const [row] = await db
        .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, userId));
      return row ?? null;
    },

    /** Orgs this user owns with no other owner: an account deletion would leave them ownerless. */
    async soleOwnedOrgs(userId: string): Promise<{ id: string; name: string }[]> {
      return db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgMembers)
        .innerJoin(orgs, eq(orgs.id, orgMembers.orgId))
        .where(
          sql`${orgMembers.userId} = ${userId} and ${orgMembers.role} = 'owner' and not exists (
            select 1 from ${orgMembers} o where o.org_id = ${orgMembers.orgId} and o.role = 'owner' and o.user_id <> ${userId})`,
        );
    },

    async ownedOrg(userId: string): Promise<{ id: string; name: string } | null> {
      const [row] = await db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgMembers)
        .innerJoin(orgs, eq(orgs.id, orgMembers.orgId))
        .where(and(eq(orgMembers.userId, userId), eq(orgMembers.role, 'owner')));
      return row ?? null;
    },

    revokeSessions: (userId: string) => db.delete(sessions).where(eq(sessions.userId, userId)),

    /** Every key the user made (personal and team) stops at once: a deletion request signs them out everywhere (ADR 105). */
    revokeApiKeys: (userId: string, at: Date) =>
      db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt))),

    async connectedProviders(userId: string): Promise<string[]> {
      const rows = await db
        .select({ provider: providerConnections.provider })
        .from(providerConnections)
        .where(eq(providerConnections.userId, userId));
      return rows.map((r) => r.provider);
    },

    async billingCustomers(ownerType: 'user' | 'org', ownerId: string): Promise<string[]> {
      const rows = await db
        .select({ id: billingCustomers.stripeCustomerId })
        .from(billingCustomers)
        .where(and(eq(billingCustomers.ownerId, ownerId), sql`${billingCustomers.ownerType} = ${ownerType}`));
      return rows.map((r) => r.id);
    },

    /** The athlete's live coach links, with who at the org hears that they left (the requester, else the owners). */
    async coachLinks(userId: string): Promise<{ linkId: string; clientId: string; clientName: string; coaches: string[] }[]> {
      const rows = await db
        .select({
          linkId: athleteLinks.id,
          orgId: athleteLinks.orgId,
          clientId: athleteLinks.clientId,
          clientName: clients.name,
          requestedBy: athleteLinks.requestedBy,
        })
        .from(athleteLinks)
        .innerJoin(clients, eq(clients.id, athleteLinks.clientId))
        .where(and(eq(athleteLinks.athleteUserId, userId), eq(athleteLinks.status, 'accepted')));
      const out = [];
      for (const r of rows) {
        const owners = await db
          .select({ id: orgMembers.userId })
          .from(orgMembers)
          .where(and(eq(orgMembers.orgId, r.orgId), eq(orgMembers.role, 'owner')));
        const coaches = new Set([...(r.requestedBy ? [r.requestedBy] : []), ...owners.map((o) => o.id)]);
        coaches.delete(userId);
        out.push({ linkId: r.linkId, clientId: r.clientId, clientName: r.clientName, coaches: [...coaches] });
      }
      return out;
    },

    /** Athletes linked to an org's clients (they keep their accounts and hear the org is gone). */
    async linkedAthletes(orgId: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ id: athleteLinks.athleteUserId })
        .from(athleteLinks)
        .where(and(eq(athleteLinks.orgId, orgId), eq(athleteLinks.status, 'accepted')));
      return rows.flatMap((r) => (r.id ? [r.id] : []));
    },
  };
}
