import { describe, expect, it } from 'vitest';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape, type Call } from '../../../testing/harness';
import { coachOrg, type Booking, type Client } from '../../../testing/scenarios';
import type { Invitation, Invite, Team as TeamSchema } from './team.schema';

type Team = Body<typeof TeamSchema>;
/** POST /team/invites. */
type Invited = { invite: Body<typeof Invite>; created: boolean };

/** An owner with an org ('Summit Coaching', America/Denver), from the scenario kit. */
async function ownerWithOrg(h: Harness) {
  const w = await coachOrg(h);
  return { owner: w.coach, org: w.org, api: w.api };
}

const mine = (h: Harness, cookie: string) => ({
  list: async () => (await h.json<{ invitations: Body<typeof Invitation>[] }>('/api/v1/me/org-invites', { cookie })).body.invitations,
  accept: (id: string) => h.json<{ orgId: string }>(`/api/v1/me/org-invites/${id}/accept`, { method: 'POST', cookie }),
  decline: (id: string) => h.json<{ ok: true }>(`/api/v1/me/org-invites/${id}/decline`, { method: 'POST', cookie }),
});

describe('coach team', () => {
  it('the owner invites a coach by email; they accept and work in the org (clients, bookings) but cannot change its team or settings', async () => {
    const h = Harness.init();
    const { owner, org, api } = await ownerWithOrg(h);
    const staff = await h.userWithRole('coach');
    // The address as the owner typed it (another case) still reaches the account.
    const sent = await api<Invited>('/team/invites', { body: { email: staff.email.toUpperCase() } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ created: true, invite: { status: 'pending' } });
    const again = await api<Invited>('/team/invites', { body: { email: staff.email } });
    expect(again.body).toMatchObject({ created: false, invite: { id: sent.body.invite.id } });

    const invitations = await mine(h, staff.cookie).list();
    expect(invitations).toMatchObject([{ id: sent.body.invite.id, orgName: 'Summit Coaching', invitedBy: 'Test coach' }]);
    expect((await mine(h, staff.cookie).accept(sent.body.invite.id)).body).toEqual({ orgId: org.id });
    expect(await mine(h, staff.cookie).list()).toEqual([]);

    const team = (await api<Team>('/team')).body;
    expect(team.members.map((p) => [p.userId, p.role, p.you])).toEqual([
      [owner.id, 'owner', true],
      [staff.id, 'coach', false],
    ]);
    expect(team.invites).toEqual([]);

    // Staff work in the org: they see its clients and book sessions as themselves.
    const client = (await api<Client>('/clients', { body: { name: 'Casey Client' } })).body;
    // Refusals unless the call names a route's success type.
    const asStaff = <T = ErrorBody>(path: string, init: Omit<Call, 'cookie'> = {}) =>
      h.json<T>(`/api/v1/coach${path}`, { ...init, cookie: staff.cookie });
    expect((await asStaff<{ clients: Client[] }>('/clients')).body.clients.map((c) => c.id)).toEqual([client.id]);
    const booked = await asStaff<Booking>('/bookings', {
      body: { clientId: client.id, startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 60 },
    });
    expect(booked.status).toBe(201);
    expect(booked.body.coachId).toBe(staff.id);
    // …and the owner can book for them, since they are a coach of the org.
    expect(
      (
        await api('/bookings', {
          body: {
            clientId: client.id,
            coachId: staff.id,
            startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
            durationMinutes: 60,
          },
        })
      ).status,
    ).toBe(201);

    for (const r of [
      await asStaff('/team/invites', { body: { email: 'someone@example.test' } }),
      await asStaff(`/team/members/${owner.id}`, { method: 'DELETE' }),
      await asStaff('/org', { method: 'PATCH', body: { name: 'Mine now' } }),
    ]) {
      expect(r.status).toBe(403);
      expectErrorShape(r.body, 'FORBIDDEN');
    }
    expect((await h.auditFor('org_invite', sent.body.invite.id)).map((a) => a.action)).toEqual(['org.invite_sent', 'org.invite_accepted']);

    // Removed, they are no longer part of the org; their bookings stay with it.
    expect((await api(`/team/members/${staff.id}`, { method: 'DELETE' })).status).toBe(200);
    const after = await asStaff('/clients');
    expect(after.status).toBe(404);
    expect((await api(`/bookings/${booked.body.id}/cancel`, { method: 'POST' })).status).toBe(200);
    expect((await api(`/team/members/${staff.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api(`/team/members/${owner.id}`, { method: 'DELETE' })).status).toBe(409);
  });

  it('answers the same for an address without an account, and only that address can accept', async () => {
    const h = Harness.init();
    const { api } = await ownerWithOrg(h);
    const nobody = await api<Invited>('/team/invites', { body: { email: 'not-a-user-yet@example.test' } });
    const someone = await h.userWithRole('coach');
    const real = await api<Invited>('/team/invites', { body: { email: someone.email } });
    expect(nobody.status).toBe(real.status);
    expect(Object.keys(nobody.body).sort()).toEqual(Object.keys(real.body).sort());
    expect(nobody.body.invite).toMatchObject({ status: 'pending', email: 'not-a-user-yet@example.test' });

    // Another coach cannot see or take someone else's invitation.
    const other = await h.userWithRole('coach');
    expect(await mine(h, other.cookie).list()).toEqual([]);
    for (const r of [await mine(h, other.cookie).accept(real.body.invite.id), await mine(h, other.cookie).decline(real.body.invite.id)]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    // Declined, it is gone for good; cancelled ones cannot be accepted either.
    expect((await mine(h, someone.cookie).decline(real.body.invite.id)).status).toBe(200);
    expect((await mine(h, someone.cookie).accept(real.body.invite.id)).status).toBe(404);
    expect((await api(`/team/invites/${nobody.body.invite.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/team/invites/${nobody.body.invite.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api<Team>('/team')).body.invites).toEqual([]);
    // Bad input is a 400 naming the field.
    const bad = await api('/team/invites', { body: { email: 'not an email' } });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
  });

  it('a coach already in an org, or an athlete account, cannot join; two invitations accepted at once let the coach into one org', async () => {
    const h = Harness.init();
    const a = await ownerWithOrg(h);
    const b = await ownerWithOrg(h);
    const athlete = await h.signup();
    const invited = (await a.api<Invited>('/team/invites', { body: { email: athlete.email } })).body.invite;
    const refused = await mine(h, athlete.cookie).accept(invited.id);
    expect(refused.status).toBe(403);
    expectErrorShape(refused.body, 'FORBIDDEN');

    // B's owner already has an org.
    const toOwner = (await a.api<Invited>('/team/invites', { body: { email: b.owner.email } })).body.invite;
    expect((await mine(h, b.owner.cookie).accept(toOwner.id)).status).toBe(409);

    const coach = await h.userWithRole('coach');
    const fromA = (await a.api<Invited>('/team/invites', { body: { email: coach.email } })).body.invite;
    const fromB = (await b.api<Invited>('/team/invites', { body: { email: coach.email } })).body.invite;
    const results = await Promise.all([mine(h, coach.cookie).accept(fromA.id), mine(h, coach.cookie).accept(fromB.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const joined = results.find((r) => r.status === 200)!.body.orgId;
    const teams = [(await a.api<Team>('/team')).body, (await b.api<Team>('/team')).body];
    expect(teams.filter((t) => t.members.some((p) => p.userId === coach.id))).toHaveLength(1);
    expect([a.org.id, b.org.id]).toContain(joined);
    // The invitation that lost is still pending (its acceptance rolled back), so it can be declined.
    const loser = joined === a.org.id ? fromB : fromA;
    expect((await mine(h, coach.cookie).list()).map((i) => i.id)).toEqual([loser.id]);
  });
});
