// Bookings and the deductions they cause. Completing a booking deducts one session through the
// client's ClientLedger with the cause "booking:<id>", so the calendar in any number of tabs and the
// hourly auto-complete produce one deduction; cancelling a completed booking releases that use once.

import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../../lib/errors';
import type { AuditService } from '../../audit';
import { todayIn } from '../../../lib/dates';
import { createBookingsRepo, type BookingRow } from './bookings.repo';
import { createCoachRepo } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import type { CoachEvents } from '../coach-events';
import type { ClientLedger, LedgerResult } from '../ledger';

export const bookingCause = (id: string) => `booking:${id}`;
/** The calendar asks for at most this much at once (a month view plus its edges). */
export const MAX_RANGE_DAYS = 62;

export type Deduction = { status: 'deducted' | 'already'; remaining: number } | { status: 'no_sessions' };

const deductionOf = (r: LedgerResult): Deduction =>
  r.ok ? { status: r.replayed ? 'already' : 'deducted', remaining: r.remaining } : { status: 'no_sessions' };

export function createBookingsService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  ledger: DurableObjectNamespace<ClientLedger>;
  events: CoachEvents;
}) {
  const repo = () => createBookingsRepo(deps.db);
  const ledgerFor = (clientId: string) => deps.ledger.get(deps.ledger.idFromName(clientId));

  async function found(m: Member, id: string): Promise<BookingRow> {
    const b = await repo().get(m.org.id, id);
    if (!b) throw notFound('Booking');
    return b;
  }

  /** The booking's completion, and the session it used, for whoever reacts (follow-up SMS, automations). */
  async function emitCompleted(orgId: string, b: BookingRow, used: LedgerResult) {
    await deps.events.emit({ type: 'booking.completed', orgId, clientId: b.clientId, bookingId: b.id });
    if (used.ok && !used.replayed)
      await deps.events.emit({ type: 'session.used', orgId, clientId: b.clientId, packageId: used.packageId, remaining: used.remaining });
  }

  function conflict(others: BookingRow[]): AppError {
    const message = 'This overlaps another booking of the same coach.';
    return new AppError(ErrorCode.CONFLICT, message, {
      reason: ErrorReason.BOOKING_OVERLAP,
      fields: [{ path: 'startsAt', message: `${message} (${others.length})` }],
    });
  }

  /** The deduction for a completed booking (idempotent by its cause). */
  function deduct(orgId: string, timeZone: string, b: BookingRow, actorId: string | null): Promise<LedgerResult> {
    return ledgerFor(b.clientId).use({
      orgId,
      clientId: b.clientId,
      cause: bookingCause(b.id),
      bookingId: b.id,
      actorId,
      today: todayIn(timeZone, deps.clock.now()),
    });
  }

  return {
    async create(
      m: Member,
      input: {
        clientId: string;
        coachId?: string | undefined;
        startsAt: string;
        durationMinutes: number;
        location?: string | undefined;
        notes?: string | undefined;
      },
    ) {
      const client = await createCoachRepo(deps.db).getClient(m.org.id, input.clientId);
      if (!client) throw notFound('Client');
      const coachId = input.coachId ?? m.actor.id;
      if (coachId !== m.actor.id && !(await createCoachRepo(deps.db).isMember(m.org.id, coachId))) throw notFound('Coach');
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000);
      const booking = await deps.db.transaction(async (tx) => {
        const r = createBookingsRepo(tx);
        await r.lockCoach(coachId);
        const clash = await r.overlapping(m.org.id, coachId, startsAt, endsAt);
        if (clash.length > 0) throw conflict(clash);
        return r.insert({
          orgId: m.org.id,
          clientId: client.id,
          coachId,
          startsAt,
          endsAt,
          location: input.location ?? '',
          notes: input.notes ?? '',
        });
      });
      await deps.audit.record({ actor: m.actor, action: 'booking.created', target: { type: 'booking', id: booking.id } });
      await deps.events.emit({ type: 'booking.created', orgId: m.org.id, clientId: booking.clientId, bookingId: booking.id });
      return booking;
    },

    async reschedule(m: Member, id: string, input: { startsAt: string; durationMinutes?: number | undefined }) {
      const current = await found(m, id);
      const startsAt = new Date(input.startsAt);
      const minutes = input.durationMinutes ?? Math.round((current.endsAt.getTime() - current.startsAt.getTime()) / 60_000);
      const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
      const booking = await deps.db.transaction(async (tx) => {
        const r = createBookingsRepo(tx);
        await r.lockCoach(current.coachId);
        const clash = await r.overlapping(m.org.id, current.coachId, startsAt, endsAt, id);
        if (clash.length > 0) throw conflict(clash);
        const moved = await r.reschedule(m.org.id, id, startsAt, endsAt);
        if (!moved) throw new AppError(ErrorCode.CONFLICT, `A ${current.status.replace('_', '-')} booking cannot be moved.`);
        return moved;
      });
      await deps.audit.record({ actor: m.actor, action: 'booking.rescheduled', target: { type: 'booking', id } });
      await deps.events.emit({ type: 'booking.rescheduled', orgId: m.org.id, clientId: booking.clientId, bookingId: id });
      return booking;
    },

    /** Completes a booking and deducts its session, exactly once however many times it is asked. */
    async complete(m: Member, id: string): Promise<{ booking: BookingRow; deduction: Deduction }> {
      const current = await found(m, id);
      if (current.status === 'cancelled' || current.status === 'no_show')
        throw new AppError(ErrorCode.CONFLICT, `A ${current.status.replace('_', '-')} booking cannot be completed.`);
      const moved = await repo().transition(m.org.id, id, ['scheduled', 'confirmed'], 'completed');
      const booking = moved ?? (await found(m, id));
      // Asked again for a completed booking, the ledger answers "already": the cause is the booking.
      const used = await deduct(m.org.id, m.org.timeZone, booking, m.actor.id);
      if (!used.ok && used.reason === 'booking_not_completed')
        throw new AppError(ErrorCode.CONFLICT, 'This booking was cancelled meanwhile: no session was used.');
      const deduction = deductionOf(used);
      if (moved) {
        await deps.audit.record({
          actor: m.actor,
          action: 'booking.completed',
          target: { type: 'booking', id },
          payload: { deduction: deduction.status },
        });
        await emitCompleted(m.org.id, booking, used);
      }
      return { booking, deduction };
    },

    /**
     * Cancels a booking; a completed one gives its session back (once). "Completed" is the status the
     * cancel itself moved from, not an earlier read. A completion racing this cancel has its use either
     * in the ledger before this release (given back) or refused by the database, the booking being
     * cancelled by then.
     */
    async cancel(m: Member, id: string): Promise<{ booking: BookingRow; released: boolean }> {
      const current = await found(m, id);
      const moved = await repo().transition(m.org.id, id, ['scheduled', 'confirmed', 'completed'], 'cancelled');
      if (!moved) return { booking: current, released: false };
      let released = false;
      if (moved.previousStatus === 'completed') {
        const r = await ledgerFor(moved.clientId).release({
          orgId: m.org.id,
          clientId: moved.clientId,
          of: { cause: bookingCause(id) },
          bookingId: id,
          actorId: m.actor.id,
        });
        released = r.ok && !r.replayed;
      }
      await deps.audit.record({ actor: m.actor, action: 'booking.cancelled', target: { type: 'booking', id }, payload: { released } });
      await deps.events.emit({ type: 'booking.cancelled', orgId: m.org.id, clientId: moved.clientId, bookingId: id });
      return { booking: moved, released };
    },

    /** A no-show does not use a session (documented policy: the coach can still use one by hand). */
    async noShow(m: Member, id: string): Promise<BookingRow> {
      await found(m, id);
      const moved = await repo().transition(m.org.id, id, ['scheduled', 'confirmed'], 'no_show');
      if (!moved) throw new AppError(ErrorCode.CONFLICT, 'Only an open booking can be marked as a no-show.');
      await deps.audit.record({ actor: m.actor, action: 'booking.no_show', target: { type: 'booking', id } });
      await deps.events.emit({ type: 'booking.no_show', orgId: m.org.id, clientId: moved.clientId, bookingId: id });
      return moved;
    },

    async between(m: Member, from: Date, to: Date) {
      if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
        throw new AppError(ErrorCode.VALIDATION, `Ask for at most ${MAX_RANGE_DAYS} days at once.`, {
          fields: [{ path: 'to', message: 'Range too long' }],
        });
      if (to <= from)
        throw new AppError(ErrorCode.VALIDATION, '"to" must be after "from".', { fields: [{ path: 'to', message: 'Must be after from' }] });
      return repo().between(m.org.id, from, to);
    },

    /**
     * Hourly: completes open bookings that have ended and deducts their sessions; also finishes any
     * completed booking whose deduction is missing. Running twice deducts nothing twice.
     */
    async autoComplete(now: Date, limit = 500): Promise<number> {
      const r = repo();
      const coach = createCoachRepo(deps.db);
      let n = 0;
      for (const b of [...(await r.endedOpen(now, limit)), ...(await r.completedWithoutUse(now, limit))]) {
        const org = await coach.orgById(b.orgId);
        if (!org) continue;
        let moved: BookingRow | undefined;
        if (b.status !== 'completed') {
          moved = await r.transition(b.orgId, b.id, ['scheduled', 'confirmed'], 'completed');
          if (!moved) continue; // completed or cancelled meanwhile by someone else
        }
        const used = await deduct(b.orgId, org.timeZone, b, null);
        if (!used.ok && used.reason === 'booking_not_completed') continue; // cancelled meanwhile
        if (moved) await emitCompleted(b.orgId, moved, used);
        n++;
      }
      return n;
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
