import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ErrorBody, OkOrError } from '../../../testing/bodies';
import { Harness, expectErrorShape, type Call } from '../../../testing/harness';
import { coachOrg, type Client, type LedgerResult, type Org, type PackageType } from '../../../testing/scenarios';
import { createLedgerService } from './ledger.service';

/** A coach with an org, a client and a package type of `sessions` sessions. */
async function coachWorld(h: Harness, opts: { sessions?: number; validityDays?: number | null; timeZone?: string } = {}) {
  const w = await coachOrg(h, { name: 'Peak Coaching', timeZone: opts.timeZone ?? 'America/Denver' });
  const client = await w.addClient('Casey Client', { phone: '+1 (303) 555-0101' });
  const type = await w.addPackageType({
    name: `${opts.sessions ?? 10} × 60 min`,
    sessions: opts.sessions ?? 10,
    priceCents: 90000,
    validityDays: opts.validityDays ?? 90,
  });
  const give = (body: { purchasedOn?: string } = {}) => w.givePackage(client.id, type.id, body);
  const use = <T = LedgerResult>(key: string) => w.useSession<T>(client.id, key);
  const release = (ledgerId: string) => w.releaseSession(client.id, ledgerId);
  const packages = () => w.packages(client.id);
  return { coach: w.coach, org: w.org, client, type, give, use, release, packages };
}

