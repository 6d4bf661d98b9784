import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { athleteLinks, clients, orgs, users } from '../../../db/schema';

export type AthleteLinkRow = typeof athleteLinks.$inferSelect;
type Live = 'pending' | 'accepted';
const LIVE: Live[] = ['pending', 'accepted'];

/**
 * Consent links between an org's client and a Cadence athlete. Coach-side queries take the org id and
 * client id; athlete-side ones the athlete's email (pending) or user id (accepted).
 */
export function createAthleteLinkRepo(db: Executor) {
  return {
    /** The client's pending or accepted link, with the athlete's name once accepted. */
    async liveOfClient(orgId: string, clientId: string) {
      const [row] = await db
        .select({ link: athleteLinks, athleteName: users.displayName })
        .from(athleteLinks)
        .leftJoin(users, eq(users.id, athleteLinks.athleteUserId))
        .where(and(eq(athleteLinks.orgId, orgId), eq(athleteLinks.clientId, clientId), inArray(athleteLinks.status, LIVE)));
      return row;
    },

    /** A new pending request, or undefined when the client already has a live link. */
    async request(orgId: string, clientId: string, email: string, requestedBy: string): Promise<AthleteLinkRow | undefined> {
      const [row] = await db.insert(athleteLinks).values({ orgId, clientId, email, requestedBy }).onConflictDoNothing().returning();
      return row;
    },

    /** Coach side: a pending request becomes cancelled, an accepted link revoked. */
    async endForClient(orgId: string, clientId: string, now: Date): Promise<AthleteLinkRow | undefined> {
      const [row] = await db
        .update(athleteLinks)
        .set({
          status: sql`case when ${athleteLinks.status} = 'pending' then 'cancelled'::athlete_link_status else 'revoked'::athlete_link_status end`,
          endedAt: now,
          planEditGrantedAt: null,
          wellnessSharedAt: null,
        })
        .where(and(eq(athleteLinks.orgId, orgId), eq(athleteLinks.clientId, clientId), inArray(athleteLinks.status, LIVE)))
        .returning();
      return row;
    },

    userIdByEmail: async (email: string): Promise<string | undefined> => {
      const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return row?.id;
    },

    /** The athlete's requests waiting for an answer and the links they have accepted, newest first. */
    forAthlete(userId: string, email: string) {
      return db
        .select({
          id: athleteLinks.id,
          status: athleteLinks.status,
          orgName: orgs.name,
          requestedBy: users.displayName,
          createdAt: athleteLinks.createdAt,
          decidedAt: athleteLinks.decidedAt,
          planEditGrantedAt: athleteLinks.planEditGrantedAt,
          wellnessSharedAt: athleteLinks.wellnessSharedAt,
        })
        .from(athleteLinks)
        .innerJoin(orgs, eq(orgs.id, athleteLinks.orgId))
        .leftJoin(users, eq(users.id, athleteLinks.requestedBy))
        .where(
          sql`(${athleteLinks.status} = 'pending' and lower(${athleteLinks.email}) = lower(${email})) or (${athleteLinks.status} = 'accepted' and ${athleteLinks.athleteUserId} = ${userId})`,
        )
        .orderBy(desc(athleteLinks.createdAt));
    },

    /** Settles a request addressed to this email; undefined when it is not theirs or no longer pending. */
    async decide(
      email: string,
      id: string,
      status: 'accepted' | 'declined',
      userId: string,
      now: Date,
    ): Promise<AthleteLinkRow | undefined> {
      const [row] = await db
        .update(athleteLinks)
        .set({ status, decidedAt: now, ...(status === 'accepted' ? { athleteUserId: userId } : {}) })
        .where(and(eq(athleteLinks.id, id), sql`lower(${athleteLinks.email}) = lower(${email})`, eq(athleteLinks.status, 'pending')))
        .returning();
      return row;
    },

    /** Athlete side: stop sharing an accepted link. */
    async revokeByAthlete(userId: string, id: string, now: Date): Promise<AthleteLinkRow | undefined> {
      const [row] = await db
        .update(athleteLinks)
        .set({ status: 'revoked', endedAt: now, planEditGrantedAt: null, wellnessSharedAt: null })
        .where(and(eq(athleteLinks.id, id), eq(athleteLinks.athleteUserId, userId), eq(athleteLinks.status, 'accepted')))
        .returning();
      return row;
    },

    /** Athlete side: let the coach change the plan (a time) or stop it (null); only on an accepted link of theirs. */
    async setPlanEdit(userId: string, id: string, grantedAt: Date | null): Promise<AthleteLinkRow | undefined> {
      const [row] = await db
        .update(athleteLinks)
        .set({ planEditGrantedAt: grantedAt })
        .where(and(eq(athleteLinks.id, id), eq(athleteLinks.athleteUserId, userId), eq(athleteLinks.status, 'accepted')))
        .returning();
      return row;
    },
    /** Athlete side: share wellness with the coach (a time) or stop (null); only on an accepted link of theirs. */
    async setWellnessShare(userId: string, id: string, sharedAt: Date | null): Promise<AthleteLinkRow | undefined> {
      const [row] = await db
        .update(athleteLinks)
        .set({ wellnessSharedAt: sharedAt })
        .where(and(eq(athleteLinks.id, id), eq(athleteLinks.athleteUserId, userId), eq(athleteLinks.status, 'accepted')))
        .returning();
      return row;
    },
    /** The client row mirrors the accepted link, so lists can say "linked" without a join. */
    setClientAthlete: (orgId: string, clientId: string, athleteUserId: string | null) =>
      db
        .update(clients)
        .set({ athleteUserId })
        .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),

    async athleteUser(userId: string) {
      const [row] = await db.select().from(users).where(eq(users.id, userId));
      return row;
    },

    /** The org's clients whose athlete accepted: who shares training with the org, and since when; wellness too. */
    acceptedOfOrg: (orgId: string) =>
      db
        .select({
          clientId: athleteLinks.clientId,
          clientName: clients.name,
          decidedAt: athleteLinks.decidedAt,
          wellnessSharedAt: athleteLinks.wellnessSharedAt,
        })
        .from(athleteLinks)
        .innerJoin(clients, and(eq(clients.id, athleteLinks.clientId), eq(clients.orgId, athleteLinks.orgId)))
        .where(and(eq(athleteLinks.orgId, orgId), eq(athleteLinks.status, 'accepted'), eq(clients.archived, false)))
        .orderBy(clients.name, clients.id),
  };
}
