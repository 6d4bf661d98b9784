import { describe, expect, it } from 'vitest';
import type { Body } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { coachOrg, type Client, type PackageType } from '../../../testing/scenarios';
import { createCoachRepo } from '../coach-os.repo';
import type { ClientBookings } from './console.routes';
import { createConsoleService } from './console.service';

/** A coach's org ('<name> Coaching') with one client called `name`; book(h) asks for 60 min starting h hours from now. */
async function coachWithClient(h: Harness, name: string) {
  const w = await coachOrg(h, { name: `${name} Coaching` });
  const client = await w.addClient(name);
  const book = (hours: number) => w.tryBook(client.id, new Date(Math.round(Date.now() / 60_000) * 60_000 + hours * 3_600_000));
  return { coach: w.coach, client, book };
}

describe('GET /api/v1/coach/clients/{id}/bookings', () => {
  it('lists the client’s upcoming bookings soonest first and past ones latest first, only theirs', async () => {
    const h = Harness.init();
    const w = await coachWithClient(h, 'Casey Console');
    const other = (await h.json<Client>('/api/v1/coach/clients', { body: { name: 'Other Person' }, cookie: w.coach.cookie })).body;
    const ids = {
      past2: (await w.book(-50)).body.id,
      past1: (await w.book(-26)).body.id,
      next1: (await w.book(20)).body.id,
      next2: (await w.book(44)).body.id,
    };
    await h.json('/api/v1/coach/bookings', {
      body: { clientId: other.id, startsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(), durationMinutes: 30 },
      cookie: w.coach.cookie,
    });
    const r = await h.json<Body<typeof ClientBookings>>(`/api/v1/coach/clients/${w.client.id}/bookings`, { cookie: w.coach.cookie });
    expect(r.status).toBe(200);
    expect(r.body.upcoming.map((b) => b.id)).toEqual([ids.next1, ids.next2]);
    expect(r.body.past.map((b) => b.id)).toEqual([ids.past1, ids.past2]);
    expect(r.body.upcoming[0]).toMatchObject({ clientId: w.client.id, status: 'scheduled' });
  });

  it('answers 404 for another org’s client, 401 signed out, 400 for a bad id', async () => {
    const h = Harness.init();
    const a = await coachWithClient(h, 'Avery Alpha');
    const b = await coachWithClient(h, 'Blake Beta');
    await b.book(5);
    const cross = await h.json(`/api/v1/coach/clients/${b.client.id}/bookings`, { cookie: a.coach.cookie });
    expect(cross.status).toBe(404);
    expectErrorShape(cross.body, 'NOT_FOUND');
    expect((await h.json(`/api/v1/coach/clients/${a.client.id}/bookings`)).status).toBe(401);
    expect((await h.json('/api/v1/coach/clients/not-a-uuid/bookings', { cookie: a.coach.cookie })).status).toBe(400);
    const athlete = await h.userWithRole('athlete');
    expect((await h.json(`/api/v1/coach/clients/${a.client.id}/bookings`, { cookie: athlete.cookie })).status).toBe(404);
  });
});

describe('console.sessionsLeft', () => {
  it('sums active, unexpired packages per client of the org and counts clients without one as 0', async () => {
    const h = Harness.init();
    const w = await coachWithClient(h, 'Sam Sessions');
    const bare = (await h.json<Client>('/api/v1/coach/clients', { body: { name: 'No Package' }, cookie: w.coach.cookie })).body;
    const type = (
      await h.json<PackageType>('/api/v1/coach/package-types', {
        body: { name: '5 × 45', sessions: 5, sessionMinutes: 45, priceCents: 40000, currency: 'usd', validityDays: 30 },
        cookie: w.coach.cookie,
      })
    ).body;
    await h.json(`/api/v1/coach/clients/${w.client.id}/packages`, { body: { packageTypeId: type.id }, cookie: w.coach.cookie });
    await h.json(`/api/v1/coach/clients/${w.client.id}/packages`, { body: { packageTypeId: type.id }, cookie: w.coach.cookie });
    // An expired package does not count.
    await h.json(`/api/v1/coach/clients/${w.client.id}/packages`, {
      body: { packageTypeId: type.id, purchasedOn: '2020-01-01' },
      cookie: w.coach.cookie,
    });
    await h.json(`/api/v1/coach/clients/${w.client.id}/sessions/use`, {
      body: { idempotencyKey: 'console-test-1' },
      cookie: w.coach.cookie,
    });
    const other = await coachWithClient(h, 'Other Org');
    const found = await createCoachRepo(h.db).membershipOf(w.coach.id);
    const left = await createConsoleService({ db: h.db, clock: { now: () => new Date() } }).sessionsLeft({
      actor: { id: w.coach.id, role: 'coach' },
      org: found!.org,
      role: found!.role,
    });
    expect(left.get(w.client.id)).toEqual({ remaining: 9, packages: 2 });
    expect(left.get(bare.id)).toEqual({ remaining: 0, packages: 0 });
    expect(left.has(other.client.id)).toBe(false);
  });
});

describe('coach console pages (Remix, through the same fetch handler)', () => {
  it('another org’s client page is a 404, an athlete gets 403, a coach without an org is sent to /coach', async () => {
    const h = Harness.init();
    const a = await coachWithClient(h, 'Page Alpha');
    const b = await coachWithClient(h, 'Page Beta');
    const own = await h.call(`/coach/clients/${a.client.id}`, { cookie: a.coach.cookie });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('Page Alpha');
    const cross = await h.call(`/coach/clients/${b.client.id}`, { cookie: a.coach.cookie });
    expect(cross.status).toBe(404);
    expect(await cross.text()).not.toContain('Page Beta');
    expect((await h.call('/coach/clients/not-a-uuid', { cookie: a.coach.cookie })).status).toBe(404);

    const athlete = await h.userWithRole('athlete');
    expect((await h.call('/coach/calendar', { cookie: athlete.cookie })).status).toBe(403);
    const coach = await h.userWithRole('coach');
    const fresh = await h.call('/coach/calendar', { cookie: coach.cookie, headers: { accept: 'text/html' } });
    expect(fresh.status).toBe(302);
    expect(fresh.headers.get('location')).toBe('/coach');
  });

  it('the calendar page shows the org’s bookings of the asked week only, at Denver times', async () => {
    const h = Harness.init();
    const w = await coachWithClient(h, 'Cal Page');
    // Monday 9 March 2026, 09:00 MDT (the day after the change) and the Sunday before, 23:30 MST.
    await h.json('/api/v1/coach/bookings', {
      body: { clientId: w.client.id, startsAt: '2026-03-09T15:00:00Z', durationMinutes: 60 },
      cookie: w.coach.cookie,
    });
    await h.json('/api/v1/coach/bookings', {
      body: { clientId: w.client.id, startsAt: '2026-03-09T05:30:00Z', durationMinutes: 30 },
      cookie: w.coach.cookie,
    });
    const html = await (await h.call('/coach/calendar?view=week&date=2026-03-11', { cookie: w.coach.cookie })).text();
    expect(html).toContain('09:00–10:00');
    expect(html).not.toContain('23:30');
    const before = await (await h.call('/coach/calendar?view=week&date=2026-03-08', { cookie: w.coach.cookie })).text();
    expect(before).toContain('23:30–00:00');
  });
});
