import { describe, expect, it } from 'vitest';
import { Harness } from '../harness';
import { athleteWithHistory, coachOrg, stripePayingClient } from '.';

// The kit's own check: each builder makes what it says, through the API.
describe('coach world scenario kit', () => {
  it('builds an org with staff, a client with a package, a booking and its completion', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, {
      timeZone: 'Europe/Berlin',
      quietHours: null,
      staff: 1,
      clientDefaults: { phone: 'unique', smsConsent: 'granted' },
    });
    expect(w.org).toMatchObject({ name: 'Summit Coaching', timeZone: 'Europe/Berlin', quietHours: null, role: 'owner' });
    const team = (await w.api<{ members: { userId: string; role: string }[] }>('/team')).body;
    expect(team.members.map((m) => [m.userId, m.role])).toEqual([
      [w.coach.id, 'owner'],
      [w.staff[0]!.id, 'coach'],
    ]);
    const { client, type, packages } = await w.clientWithPackage('Kit Client', { sessions: 3 });
    expect(client).toMatchObject({ name: 'Kit Client', smsConsent: 'granted' });
    expect(client.phone).toMatch(/^\+1555\d{7}$/);
    expect(type).toMatchObject({ name: '3 × 60', sessions: 3 });
    expect(packages).toMatchObject([{ sessionsTotal: 3, sessionsRemaining: 3 }]);
    const booking = await w.book(client.id, new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000), {
      coachId: w.staff[0]!.id,
    });
    expect(booking).toMatchObject({ clientId: client.id, coachId: w.staff[0]!.id, status: 'scheduled' });
    expect((await w.bookingAction(booking.id, 'complete')).body.deduction).toEqual({ status: 'deducted', remaining: 2 });
    expect((await w.packages(client.id)).packages[0]).toMatchObject({ sessionsRemaining: 2, sessionsUsed: 1 });
    expect((await w.member()).org.id).toBe(w.org.id);
  });

  it('builds an athlete with history whose training a linked client’s coach sees, and a Stripe-paying client', async () => {
    const h = Harness.init();
    const athlete = await athleteWithHistory(h, {
      displayName: 'Kit Runner',
      history: [
        { daysAgo: 2, source: 'garmin_export' },
        { daysAgo: 4, source: 'garmin_export' },
      ],
    });
    expect(athlete.activityIds).toHaveLength(2);
    const w = await stripePayingClient(h, { priceCents: 12_300, currency: 'eur' });
    expect(w.org.name).toBe('Money Coaching');
    expect(w.client.name).toBe('Pat Payer');
    expect(w.type).toMatchObject({ priceCents: 12_300, currency: 'eur', sessions: 10, validityDays: 90 });
    expect(await w.linkAthlete(w.client.id, athlete)).toMatchObject({ status: 'pending' });
    const training = await w.api(`/clients/${w.client.id}/training`);
    expect(training.status).toBe(200);
    expect(training.body.athlete.name).toBe('Kit Runner');
  });
});
