import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { bookings, clientPackages, clients } from '../../../db/schema';

export type ConsoleBookingRow = typeof bookings.$inferSelect;

/** Read models for the coach console's pages; every query takes the org id. */
export function createConsoleRepo(db: Executor) {
  return {
    /** Sessions left per client of the org, over packages that are active and not expired on `today`. */
    sessionsLeft(orgId: string, today: string) {
      return db
        .select({
          clientId: clients.id,
          remaining: sql<number>`coalesce(sum(${clientPackages.sessionsRemaining}) filter (where ${clientPackages.id} is not null), 0)::int`,
          packages: sql<number>`count(${clientPackages.id})::int`,
        })
        .from(clients)
        .leftJoin(
          clientPackages,
          and(
            eq(clientPackages.clientId, clients.id),
            eq(clientPackages.orgId, orgId),
            eq(clientPackages.status, 'active'),
            sql`(${clientPackages.expiresOn} is null or ${clientPackages.expiresOn} >= ${today})`,
          ),
        )
        .where(and(eq(clients.orgId, orgId), eq(clients.archived, false)))
        .groupBy(clients.id);
    },

    /** A client's bookings starting at or after `from`, soonest first. */
    upcomingOf(orgId: string, clientId: string, from: Date, limit: number): Promise<ConsoleBookingRow[]> {
      return db
        .select()
        .from(bookings)
        .where(and(eq(bookings.orgId, orgId), eq(bookings.clientId, clientId), gte(bookings.startsAt, from)))
        .orderBy(asc(bookings.startsAt), asc(bookings.id))
        .limit(limit);
    },

    /** A client's bookings that started before `before`, latest first. */
    pastOf(orgId: string, clientId: string, before: Date, limit: number): Promise<ConsoleBookingRow[]> {
      return db
        .select()
        .from(bookings)
        .where(and(eq(bookings.orgId, orgId), eq(bookings.clientId, clientId), lt(bookings.startsAt, before)))
        .orderBy(desc(bookings.startsAt), desc(bookings.id))
        .limit(limit);
    },
  };
}
