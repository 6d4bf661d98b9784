// Free coaching vs the Team plan (ADR 015): what an org without Team may do, what it is refused (403
// naming the feature and Team), what keeps working after Team lapses, and that the limits hold when
// requests race. Every world here starts on the free plan unless it says otherwise.
import { describe, expect, it } from 'vitest';
import type { Body, ErrorBody } from '../../testing/bodies';
import { eventually } from '../../testing/eventually';
import { Harness, expectErrorShape } from '../../testing/harness';
import { coachOrg, giveTeam, takeTeam } from '../../testing/scenarios';
import type { Client } from '../../testing/scenarios';
import { FREE_ORG_ACTIVE_CLIENTS, TIERS } from '../membership';
import type { Automation } from './automations/automations.schema';
import { sandbox } from './sms/sms-testing';

type Run = { status: string; detail: string | null };

const needsTeam = (r: { status: number; body: ErrorBody }, feature: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(403);
  expectErrorShape(r.body, 'ENTITLEMENT_REQUIRED');
  expect(r.body.error).toMatchObject({ entitlement: { feature, requiredTier: 'team' } });
};

describe('active clients without Team', () => {
  it(`keeps ${FREE_ORG_ACTIVE_CLIENTS} active: the next is refused naming Team, archiving frees a place, unarchiving counts, Team lifts it`, async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { plan: 'free' });
    const made: Client[] = [];
    for (let i = 0; i < FREE_ORG_ACTIVE_CLIENTS; i++) made.push(await w.addClient(`Client ${i + 1}`));
    needsTeam(await w.api<ErrorBody>('/clients', { body: { name: 'One too many' } }), 'team_clients');
    // Archived clients do not count; bringing one back does.
    expect((await w.api(`/clients/${made[0]!.id}`, { method: 'PATCH', body: { archived: true } })).status).toBe(200);
    const fourth = await w.addClient('Fills the freed place');
    needsTeam(await w.api<ErrorBody>(`/clients/${made[0]!.id}`, { method: 'PATCH', body: { archived: false } }), 'team_clients');
    // Other edits of an active client are not a new client.
    expect((await w.api(`/clients/${fourth.id}`, { method: 'PATCH', body: { notes: 'Still fine' } })).status).toBe(200);
    await giveTeam(h, w.org.id, w.coach.id);
    expect((await w.api(`/clients/${made[0]!.id}`, { method: 'PATCH', body: { archived: false } })).status).toBe(200);
    await w.addClient('Fifth, on Team');
    // Team lapses: everyone stays (downgrade keeps data), nobody new joins.
    await takeTeam(h, w.org.id, w.coach.id);
    expect((await w.api<{ clients: Client[] }>('/clients')).body.clients).toHaveLength(5);
    needsTeam(await w.api<ErrorBody>('/clients', { body: { name: 'After the lapse' } }), 'team_clients');
  });

  it('racing adds at the limit: exactly the places left are taken', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { plan: 'free' });
    await w.addClient('Already here');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => w.api<Client | ErrorBody>('/clients', { body: { name: `Racer ${i}` } })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(FREE_ORG_ACTIVE_CLIENTS - 1);
    for (const a of answers.filter((a) => a.status !== 201)) needsTeam(a as { status: number; body: ErrorBody }, 'team_clients');
    expect((await w.api<{ clients: Client[] }>('/clients')).body.clients).toHaveLength(FREE_ORG_ACTIVE_CLIENTS);
  });
});

describe('SMS without Team', () => {
  it('booking messages are planned and shown but not sent (skipped: needs_team_plan); a typed one is refused; Team sends both', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { plan: 'free', clientDefaults: { phone: 'unique', smsConsent: 'granted' } });
    const client = await w.addClient('Sam Sms');
    await w.book(client.id, new Date(Date.now() + 3 * 86_400_000));
    const skipped = await eventually(
      () => w.messages(client.id),
      (m) => m.some((x) => x.kind === 'confirmation' && x.status === 'skipped'),
    );
    expect(skipped.find((m) => m.kind === 'confirmation')).toMatchObject({ status: 'skipped', reason: 'needs_team_plan' });
    needsTeam(await w.api<ErrorBody>(`/clients/${client.id}/messages`, { body: { body: 'See you Tuesday.' } }), 'sms');
    expect(await sandbox.messages(client.phone!)).toEqual([]);

    await giveTeam(h, w.org.id, w.coach.id);
    const sent = await w.api<{ status: string }>(`/clients/${client.id}/messages`, { body: { body: 'See you Tuesday.' } });
    expect(sent.status).toBe(201);
    expect(sent.body.status).toBe('sent');
    const other = await w.addClient('Tia Team');
    await w.book(other.id, new Date(Date.now() + 4 * 86_400_000));
    await eventually(
      () => w.messages(other.id),
      (m) => m.some((x) => x.kind === 'confirmation' && x.status === 'sent'),
    );
    expect((await sandbox.messages(client.phone!)).map((m) => m.body)).toEqual(['See you Tuesday.']);
  });
});

