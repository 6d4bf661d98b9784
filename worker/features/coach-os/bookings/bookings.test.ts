import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../env';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { coachOrg, type Booking } from '../../../testing/scenarios';
import { createAuditService } from '../../audit/audit.service';
import { createBookingsService } from './bookings.service';
import { createCoachEvents } from '../coach-events';
import { createLedgerService } from '../ledger/ledger.service';
import { createLogger } from '../../../lib/logger';

async function world(h: Harness) {
  const w = await coachOrg(h);
  const { client } = await w.clientWithPackage('Billie Booker', { name: '10 × 60', sessions: 10, priceCents: 100000 });
  const book = (startsAt: Date, durationMinutes = 60) => w.tryBook(client.id, startsAt, { durationMinutes });
  const packages = () => w.packages(client.id);
  return { coach: w.coach, client, book, post: w.bookingAction, packages };
}

const hoursFromNow = (h: number) => new Date(Math.round(Date.now() / 60_000) * 60_000 + h * 3_600_000);
// The cron's own service, as the scheduled handler builds it (same Durable Object namespace).
const cronBookings = (h: Harness) =>
  createBookingsService({
    db: h.db,
    clock: { now: () => new Date() },
    audit: createAuditService(h.db, null),
    ledger: parseEnv(env).CLIENT_LEDGER,
    events: createCoachEvents(createLogger('error')),
  });

