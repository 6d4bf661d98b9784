import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { orgInvites, orgMembers, orgs, users } from '../../../db/schema';

export type OrgInviteRow = typeof orgInvites.$inferSelect;
const sameEmail = (email: string) => sql`lower(${orgInvites.email}) = lower(${email})`;

/** The org's people and invitations. Org-side queries take the org id; invitee-side ones the user's email. */
export function createTeamRepo(db: Executor) {
  return {
    members(orgId: string) {
      return db
        .select({
          userId: orgMembers.userId,
          role: orgMembers.role,
          displayName: users.displayName,
          email: users.email,
          since: orgMembers.createdAt,
        })
        .from(orgMembers)
        .innerJoin(users, eq(users.id, orgMembers.userId))
        .where(eq(orgMembers.orgId, orgId))
        .orderBy(asc(orgMembers.createdAt));
    },

    pendingOfOrg(orgId: string) {
      return db
        .select()
        .from(orgInvites)
        .where(and(eq(orgInvites.orgId, orgId), eq(orgInvites.status, 'pending')))
        .orderBy(desc(orgInvites.createdAt));
    },

    /** Seats in use: the org's coaches (owner included) and its pending invitations. */
    async seatsTaken(orgId: string): Promise<number> {
      const [row] = await db
        .select({
          n: sql<number>`(select count(*) from ${orgMembers} where ${orgMembers.orgId} = ${orgId})::int
          + (select count(*) from ${orgInvites} where ${orgInvites.orgId} = ${orgId} and ${orgInvites.status} = 'pending')::int`,
        })
        .from(sql`(select 1) as one`);
      return row?.n ?? 0;
    },

    /** A new pending invitation, or undefined when one is already pending for that address. */
    async invite(orgId: string, email: string, invitedBy: string): Promise<OrgInviteRow | undefined> {
      const [row] = await db.insert(orgInvites).values({ orgId, email, invitedBy }).onConflictDoNothing().returning();
      return row;
    },

    async cancel(orgId: string, id: string, now: Date): Promise<OrgInviteRow | undefined> {
      const [row] = await db
        .update(orgInvites)
        .set({ status: 'cancelled', decidedAt: now })
        .where(and(eq(orgInvites.orgId, orgId), eq(orgInvites.id, id), eq(orgInvites.status, 'pending')))
        .returning();
      return row;
    },

    /** Staff only: the owner cannot be removed this way. */
    async removeStaff(orgId: string, userId: string): Promise<boolean> {
      const rows = await db
        .delete(orgMembers)
        .where(and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId), ne(orgMembers.role, 'owner')))
        .returning({ userId: orgMembers.userId });
      return rows.length > 0;
    },

    userIdByEmail: async (email: string): Promise<string | undefined> => {
      const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return row?.id;
    },

    pendingFor(email: string) {
      return db
        .select({
          id: orgInvites.id,
          orgId: orgInvites.orgId,
          orgName: orgs.name,
          invitedBy: users.displayName,
          createdAt: orgInvites.createdAt,
        })
        .from(orgInvites)
        .innerJoin(orgs, eq(orgs.id, orgInvites.orgId))
        .leftJoin(users, eq(users.id, orgInvites.invitedBy))
        .where(and(sameEmail(email), eq(orgInvites.status, 'pending')))
        .orderBy(desc(orgInvites.createdAt));
    },

    /** Settles the invitee's pending invitation; undefined when it is not theirs or no longer pending. */
    async decide(email: string, id: string, status: 'accepted' | 'declined', userId: string, now: Date): Promise<OrgInviteRow | undefined> {
      const [row] = await db
        .update(orgInvites)
        .set({ status, decidedAt: now, ...(status === 'accepted' ? { acceptedBy: userId } : {}) })
        .where(and(eq(orgInvites.id, id), sameEmail(email), eq(orgInvites.status, 'pending')))
        .returning();
      return row;
    },

    async hasOrg(userId: string): Promise<boolean> {
      const rows = await db.select({ orgId: orgMembers.orgId }).from(orgMembers).where(eq(orgMembers.userId, userId));
      return rows.length > 0;
    },

    addStaff: (orgId: string, userId: string) => db.insert(orgMembers).values({ orgId, userId, role: 'coach' }),
  };
}