describe('automations without Team', () => {
  it('are refused to a free org; after Team lapses they stay, may be switched off or deleted, and their runs say why they did nothing', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { plan: 'free' });
    const rule = {
      name: 'After session',
      trigger: { kind: 'booking_completed' },
      action: { kind: 'task', title: 'Send notes', message: '' },
    };
    needsTeam(await w.api<ErrorBody>('/automations', { body: rule }), 'automations');

    await giveTeam(h, w.org.id, w.coach.id);
    const made = await w.api<Body<typeof Automation>>('/automations', { body: rule });
    expect(made.status).toBe(201);
    const spare = (await w.api<Body<typeof Automation>>('/automations', { body: { ...rule, name: 'Spare' } })).body;
    await takeTeam(h, w.org.id, w.coach.id);

    const client = await w.addClient('Robin Runner');
    const booking = await w.book(client.id, new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000));
    expect((await w.bookingAction(booking.id, 'complete')).status).toBe(200);
    const runs = await eventually(
      async () => (await w.api<{ runs: Run[] }>(`/automations/${made.body.id}/runs`)).body.runs,
      (r) => r.length === 1 && r[0]!.status !== 'pending',
    );
    expect(runs[0]).toMatchObject({ status: 'skipped', detail: 'needs_team_plan' });
    expect((await w.api<{ tasks: unknown[] }>('/tasks')).body.tasks).toEqual([]);

    needsTeam(await w.api<ErrorBody>(`/automations/${made.body.id}`, { method: 'PATCH', body: { name: 'Renamed' } }), 'automations');
    needsTeam(await w.api<ErrorBody>(`/automations/${made.body.id}`, { method: 'PATCH', body: { enabled: true } }), 'automations');
    const off = await w.api<Body<typeof Automation>>(`/automations/${made.body.id}`, { method: 'PATCH', body: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.body.enabled).toBe(false);
    expect((await w.api(`/automations/${spare.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await w.api<{ automations: unknown[] }>('/automations')).body.automations).toHaveLength(1);
  });
});

describe('staff seats', () => {
  const seats = TIERS.team.seats ?? 0;

  it(`need Team; Team has ${seats} (owner and pending invitations included); re-inviting a pending address is not a new seat`, async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { plan: 'free' });
    const email = (i: number) => `seat-${i}-${crypto.randomUUID().slice(0, 8)}@example.test`;
    needsTeam(await w.api<ErrorBody>('/team/invites', { body: { email: email(0) } }), 'staff_seats');
    await giveTeam(h, w.org.id, w.coach.id);
    const invited: string[] = [];
    for (let i = 1; i < seats; i++) {
      invited.push(email(i));
      expect((await w.api('/team/invites', { body: { email: invited.at(-1) } })).status).toBe(201);
    }
    const full = await w.api<ErrorBody>('/team/invites', { body: { email: email(99) } });
    expect(full.status).toBe(409);
    expectErrorShape(full.body, 'CONFLICT');
    expect(full.body.error.message).toContain(`All ${seats} seats`);
    const again = await w.api<{ created: boolean }>('/team/invites', { body: { email: invited[0]!.toUpperCase() } });
    expect(again.status).toBe(201);
    expect(again.body.created).toBe(false);
  });

  it('racing invitations take exactly the free seats', async () => {
    const h = Harness.init();
    const w = await coachOrg(h);
    await w.api('/team/invites', { body: { email: `first-${crypto.randomUUID().slice(0, 8)}@example.test` } });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        w.api('/team/invites', { body: { email: `racer-${i}-${crypto.randomUUID().slice(0, 8)}@example.test` } }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(seats - 2);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(6 - (seats - 2));
  });

  it('an invitation accepted after Team lapsed is refused and stays pending for when Team is back', async () => {
    const h = Harness.init();
    const w = await coachOrg(h);
    const staff = await h.userWithRole('coach');
    const { invite } = (await w.api<{ invite: { id: string } }>('/team/invites', { body: { email: staff.email } })).body;
    await takeTeam(h, w.org.id, w.coach.id);
    const refused = await h.json<ErrorBody>(`/api/v1/me/org-invites/${invite.id}/accept`, { method: 'POST', cookie: staff.cookie });
    needsTeam(refused, 'staff_seats');
    await giveTeam(h, w.org.id, w.coach.id);
    expect((await h.json(`/api/v1/me/org-invites/${invite.id}/accept`, { method: 'POST', cookie: staff.cookie })).status).toBe(200);
  });
});
