import { and, asc, eq, getTableColumns, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { bookings, clients } from '../../../db/schema';

export type BookingRow = typeof bookings.$inferSelect;
type OpenStatus = 'scheduled' | 'confirmed';
const OPEN: OpenStatus[] = ['scheduled', 'confirmed'];

export function createBookingsRepo(db: Executor) {
  return {
    /** Serialises booking writes of one coach, so two overlapping creates cannot both pass the conflict check. */
    async lockCoach(coachId: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${coachId}, 7))`);
    },

    /** Open bookings of the coach overlapping [startsAt, endsAt), other than `exceptId`. */
    overlapping(orgId: string, coachId: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<BookingRow[]> {
      return db
        .select()
        .from(bookings)
        .where(
          and(
            eq(bookings.orgId, orgId),
            eq(bookings.coachId, coachId),
            inArray(bookings.status, OPEN),
            lt(bookings.startsAt, endsAt),
            gt(bookings.endsAt, startsAt),
            exceptId ? ne(bookings.id, exceptId) : undefined,
          ),
        );
    },

    async insert(values: typeof bookings.$inferInsert): Promise<BookingRow> {
      const [row] = await db.insert(bookings).values(values).returning();
      return row!;
    },

    async get(orgId: string, id: string): Promise<BookingRow | undefined> {
      const [row] = await db
        .select()
        .from(bookings)
        .where(and(eq(bookings.orgId, orgId), eq(bookings.id, id)));
      return row;
    },

    /** Moves an open booking; it needs confirming again. */
    async reschedule(orgId: string, id: string, startsAt: Date, endsAt: Date): Promise<BookingRow | undefined> {
      const [row] = await db
        .update(bookings)
        .set({ startsAt, endsAt, status: 'scheduled', confirmedAt: null, updatedAt: sql`now()` })
        .where(and(eq(bookings.orgId, orgId), eq(bookings.id, id), inArray(bookings.status, OPEN)))
        .returning();
      return row;
    },

    /**
     * Moves a booking from one of `from` to `to` in one statement, answering with the status it moved
     * from: read under the row lock, so a racing change is seen (a cancel knows whether it undid a completion).
     */
    async transition(
      orgId: string,
      id: string,
      from: BookingRow['status'][],
      to: BookingRow['status'],
    ): Promise<(BookingRow & { previousStatus: BookingRow['status'] }) | undefined> {
      const stamp = to === 'completed' ? { completedAt: sql`now()` } : to === 'confirmed' ? { confirmedAt: sql`now()` } : {};
      const prior = db.$with('prior').as(
        db
          .select({ id: bookings.id, previousStatus: sql<BookingRow['status']>`${bookings.status}`.as('previous_status') })
          .from(bookings)
          .where(and(eq(bookings.orgId, orgId), eq(bookings.id, id), inArray(bookings.status, from)))
          .for('update'),
      );
      const [row] = await db
        .with(prior)
        .update(bookings)
        .set({ status: to, updatedAt: sql`now()`, ...stamp })
        .from(prior)
        .where(eq(bookings.id, prior.id))
        .returning({ ...getTableColumns(bookings), previousStatus: prior.previousStatus });
      return row;
    },

    /** Bookings of the org that start in [from, to), with the client's name, for the calendar. */
    between(orgId: string, from: Date, to: Date) {
      return db
        .select({ booking: bookings, clientName: clients.name })
        .from(bookings)
        .innerJoin(clients, eq(clients.id, bookings.clientId))
        .where(and(eq(bookings.orgId, orgId), sql`${bookings.startsAt} >= ${from}`, lt(bookings.startsAt, to)))
        .orderBy(asc(bookings.startsAt), asc(bookings.id));
    },

    /** Open bookings of every org that ended before `before` (the hourly auto-complete). */
    endedOpen(before: Date, limit: number): Promise<BookingRow[]> {
      return db
        .select()
        .from(bookings)
        .where(and(inArray(bookings.status, OPEN), lt(bookings.endsAt, before)))
        .orderBy(asc(bookings.endsAt))
        .limit(limit);
    },

    /** Completed bookings whose session deduction is not in the ledger (a crash between the two steps). */
    completedWithoutUse(before: Date, limit: number): Promise<BookingRow[]> {
      return db
        .select()
        .from(bookings)
        .where(
          and(
            eq(bookings.status, 'completed'),
            lt(bookings.endsAt, before),
            sql`not exists (select 1 from session_ledger l where l.kind = 'use' and l.cause = 'booking:' || ${bookings.id}::text)`,
            sql`${bookings.completedAt} > now() - interval '7 days'`,
          ),
        )
        .limit(limit);
    },
  };
}