describe('session deductions through the ClientLedger', () => {
  it('50 concurrent uses against 10 sessions: exactly 10 succeed, 40 get a clear 409, the ledger agrees', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    expect(w.client.phone).toBe('+13035550101');
    expect((await w.give()).status).toBe(201);
    // 200s and 409s alike: split by status below.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => w.use<OkOrError<LedgerResult>>(`click-${i}-${crypto.randomUUID()}`)),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expectErrorShape(r.body, 'NO_SESSIONS_LEFT');
      expect(r.body.error!.message).toMatch(/no sessions left/i);
    }
    expect(new Set(ok.map((r) => r.body.remaining))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const state = await w.packages();
    expect(state.packages).toMatchObject([{ sessionsTotal: 10, sessionsRemaining: 0, sessionsUsed: 10, status: 'used_up' }]);
    expect(state.ledger.filter((l) => l.kind === 'use')).toHaveLength(10);
  });

  it('a rapid double click (the same idempotency key, even concurrently) deducts once', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    await w.give();
    const key = `intent-${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => w.use(key)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.ledgerId)).size).toBe(1);
    expect(results.filter((r) => r.body.replayed === false)).toHaveLength(1);
    expect((await w.packages()).packages[0]).toMatchObject({ sessionsRemaining: 9, sessionsUsed: 1 });
    // Later retries of the same intent still answer with the same effect.
    expect((await w.use(key)).body).toMatchObject({ ledgerId: results[0]!.body.ledgerId, remaining: 9, replayed: true });
  });

  it('a release gives back exactly once; an unknown use is 404', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    await w.give();
    const used = await w.use(`k-${crypto.randomUUID()}`);
    const releases = await Promise.all([w.release(used.body.ledgerId), w.release(used.body.ledgerId), w.release(used.body.ledgerId)]);
    expect(releases.every((r) => r.status === 200)).toBe(true);
    expect(releases.filter((r) => r.body.replayed === false)).toHaveLength(1);
    const state = await w.packages();
    expect(state.packages[0]).toMatchObject({ sessionsRemaining: 10, sessionsUsed: 0 });
    expect(state.ledger.map((l) => l.kind).sort()).toEqual(['release', 'use']);
    const unknown = await w.release(crypto.randomUUID());
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.body, 'NOT_FOUND');
  });

  it('uses the package expiring soonest, skips expired ones, and says so when none is left', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { sessions: 2, validityDays: 30 });
    const today = new Date().toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await w.give({ purchasedOn: daysAgo(40) }); // expired 10 days ago
    const later = await w.give({ purchasedOn: today });
    const sooner = await w.give({ purchasedOn: daysAgo(20) });
    const first = await w.use(`a-${crypto.randomUUID()}`);
    expect(first.body.packageId).toBe(sooner.body.id);
    await w.use(`b-${crypto.randomUUID()}`);
    expect((await w.use(`c-${crypto.randomUUID()}`)).body.packageId).toBe(later.body.id);
    await w.use(`d-${crypto.randomUUID()}`);
    expect((await w.use(`e-${crypto.randomUUID()}`)).status).toBe(409);
    const statuses = (await w.packages()).packages.map((p) => p.status).sort();
    expect(statuses).toEqual(['expired', 'used_up', 'used_up']);
  });

  it('stays exact even when callers bypass the Durable Object (the database is the guarantee)', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { sessions: 3 });
    await w.give();
    const ledger = createLedgerService(h.db);
    const base = { orgId: w.org.id, clientId: w.client.id, bookingId: null, actorId: null, today: new Date().toISOString().slice(0, 10) };
    // Ten racing calls with one cause, then ten with distinct causes, all straight at the database.
    const same = await Promise.all(Array.from({ length: 10 }, () => ledger.use({ ...base, cause: 'manual:same-cause' })));
    expect(same.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    const distinct = await Promise.all(Array.from({ length: 10 }, (_, i) => ledger.use({ ...base, cause: `manual:d-${i}` })));
    expect(distinct.filter((r) => r.ok && !r.replayed)).toHaveLength(2);
    const [row] = (
      await h.db.execute(
        sql`select sessions_remaining, (select count(*)::int from session_ledger where client_id = ${w.client.id}) as n from client_packages where client_id = ${w.client.id}`,
      )
    ).rows as { sessions_remaining: number; n: number }[];
    expect(row).toEqual({ sessions_remaining: 0, n: 3 });
  });
  it('a batch committed together answers each caller as if alone: repeats replay, the last ones find nothing left', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { sessions: 2 });
    await w.give();
    const ledger = createLedgerService(h.db);
    const base = { orgId: w.org.id, clientId: w.client.id, bookingId: null, actorId: null, today: new Date().toISOString().slice(0, 10) };
    const [a, again, b, c] = await ledger.useMany(['manual:a', 'manual:a', 'manual:b', 'manual:c'].map((cause) => ({ ...base, cause })));
    expect(a).toMatchObject({ ok: true, replayed: false, remaining: 1 });
    expect(again).toMatchObject({ ok: true, replayed: true, remaining: 1 });
    expect(again?.ok && a?.ok && again.ledgerId === a.ledgerId).toBe(true);
    expect(b).toMatchObject({ ok: true, replayed: false, remaining: 0 });
    expect(c).toEqual({ ok: false, reason: 'no_sessions' });
    // Another batch that repeats a cause the first one committed replays it, outside any transaction too.
    expect((await ledger.useMany([{ ...base, cause: 'manual:b' }]))[0]).toMatchObject({ ok: true, replayed: true, remaining: 0 });
    expect((await w.packages()).ledger).toHaveLength(2);
  });
});

describe('coach org tenancy and validation', () => {
  it('answers 404 for another org’s client on every route, and lists only your own', async () => {
    const h = Harness.init();
    const a = await coachWorld(h);
    const b = await coachWorld(h);
    await a.give();
    const used = await a.use(`k-${crypto.randomUUID()}`);
    const id = a.client.id;
    // Refusals unless the call names a route's success type.
    const asB = <T = ErrorBody>(path: string, init: Omit<Call, 'cookie'> = {}) => h.json<T>(path, { ...init, cookie: b.coach.cookie });
    const attempts = [
      asB(`/api/v1/coach/clients/${id}`),
      asB(`/api/v1/coach/clients/${id}`, { method: 'PATCH', body: { name: 'Taken over' } }),
      asB(`/api/v1/coach/clients/${id}/packages`),
      asB(`/api/v1/coach/clients/${id}/packages`, { body: { packageTypeId: b.type.id } }),
      asB(`/api/v1/coach/clients/${id}/sessions/use`, { body: { idempotencyKey: 'cross-org-key' } }),
      asB(`/api/v1/coach/clients/${id}/sessions/release`, { body: { ledgerId: used.body.ledgerId } }),
      // Their own client with the other org's package type or ledger row is not found either.
      asB(`/api/v1/coach/clients/${b.client.id}/packages`, { body: { packageTypeId: a.type.id } }),
      asB(`/api/v1/coach/clients/${b.client.id}/sessions/release`, { body: { ledgerId: used.body.ledgerId } }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await asB<{ clients: Client[] }>('/api/v1/coach/clients')).body.clients.map((c) => c.id)).toEqual([b.client.id]);
    expect((await asB<{ packageTypes: PackageType[] }>('/api/v1/coach/package-types')).body.packageTypes.map((t) => t.id)).toEqual([
      b.type.id,
    ]);
    expect((await a.packages()).packages[0]).toMatchObject({ sessionsRemaining: 9 });
    expect((await h.json<Client>(`/api/v1/coach/clients/${id}`, { cookie: a.coach.cookie })).body.name).toBe('Casey Client');
  });

  it('needs a coach to create an org, one org per coach, and validates phones and zones', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    expect((await h.json('/api/v1/coach/org', { body: { name: 'X', timeZone: 'UTC' }, cookie: athlete.cookie })).status).toBe(403);
    expect((await h.json('/api/v1/coach/org', { cookie: athlete.cookie })).status).toBe(404);
    expect((await h.json('/api/v1/coach/clients', { cookie: athlete.cookie })).status).toBe(404);
    const w = await coachWorld(h);
    expect((await h.json('/api/v1/coach/org', { body: { name: 'Second', timeZone: 'UTC' }, cookie: w.coach.cookie })).status).toBe(409);
    const coach = await h.userWithRole('coach');
    const badZone = await h.json('/api/v1/coach/org', { body: { name: 'Y', timeZone: 'Mars/Olympus' }, cookie: coach.cookie });
    expect(badZone.status).toBe(400);
    for (const phone of ['3035550101', '+0123', 'call me']) {
      const r = await h.json('/api/v1/coach/clients', { body: { name: 'P', phone }, cookie: w.coach.cookie });
      expect(r.status, phone).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
    const dup = await h.json('/api/v1/coach/clients', { body: { name: 'Twin', phone: '+13035550101' }, cookie: w.coach.cookie });
    expect(dup.status).toBe(409);
    const settings = await h.json<Org>('/api/v1/coach/org', {
      method: 'PATCH',
      body: { quietHours: { start: '21:00', end: '08:00' }, reminderOffsetsMinutes: [120, 1440] },
      cookie: w.coach.cookie,
    });
    expect(settings.body).toMatchObject({
      timeZone: 'America/Denver',
      quietHours: { start: '21:00', end: '08:00' },
      reminderOffsetsMinutes: [1440, 120],
    });
    expect((await h.auditFor('client', w.client.id)).map((e) => e.action)).toContain('client.created');
  });
});
