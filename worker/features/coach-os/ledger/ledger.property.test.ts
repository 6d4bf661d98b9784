import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { coachOrg, type BookingActionBody, type LedgerResult } from '../../../testing/scenarios';

/** A complete's or a cancel's answer (the test reads each by its kind). */
type ActionBody = Partial<BookingActionBody['complete'] & BookingActionBody['cancel']>;
/** A session_ledger row as the query below selects it. */
type LedgerRow = { id: string; kind: 'use' | 'release'; cause: string; bookingId: string | null; releaseOf: string | null };

// Random rounds of concurrent session uses ("Use 1 session" with a key from a small pool, so clicks
// repeat), undos, and booking completes and cancels from several tabs, against one client holding two
// small packages. Whatever the interleaving, the counts must equal total − uses + releases, every
// effect must be reported exactly once, and a cancelled booking must hold no session.

const KEYS = 4;
const BOOKINGS = 3;
const op = fc.oneof(
  fc.record({ kind: fc.constant('use' as const), key: fc.nat(KEYS - 1) }),
  fc.record({ kind: fc.constant('undo' as const), key: fc.nat(KEYS - 1) }),
  fc.record({ kind: fc.constant('complete' as const), booking: fc.nat(BOOKINGS - 1) }),
  fc.record({ kind: fc.constant('cancel' as const), booking: fc.nat(BOOKINGS - 1) }),
);
const rounds = fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

/**
 * One coach and org for every run, not a login (two PBKDF2 derivations) and an org's setup each time. Each run gets a
 * client of its own with its packages, and every check below reads that client's rows only; its bookings take hours no
 * other run's do (the coach's bookings must not overlap).
 */
async function coachForRuns(h: Harness) {
  const w = await coachOrg(h, { name: 'Property Coaching' });
  // Ahead of now, so the hourly auto-complete of another test file running at the same time leaves them alone.
  const firstHour = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 2 * 3_600_000;
  let runs = 0;
  return async function world() {
    const { client } = await w.clientWithPackage('Pat Property', { name: '2 × 60', sessions: 2, priceCents: 20000 }, { packages: 2 });
    const bookings: string[] = [];
    const hours = runs++ * BOOKINGS;
    for (let i = 0; i < BOOKINGS; i++) bookings.push((await w.book(client.id, new Date(firstHour + (hours + i) * 3_600_000))).id);
    return { coach: w.coach, client, bookings };
  };
}

describe('session ledger under random concurrent surfaces (property)', () => {
  it('counts always equal total − uses + releases; each effect is reported once; cancelled bookings hold no session', async () => {
    const h = Harness.init();
    const world = await coachForRuns(h);
    await fc.assert(
      fc.asyncProperty(rounds, async (plan) => {
        const w = await world();
        const run = crypto.randomUUID();
        const keyOf = (k: number) => `${run}-${k}`;
        const usedBy = new Map<number, string>(); // key → ledger id its use answered with
        const fresh = { uses: new Set<string>(), releases: new Set<string>(), bookingUses: 0, bookingReleases: 0 };
        const post = <T>(path: string, body?: unknown) => h.json<T>(path, { method: 'POST', body, cookie: w.coach.cookie });

        for (const round of plan) {
          await Promise.all(
            round.map(async (o) => {
              if (o.kind === 'use') {
                const r = await post<LedgerResult>(`/api/v1/coach/clients/${w.client.id}/sessions/use`, { idempotencyKey: keyOf(o.key) });
                expect([200, 409]).toContain(r.status);
                if (r.status !== 200) return;
                const known = usedBy.get(o.key);
                if (known) expect(r.body.ledgerId).toBe(known); // a repeated click answers with the first effect
                usedBy.set(o.key, r.body.ledgerId);
                if (!r.body.replayed) {
                  expect(fresh.uses.has(r.body.ledgerId)).toBe(false);
                  fresh.uses.add(r.body.ledgerId);
                }
              } else if (o.kind === 'undo') {
                const ledgerId = usedBy.get(o.key);
                if (!ledgerId) return;
                const r = await post<LedgerResult>(`/api/v1/coach/clients/${w.client.id}/sessions/release`, { ledgerId });
                expect(r.status).toBe(200);
                if (!r.body.replayed) fresh.releases.add(r.body.ledgerId);
              } else {
                const r = await post<ActionBody>(`/api/v1/coach/bookings/${w.bookings[o.booking]}/${o.kind}`);
                expect([200, 409]).toContain(r.status);
                if (r.status !== 200) return;
                if (o.kind === 'complete' && r.body.deduction!.status === 'deducted') fresh.bookingUses++;
                if (o.kind === 'cancel' && r.body.released) fresh.bookingReleases++;
              }
            }),
          );
        }

        const clientId = w.client.id as string;
        const packages = (
          await h.db.execute(sql`
            select p.sessions_total as total, p.sessions_remaining as remaining,
              (select count(*)::int from session_ledger l where l.client_package_id = p.id and l.kind = 'use') as uses,
              (select count(*)::int from session_ledger l where l.client_package_id = p.id and l.kind = 'release') as releases
            from client_packages p where p.client_id = ${clientId}`)
        ).rows as { total: number; remaining: number; uses: number; releases: number }[];
        for (const p of packages) {
          expect(p.remaining).toBe(p.total - p.uses + p.releases);
          expect(p.remaining).toBeGreaterThanOrEqual(0);
          expect(p.remaining).toBeLessThanOrEqual(p.total);
        }

        const rows = (
          await h.db.execute(
            sql`select id, kind, cause, booking_id as "bookingId", release_of as "releaseOf" from session_ledger where client_id = ${clientId}`,
          )
        ).rows as LedgerRow[];
        const manual = rows.filter((r) => r.cause.startsWith('manual:'));
        // Every manual use and every release in the ledger was answered as new to exactly one caller.
        expect(new Set(manual.filter((r) => r.kind === 'use').map((r) => r.id))).toEqual(fresh.uses);
        const manualUseIds = new Set<string | null>(manual.filter((r) => r.kind === 'use').map((r) => r.id));
        const bookingUseIds = new Set<string | null>(rows.filter((r) => r.kind === 'use' && r.bookingId).map((r) => r.id));
        expect(bookingUseIds.size).toBe(fresh.bookingUses);
        const releases = rows.filter((r) => r.kind === 'release');
        expect(new Set(releases.filter((r) => manualUseIds.has(r.releaseOf)).map((r) => r.id))).toEqual(fresh.releases);
        expect(releases.filter((r) => bookingUseIds.has(r.releaseOf))).toHaveLength(fresh.bookingReleases);

        // A booking holds a session exactly when it is completed and its use is not released.
        const held = (
          await h.db.execute(sql`
          select b.status, count(l.*) filter (where l.kind = 'use')::int as uses,
            count(r.*)::int as released
          from bookings b
          left join session_ledger l on l.booking_id = b.id and l.kind = 'use'
          left join session_ledger r on r.release_of = l.id
          where b.client_id = ${clientId} group by b.id, b.status`)
        ).rows as { status: string; uses: number; released: number }[];
        for (const b of held) {
          expect(b.uses).toBeLessThanOrEqual(1);
          if (b.status === 'cancelled') expect(b.uses - b.released).toBe(0);
          if (b.status !== 'completed' && b.status !== 'cancelled') expect(b.uses).toBe(0);
        }
      }),
      { numRuns: 25 },
    );
  });
});
