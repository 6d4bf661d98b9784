// Planning a booking's messages: the confirmation (now), the reminders (at the org's offsets before
// the session) and the follow-up (after completion), each once by key, worded with the org's template
// and with quiet hours applied up front so the coach sees "deferred to 8:00" before it happens.

import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { bookingKeyPrefix, createSmsRepo, type SmsInsert } from './sms.repo';
import { DEFAULT_TEMPLATES, firstName, quietHoursEnd, renderTemplate, sessionWhen, type TemplateKind } from './sms-templates';

/** The cron re-plans reminders due up to this far ahead, and ones missed by at most the grace. */
export const PLAN_HORIZON_MINUTES = 36 * 60;
export const PLAN_GRACE_MINUTES = 10;

interface OrgTiming {
  timeZone: string;
  quietStart: string | null;
  quietEnd: string | null;
}

/** Where a message due at `dueAt` lands: then, at the end of quiet hours, or nowhere (session started by then). */
export function placement(dueAt: Date, org: OrgTiming, startsAt: Date | null): Pick<SmsInsert, 'state' | 'dueAt' | 'reason'> {
  const end = quietHoursEnd(dueAt, org);
  if (!end) return { state: 'scheduled', dueAt, reason: null };
  if (startsAt && end >= startsAt) return { state: 'skipped', dueAt, reason: 'quiet_hours_until_session' };
  return { state: 'deferred', dueAt: end, reason: 'quiet_hours' };
}

interface Wording {
  orgName: string;
  timeZone: string;
  clientName: string;
  coachName: string;
  startsAt: Date;
  location: string;
}

export function wordFor(kind: TemplateKind, template: string | undefined | null, w: Wording): string {
  const when = sessionWhen(w.startsAt, w.timeZone);
  return renderTemplate(kind, template ?? DEFAULT_TEMPLATES[kind], {
    client_first_name: firstName(w.clientName),
    client_name: w.clientName,
    coach_name: w.coachName,
    org_name: w.orgName,
    session_date: when.date,
    session_time: when.time,
    location: w.location,
  });
}

export function reminderRow(
  b: { bookingId: string; orgId: string; clientId: string; startsAt: Date; offset: number },
  org: OrgTiming,
  body: string,
): SmsInsert {
  const due = new Date(b.startsAt.getTime() - b.offset * 60_000);
  return {
    orgId: b.orgId,
    clientId: b.clientId,
    bookingId: b.bookingId,
    direction: 'outbound',
    kind: 'reminder',
    key: `${bookingKeyPrefix(b.bookingId, b.startsAt)}reminder:${b.offset}`,
    body,
    ...placement(due, org, b.startsAt),
  };
}

export function createSmsPlanner(deps: { db: Db; clock: Clock }) {
  const repo = createSmsRepo(deps.db);

  return {
    /**
     * After a booking is created or moved: supersedes the messages of its old time and plans the
     * confirmation and the reminders still ahead. Returns the confirmation's id when it is due now.
     */
    async planBooking(bookingId: string): Promise<string | null> {
      const ctx = await repo.bookingContext(bookingId);
      if (!ctx || !['scheduled', 'confirmed'].includes(ctx.booking.status)) return null;
      const { booking: b, org, client } = ctx;
      const now = deps.clock.now();
      const prefix = bookingKeyPrefix(b.id, b.startsAt);
      await repo.skipPendingOfBooking(b.id, 'rescheduled', prefix);
      const templates = new Map((await repo.templates(org.id)).map((t) => [t.kind, t.body]));
      const wording: Wording = {
        orgName: org.name,
        timeZone: org.timeZone,
        clientName: client.name,
        coachName: ctx.coachName,
        startsAt: b.startsAt,
        location: b.location,
      };
      const rows: SmsInsert[] = [];
      if (b.status === 'scheduled' && b.startsAt > now) {
        rows.push({
          orgId: org.id,
          clientId: client.id,
          bookingId: b.id,
          direction: 'outbound',
          kind: 'confirmation',
          key: `${prefix}confirmation`,
          body: wordFor('confirmation', templates.get('confirmation'), wording),
          ...placement(now, org, b.startsAt),
        });
      }
      const reminderText = wordFor('reminder', templates.get('reminder'), wording);
      for (const offset of org.reminderOffsets) {
        const due = b.startsAt.getTime() - offset * 60_000;
        // A reminder whose moment passed before the booking existed adds nothing to the confirmation.
        if (due <= now.getTime() - PLAN_GRACE_MINUTES * 60_000) continue;
        rows.push(reminderRow({ bookingId: b.id, orgId: org.id, clientId: client.id, startsAt: b.startsAt, offset }, org, reminderText));
      }
      const planned = await repo.plan(rows);
      const confirmation = planned.find((r) => r.kind === 'confirmation' && r.state === 'scheduled' && r.dueAt <= now);
      return confirmation?.id ?? null;
    },

    /** After completion: the follow-up (once), and nothing more of the session's reminders. */
    async planFollowUp(bookingId: string): Promise<string | null> {
      const ctx = await repo.bookingContext(bookingId);
      if (!ctx) return null;
      await repo.skipPendingOfBooking(bookingId, 'completed');
      const now = deps.clock.now();
      const { org, client, booking } = ctx;
      const body = wordFor('follow_up', await repo.template(org.id, 'follow_up'), {
        orgName: org.name,
        timeZone: org.timeZone,
        clientName: client.name,
        coachName: ctx.coachName,
        startsAt: booking.startsAt,
        location: booking.location,
      });
      const [row] = await repo.plan([
        {
          orgId: org.id,
          clientId: client.id,
          bookingId,
          direction: 'outbound',
          kind: 'follow_up',
          key: `booking:${bookingId}:follow_up`,
          body,
          ...placement(now, org, null),
        },
      ]);
      return row && row.state === 'scheduled' ? row.id : null;
    },

    /** A cancelled or no-show booking sends nothing more. */
    skipBooking: (bookingId: string, reason: string) => repo.skipPendingOfBooking(bookingId, reason),

    /**
     * The cron's repair: plans reminder rows that a lost event never planned (idempotent by key), in
     * batches, with every org's template and quiet hours. Returns how many rows it planned.
     */
    async planMissingReminders(opts: { limit?: number } = {}): Promise<number> {
      const limit = opts.limit ?? 2_000;
      const now = deps.clock.now();
      let planned = 0;
      for (;;) {
        const { rows } = await repo.missingReminders(now, PLAN_GRACE_MINUTES, PLAN_HORIZON_MINUTES, limit);
        if (rows.length === 0) break;
        const inserts = rows.map((r) => {
          const startsAt = new Date(r.starts_at);
          const org = { timeZone: r.time_zone, quietStart: r.quiet_start, quietEnd: r.quiet_end };
          const body = wordFor('reminder', r.template, {
            orgName: r.org_name,
            timeZone: r.time_zone,
            clientName: r.client_name,
            coachName: r.coach_name,
            startsAt,
            location: r.location,
          });
          return reminderRow(
            { bookingId: r.booking_id, orgId: r.org_id, clientId: r.client_id, startsAt, offset: Number(r.offset_minutes) },
            org,
            body,
          );
        });
        const batch = await repo.planMany(inserts);
        planned += batch;
        if (rows.length < limit || batch === 0) break;
      }
      return planned;
    },
  };
}

export type SmsPlanner = ReturnType<typeof createSmsPlanner>;
