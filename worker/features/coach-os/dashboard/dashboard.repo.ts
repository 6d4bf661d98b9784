// The org's clients with their live athlete link (and, once accepted, the athlete's account): the rows the
// coach's dashboard is built on, in one statement.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { athleteLinks, clients, users } from '../../../db/schema';

/** Every active client of the org, with the live (pending or accepted) link when there is one. */
export function clientsWithLinks(db: Executor, orgId: string) {
  return (
    db
      .select({
        clientId: clients.id,
        clientName: clients.name,
        link: {
          id: athleteLinks.id,
          status: athleteLinks.status,
          email: athleteLinks.email,
          createdAt: athleteLinks.createdAt,
          decidedAt: athleteLinks.decidedAt,
          planEditGrantedAt: athleteLinks.planEditGrantedAt,
        },
        athlete: {
          id: users.id,
          displayName: users.displayName,
          units: users.units,
          timeZone: users.timeZone,
          birthDate: users.birthDate,
          sex: users.sex,
          analyticsVersion: users.analyticsVersion,
        },
      })
      .from(clients)
      .leftJoin(
        athleteLinks,
        and(eq(athleteLinks.clientId, clients.id), eq(athleteLinks.orgId, orgId), inArray(athleteLinks.status, ['pending', 'accepted'])),
      )
      // Only an accepted link names the athlete: a pending one must not reveal whether the email has an account.
      .leftJoin(users, and(eq(users.id, athleteLinks.athleteUserId), eq(athleteLinks.status, 'accepted')))
      .where(and(eq(clients.orgId, orgId), eq(clients.archived, false)))
      .orderBy(asc(clients.name), asc(clients.id))
  );
}

export type ClientWithLink = Awaited<ReturnType<typeof clientsWithLinks>>[number];