describe('bookings and their deductions', () => {
  it('completing from three tabs at once plus the hourly auto-complete deducts exactly one session', async () => {
    const h = Harness.init();
    const w = await world(h);
    const booking = (await w.book(hoursFromNow(-3))).body;
    const [a, b, c] = await Promise.all([
      w.post(booking.id, 'complete'),
      w.post(booking.id, 'complete'),
      w.post(booking.id, 'complete'),
      cronBookings(h).autoComplete(new Date()),
    ]);
    for (const r of [a, b, c]) {
      expect(r.status).toBe(200);
      expect(['deducted', 'already']).toContain(r.body.deduction.status);
    }
    expect([a, b, c].filter((r) => r.body.deduction.status === 'deducted').length).toBeLessThanOrEqual(1);
    const state = await w.packages();
    expect(state.packages[0]).toMatchObject({ sessionsRemaining: 9, sessionsUsed: 1 });
    expect(state.ledger.filter((l) => l.kind === 'use' && l.bookingId === booking.id)).toHaveLength(1);
    // Completing again later changes nothing.
    expect((await w.post(booking.id, 'complete')).body.deduction).toEqual({ status: 'already', remaining: 9 });
  });

  it('cancelling a completed booking releases its session exactly once', async () => {
    const h = Harness.init();
    const w = await world(h);
    const booking = (await w.book(hoursFromNow(-2))).body;
    await w.post(booking.id, 'complete');
    const cancels = await Promise.all([w.post(booking.id, 'cancel'), w.post(booking.id, 'cancel'), w.post(booking.id, 'cancel')]);
    expect(cancels.filter((r) => r.body.released === true)).toHaveLength(1);
    const state = await w.packages();
    expect(state.packages[0]).toMatchObject({ sessionsRemaining: 10, sessionsUsed: 0 });
    expect((await w.post(booking.id, 'complete')).status).toBe(409);
  });

  it('a cancel racing a complete never leaves a cancelled booking holding a session', async () => {
    const h = Harness.init();
    const w = await world(h);
    // Ahead of now, so another file's hourly auto-complete leaves them alone.
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await w.book(hoursFromNow(40 + i * 2))).body.id as string);
    const outcomes = await Promise.all(
      ids.map((id, i) =>
        Promise.all(i % 2 ? [w.post(id, 'cancel'), w.post(id, 'complete')] : [w.post(id, 'complete'), w.post(id, 'cancel')]),
      ),
    );
    for (const [first, second] of outcomes) for (const r of [first!, second!]) expect([200, 409]).toContain(r.status);
    const state = await w.packages();
    const list = (
      await h.json<{ bookings: Booking[] }>(
        `/api/v1/coach/bookings?from=${encodeURIComponent(hoursFromNow(30).toISOString())}&to=${encodeURIComponent(hoursFromNow(60).toISOString())}`,
        { cookie: w.coach.cookie },
      )
    ).body.bookings;
    const held = (id: string) =>
      state.ledger.filter((l) => l.bookingId === id && l.kind === 'use').length -
      state.ledger.filter((l) => l.bookingId === id && l.kind === 'release').length;
    for (const b of list) expect(held(b.id)).toBe(b.status === 'completed' ? 1 : 0);
    expect(state.packages[0]!.sessionsRemaining).toBe(10 - list.filter((b) => b.status === 'completed').length);
    // The database refuses a booking's use unless that booking is completed, whoever asks.
    const open = (await w.book(hoursFromNow(80))).body;
    const { orgId } = (await h.db.execute(sql`select org_id as "orgId" from clients where id = ${w.client.id}`)).rows[0] as {
      orgId: string;
    };
    const direct = await createLedgerService(h.db).use({
      orgId,
      clientId: w.client.id,
      cause: `booking:${open.id}`,
      bookingId: open.id,
      actorId: null,
      today: new Date().toISOString().slice(0, 10),
    });
    expect(direct).toEqual({ ok: false, reason: 'booking_not_completed' });
  });

  it('the hourly auto-complete finishes ended bookings only, and twice deducts once', async () => {
    const h = Harness.init();
    const w = await world(h);
    const ended = (await w.book(hoursFromNow(-5))).body;
    const upcoming = (await w.book(hoursFromNow(5))).body;
    const cron = cronBookings(h);
    await Promise.all([cron.autoComplete(new Date()), cron.autoComplete(new Date())]);
    await cron.autoComplete(new Date());
    const list = (
      await h.json<{ bookings: Booking[] }>(
        `/api/v1/coach/bookings?from=${encodeURIComponent(hoursFromNow(-24).toISOString())}&to=${encodeURIComponent(hoursFromNow(24).toISOString())}`,
        { cookie: w.coach.cookie },
      )
    ).body.bookings;
    expect(list.find((b) => b.id === ended.id)).toMatchObject({ status: 'completed', clientName: 'Billie Booker' });
    expect(list.find((b) => b.id === upcoming.id)).toMatchObject({ status: 'scheduled' });
    expect((await w.packages()).packages[0]).toMatchObject({ sessionsRemaining: 9, sessionsUsed: 1 });
  });

  it('refuses overlapping bookings of one coach, even when created at the same moment', async () => {
    const h = Harness.init();
    const w = await world(h);
    const at = hoursFromNow(30);
    // Each pair overlaps (±20 min on 60-min sessions), so whichever wins, the other two must be refused.
    const racing = await Promise.all([
      w.book(at),
      w.book(new Date(at.getTime() + 20 * 60_000)),
      w.book(new Date(at.getTime() - 20 * 60_000)),
    ]);
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of racing.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expectErrorShape(r.body, 'CONFLICT');
    }
    const winner = racing.find((r) => r.status === 201)!.body;
    // Back to back is fine; moving onto the winner is not; a no-show frees the slot.
    const after = await w.book(new Date(new Date(winner.endsAt).getTime()));
    expect(after.status).toBe(201);
    const move = await h.json(`/api/v1/coach/bookings/${after.body.id}`, {
      method: 'PATCH',
      body: { startsAt: winner.startsAt },
      cookie: w.coach.cookie,
    });
    expect(move.status).toBe(409);
    expect((await w.post(winner.id, 'no-show')).body.status).toBe('no_show');
    expect(
      (
        await h.json(`/api/v1/coach/bookings/${after.body.id}`, {
          method: 'PATCH',
          body: { startsAt: winner.startsAt },
          cookie: w.coach.cookie,
        })
      ).status,
    ).toBe(200);
    expect((await w.packages()).packages[0]!.sessionsRemaining).toBe(10);
  });

  it('keeps bookings inside the org and validates the calendar range', async () => {
    const h = Harness.init();
    const a = await world(h);
    const b = await world(h);
    const booking = (await a.book(hoursFromNow(-1))).body;
    for (const r of [
      await b.post(booking.id, 'complete'),
      await b.post(booking.id, 'cancel'),
      await b.post(booking.id, 'no-show'),
      await h.json(`/api/v1/coach/bookings/${booking.id}`, {
        method: 'PATCH',
        body: { startsAt: hoursFromNow(50).toISOString() },
        cookie: b.coach.cookie,
      }),
      await h.json('/api/v1/coach/bookings', {
        body: { clientId: a.client.id, startsAt: hoursFromNow(60).toISOString(), durationMinutes: 60 },
        cookie: b.coach.cookie,
      }),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    const range = `from=${encodeURIComponent(hoursFromNow(-48).toISOString())}&to=${encodeURIComponent(hoursFromNow(48).toISOString())}`;
    expect((await h.json<{ bookings: Booking[] }>(`/api/v1/coach/bookings?${range}`, { cookie: b.coach.cookie })).body.bookings).toEqual(
      [],
    );
    expect(
      (await h.json<{ bookings: Booking[] }>(`/api/v1/coach/bookings?${range}`, { cookie: a.coach.cookie })).body.bookings,
    ).toHaveLength(1);
    const tooLong = await h.json(`/api/v1/coach/bookings?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z`, { cookie: a.coach.cookie });
    expect(tooLong.status).toBe(400);
    expect((await h.json('/api/v1/coach/bookings?from=yesterday&to=today', { cookie: a.coach.cookie })).status).toBe(400);
    expect((await a.packages()).packages[0]!.sessionsRemaining).toBe(10);
  });
});
