import { and, desc, eq, inArray, notLike, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { bookings, clients, orgs, smsMessages, smsTemplates, users } from '../../../db/schema';
import type { TemplateKind } from './sms-templates';

export type SmsRow = typeof smsMessages.$inferSelect;
export type SmsInsert = typeof smsMessages.$inferInsert;
const PENDING: SmsRow['state'][] = ['scheduled', 'deferred'];

/** Version of a booking's messages: its start minute, so a reschedule plans new keys and a replan the same ones. */
export const bookingVersion = (startsAt: Date) => Math.floor(startsAt.getTime() / 60_000);
export const bookingKeyPrefix = (bookingId: string, startsAt: Date) => `booking:${bookingId}:${bookingVersion(startsAt)}:`;

export function createSmsRepo(db: Executor) {
  return {
    /**
     * Plans rows once by key. A row superseded by a reschedule comes back to life if the booking
     * returns to that exact time; any other existing row is left alone (returned as nothing).
     */
    async plan(rows: SmsInsert[]): Promise<SmsRow[]> {
      if (rows.length === 0) return [];
      return db
        .insert(smsMessages)
        .values(rows)
        .onConflictDoUpdate({
          target: smsMessages.key,
          set: {
            state: sql`excluded.state`,
            dueAt: sql`excluded.due_at`,
            body: sql`excluded.body`,
            reason: sql`excluded.reason`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${smsMessages.state} = 'skipped' and ${smsMessages.reason} = 'rescheduled'`,
        })
        .returning();
    },

    /**
     * Like plan (without reviving), for the cron's bulk planning: one statement per batch with the rows
     * as one jsonb parameter (thousands of bind parameters cost more than the insert). Answers how many were new.
     */
    async planMany(rows: SmsInsert[]): Promise<number> {
      if (rows.length === 0) return 0;
      const payload = JSON.stringify(
        rows.map((r) => ({
          org_id: r.orgId,
          client_id: r.clientId,
          booking_id: r.bookingId,
          direction: r.direction,
          kind: r.kind,
          state: r.state,
          key: r.key,
          body: r.body,
          due_at: r.dueAt.toISOString(),
          reason: r.reason ?? null,
        })),
      );
      const { rows: out } = await db.execute<{ n: number }>(sql`
        with ins as (
          insert into sms_messages (org_id, client_id, booking_id, direction, kind, state, key, body, due_at, reason)
          select org_id, client_id, booking_id, direction::sms_direction, kind::sms_kind, state::sms_state, key, body, due_at, reason
          from jsonb_to_recordset(${payload}::jsonb)
            as x(org_id uuid, client_id uuid, booking_id uuid, direction text, kind text, state text, key text, body text, due_at timestamptz, reason text)
          on conflict (key) do nothing
          returning 1)
        select count(*)::int as n from ins`);
      return Number(out[0]?.n ?? 0);
    },

    async byKey(key: string): Promise<SmsRow | undefined> {
      const [row] = await db.select().from(smsMessages).where(eq(smsMessages.key, key));
      return row;
    },

    /**
     * Claims due rows for one sender: a row is taken by exactly one tick or request (skip locked), and a
     * claim whose holder died is taken again after `leaseUntil` passes.
     */
    claimDue(now: Date, leaseUntil: Date, limit: number, scope: { ids?: string[] | undefined } = {}): Promise<SmsRow[]> {
      const due = sql`((${smsMessages.state} in ('scheduled', 'deferred') and ${smsMessages.dueAt} <= ${now}) or (${smsMessages.state} = 'sending' and ${smsMessages.claimedUntil} < ${now}))`;
      const only = scope.ids ? sql` and ${inArray(smsMessages.id, scope.ids)}` : sql``;
      return (
        db
          .update(smsMessages)
          .set({ state: 'sending', claimedUntil: leaseUntil, attempts: sql`${smsMessages.attempts} + 1`, updatedAt: now })
          // Ticks skip rows another holder has locked. A claim of given ids (the request that just planned
          // them) waits instead: a concurrent replay's ON CONFLICT briefly locks the row, and skipping it
          // would leave a "send now" message to the next tick. The due check is re-read after the wait.
          .where(
            inArray(
              smsMessages.id,
              sql`(select id from sms_messages where ${due}${only} order by due_at limit ${limit} for update${scope.ids ? sql`` : sql` skip locked`})`,
            ),
          )
          .returning()
      );
    },

    /** Which of these Twilio sids a message of ours already holds. */
    async knownSids(sids: string[]): Promise<Set<string>> {
      if (sids.length === 0) return new Set();
      const rows = await db.select({ sid: smsMessages.providerSid }).from(smsMessages).where(inArray(smsMessages.providerSid, sids));
      return new Set(rows.map((r) => r.sid!));
    },

    /** Settles a claimed row; a row no longer `sending` (settled elsewhere) is not touched. */
    async settle(
      id: string,
      patch: Partial<Pick<SmsRow, 'state' | 'body' | 'providerSid' | 'errorCode' | 'errorMessage' | 'reason' | 'dueAt' | 'sentAt'>>,
      now: Date,
    ): Promise<SmsRow | undefined> {
      const [row] = await db
        .update(smsMessages)
        .set({ ...patch, claimedUntil: null, updatedAt: now })
        .where(and(eq(smsMessages.id, id), eq(smsMessages.state, 'sending')))
        .returning();
      return row;
    },

    /** Skips a booking's pending messages (all, or those not of its current version). */
    skipPendingOfBooking(bookingId: string, reason: string, keepPrefix?: string, kinds?: SmsRow['kind'][]) {
      return db
        .update(smsMessages)
        .set({ state: 'skipped', reason, updatedAt: sql`now()` })
        .where(
          and(
            eq(smsMessages.bookingId, bookingId),
            inArray(smsMessages.state, PENDING),
            keepPrefix ? notLike(smsMessages.key, `${keepPrefix}%`) : undefined,
            kinds ? inArray(smsMessages.kind, kinds) : undefined,
          ),
        )
        .returning({ id: smsMessages.id });
    },

    listForClient(orgId: string, clientId: string, limit: number): Promise<SmsRow[]> {
      return db
        .select()
        .from(smsMessages)
        .where(and(eq(smsMessages.orgId, orgId), eq(smsMessages.clientId, clientId)))
        .orderBy(desc(smsMessages.createdAt), desc(smsMessages.id))
        .limit(limit);
    },

    /** Stores an inbound message once per MessageSid; a replay returns nothing. */
    async insertInbound(row: SmsInsert): Promise<SmsRow | undefined> {
      const [inserted] = await db.insert(smsMessages).values(row).onConflictDoNothing().returning();
      return inserted;
    },

    async annotate(id: string, patch: Partial<Pick<SmsRow, 'orgId' | 'clientId' | 'bookingId' | 'reason'>>) {
      await db
        .update(smsMessages)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(smsMessages.id, id));
    },

    /** Everything needed to word and send a booking's messages, in one round trip. */
    async bookingContext(bookingId: string) {
      const [row] = await db
        .select({ booking: bookings, org: orgs, client: clients, coachName: users.displayName })
        .from(bookings)
        .innerJoin(orgs, eq(orgs.id, bookings.orgId))
        .innerJoin(clients, eq(clients.id, bookings.clientId))
        .innerJoin(users, eq(users.id, bookings.coachId))
        .where(eq(bookings.id, bookingId));
      return row;
    },

    async clientWithOrg(clientId: string) {
      const [row] = await db
        .select({ client: clients, org: orgs })
        .from(clients)
        .innerJoin(orgs, eq(orgs.id, clients.orgId))
        .where(eq(clients.id, clientId));
      return row;
    },

    /** Clients of every org with this number (a person can be a client of several coaches). */
    clientsByPhone(phone: string) {
      return db
        .select()
        .from(clients)
        .where(and(eq(clients.phone, phone), eq(clients.archived, false)));
    },

    /**
     * The sender's open bookings a Y can confirm, soonest first: still `scheduled`, in the future, and
     * asked about — their current confirmation SMS was sent.
     */
    confirmable(clientIds: string[], now: Date) {
      return db
        .select({ id: bookings.id, orgId: bookings.orgId, clientId: bookings.clientId })
        .from(bookings)
        .where(
          and(
            inArray(bookings.clientId, clientIds),
            eq(bookings.status, 'scheduled'),
            sql`${bookings.startsAt} > ${now}`,
            sql`exists (select 1 from sms_messages m where m.booking_id = ${bookings.id} and m.kind = 'confirmation' and m.state = 'sent'
                        and m.key like 'booking:' || ${bookings.id}::text || ':' || floor(extract(epoch from ${bookings.startsAt}) / 60)::bigint::text || ':%')`,
          ),
        )
        .orderBy(bookings.startsAt)
        .limit(10);
    },

    setConsent(clientIds: string[], from: ('unknown' | 'granted' | 'revoked')[], to: 'granted' | 'revoked') {
      if (clientIds.length === 0) return Promise.resolve([]);
      return db
        .update(clients)
        .set({ smsConsent: to })
        .where(and(inArray(clients.id, clientIds), inArray(clients.smsConsent, from)))
        .returning({ id: clients.id });
    },

    /** The latest outbound message to any of these clients: whose thread an ordinary reply belongs to. */
    async lastOutboundClient(clientIds: string[]): Promise<string | undefined> {
      const [row] = await db
        .select({ clientId: smsMessages.clientId })
        .from(smsMessages)
        .where(and(inArray(smsMessages.clientId, clientIds), eq(smsMessages.direction, 'outbound'), eq(smsMessages.state, 'sent')))
        .orderBy(desc(smsMessages.sentAt))
        .limit(1);
      return row?.clientId ?? undefined;
    },

    async displayName(userId: string): Promise<string | undefined> {
      const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
      return row?.name;
    },

    templates(orgId: string) {
      return db.select().from(smsTemplates).where(eq(smsTemplates.orgId, orgId));
    },

    async template(orgId: string, kind: TemplateKind): Promise<string | undefined> {
      const [row] = await db
        .select({ body: smsTemplates.body })
        .from(smsTemplates)
        .where(and(eq(smsTemplates.orgId, orgId), eq(smsTemplates.kind, kind)));
      return row?.body;
    },

    async saveTemplate(orgId: string, kind: TemplateKind, body: string, userId: string) {
      await db
        .insert(smsTemplates)
        .values({ orgId, kind, body, updatedBy: userId })
        .onConflictDoUpdate({ target: [smsTemplates.orgId, smsTemplates.kind], set: { body, updatedBy: userId, updatedAt: sql`now()` } });
    },

    /**
     * Reminder slots due in (now − grace, now + horizon] whose row is missing, for bookings still open:
     * the cron's repair for a lost booking event. One row per (booking, offset), with what the text needs.
     */
    missingReminders(now: Date, graceMinutes: number, horizonMinutes: number, limit: number) {
      return db.execute<{
        booking_id: string;
        org_id: string;
        client_id: string;
        starts_at: string;
        location: string;
        offset_minutes: number;
        org_name: string;
        time_zone: string;
        quiet_start: string | null;
        quiet_end: string | null;
        client_name: string;
        coach_name: string;
        template: string | null;
      }>(sql`
        select b.id as booking_id, b.org_id, b.client_id, b.starts_at, b.location, off.m::int as offset_minutes,
               o.name as org_name, o.time_zone, o.quiet_start, o.quiet_end, c.name as client_name, u.display_name as coach_name, t.body as template
        from bookings b
        join orgs o on o.id = b.org_id
        join clients c on c.id = b.client_id
        join users u on u.id = b.coach_id
        cross join lateral jsonb_array_elements_text(o.reminder_offsets) as off(m)
        left join sms_templates t on t.org_id = o.id and t.kind = 'reminder'
        where b.status in ('scheduled', 'confirmed')
          and b.starts_at > ${now}
          and b.starts_at - off.m::int * interval '1 minute' > ${now}::timestamptz - ${graceMinutes} * interval '1 minute'
          and b.starts_at - off.m::int * interval '1 minute' <= ${now}::timestamptz + ${horizonMinutes} * interval '1 minute'
          and not exists (select 1 from sms_messages m
                          where m.key = 'booking:' || b.id::text || ':' || floor(extract(epoch from b.starts_at) / 60)::bigint::text || ':reminder:' || off.m)
        order by b.starts_at
        limit ${limit}`);
    },
  };
}

export type SmsRepo = ReturnType<typeof createSmsRepo>;
