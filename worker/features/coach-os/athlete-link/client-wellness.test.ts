// The athlete's second consent (ADR 074): a coach who sees their training sees their wellness only while they
// share it — "not shared" is an answer, not an error; stopping (or ending the link) counts at once; another org's
// coach gets 404; the switch is audited, the athlete's alone, and refused to an impersonation.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import { impCookieFrom } from '../../impersonation/impersonation.testing';
import type { ClientWellness } from './client-wellness.schema';

type Wellness = Body<typeof ClientWellness>;
const today = () => todayIn('UTC', new Date());

async function world(h: Harness) {
  const athlete = await h.signup({ displayName: 'Wren Wellness' });
  for (const [d, sleepHours, restingHr] of [
    [-1, 7.5, 48],
    [-2, 6.25, 51],
  ] as const) {
    const r = await h.json(`/api/v1/wellness/days/${addDays(today(), d)}/check-in`, {
      method: 'PUT',
      cookie: athlete.cookie,
      body: { sleepHours, restingHr, mood: 3 },
    });
    expect(r.status).toBe(200);
  }
  const org = await coachOrg(h, { name: 'Wellness Coaching' });
  const client = await org.addClient('Wren Client');
  await org.linkAthlete(client.id, athlete);
  const links = (await h.json<{ links: { id: string; wellness: boolean }[] }>('/api/v1/me/coach-links', { cookie: athlete.cookie })).body
    .links;
  return { athlete, org, client, link: links[0]! };
}

describe('a coach reads a client’s wellness only while the athlete shares it', () => {
  it('training shared but wellness not: not shared; shared: the days and readiness; stopped: gone at once', async () => {
    const h = Harness.init();
    const { athlete, org, client, link } = await world(h);
    expect(link.wellness).toBe(false);
    expect((await org.api(`/clients/${client.id}/training`)).status).toBe(200);

    const before = await org.api<Wellness>(`/clients/${client.id}/wellness`);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ athlete: { name: 'Wren Wellness' }, from: addDays(today(), -13), to: today(), shared: false });
    expect(JSON.stringify(before.body)).not.toMatch(/7\.5|sleep/i);

    const share = await h.json(`/api/v1/me/coach-links/${link.id}/wellness-share`, { method: 'PUT', cookie: athlete.cookie });
    expect(share.status).toBe(200);
    expect(share.body).toEqual({ wellness: true });
    const mine = await h.json<{ links: { wellness: boolean }[] }>('/api/v1/me/coach-links', { cookie: athlete.cookie });
    expect(mine.body.links[0]?.wellness).toBe(true);

    const shared = await org.api<Wellness>(`/clients/${client.id}/wellness`);
    expect(shared.status).toBe(200);
    if (!shared.body.shared) throw new Error('expected shared');
    expect(shared.body.days.map((d) => [d.day, d.fields.sleepHours?.value, d.fields.restingHr?.value])).toEqual([
      [addDays(today(), -2), 6.25, 51],
      [addDays(today(), -1), 7.5, 48],
    ]);
    expect(shared.body.readiness.hrv).toEqual({ status: 'none' });
    expect(shared.body.readiness.restingHr).toMatchObject({ status: 'establishing', source: 'checkin', days: 2, needed: 21 });
    // A range of the coach's choosing.
    const one = await org.api<Wellness>(`/clients/${client.id}/wellness?from=${addDays(today(), -1)}&to=${addDays(today(), -1)}`);
    expect(one.body.shared && one.body.days.length).toBe(1);

    const audit = await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, link.id));
    expect(audit.map((a) => a.action)).toContain('athlete_link.wellness_shared');

    const stop = await h.json(`/api/v1/me/coach-links/${link.id}/wellness-share`, { method: 'DELETE', cookie: athlete.cookie });
    expect(stop.status).toBe(200);
    const after = await org.api<Wellness>(`/clients/${client.id}/wellness`);
    expect(after.body).toMatchObject({ shared: false });
    expect(JSON.stringify(after.body)).not.toContain('7.5');
    const audit2 = await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, link.id));
    expect(audit2.map((a) => a.action)).toContain('athlete_link.wellness_withdrawn');
  });

  it('ending the link clears the consent: a new link starts with wellness off', async () => {
    const h = Harness.init();
    const { athlete, org, client, link } = await world(h);
    expect((await h.json(`/api/v1/me/coach-links/${link.id}/wellness-share`, { method: 'PUT', cookie: athlete.cookie })).status).toBe(200);
    expect((await h.json(`/api/v1/me/coach-links/${link.id}/revoke`, { method: 'POST', cookie: athlete.cookie })).status).toBe(200);
    expect((await org.api(`/clients/${client.id}/wellness`)).status).toBe(404);
    // The revoked link is no longer theirs to share on.
    expect((await h.json(`/api/v1/me/coach-links/${link.id}/wellness-share`, { method: 'PUT', cookie: athlete.cookie })).status).toBe(404);
    await org.linkAthlete(client.id, athlete);
    expect((await org.api<Wellness>(`/clients/${client.id}/wellness`)).body).toMatchObject({ shared: false });
  });

  it('another org’s coach, an unlinked client and someone else’s link get 404; an impersonation cannot share', async () => {
    const h = Harness.init();
    const { athlete, client, link } = await world(h);
    expect((await h.json(`/api/v1/me/coach-links/${link.id}/wellness-share`, { method: 'PUT', cookie: athlete.cookie })).status).toBe(200);

    const other = await coachOrg(h, { name: 'Other Coaching' });
    const r = await other.api(`/clients/${client.id}/wellness`);
    expect(r.status).toBe(404);
    expectErrorShape(r.body, 'NOT_FOUND');
    expect(JSON.stringify(r.body)).not.toContain('Wren');
    const own = await other.addClient('Nia Never');
    expect((await other.api(`/clients/${own.id}/wellness`)).status).toBe(404);

    const stranger = await h.signup();
    expect((await h.json(`/api/v1/me/coach-links/${link.id}/wellness-share`, { method: 'DELETE', cookie: stranger.cookie })).status).toBe(
      404,
    );

    const owner = await h.userWithRole('owner');
    const started = await h.call('/api/v1/admin/impersonation', {
      cookie: owner.cookie,
      body: { userId: athlete.user.id, reason: 'Support ticket 7' },
    });
    expect(started.status).toBe(201);
    const cookie = `${owner.cookie}; ${impCookieFrom(started)}`;
    const refused = await h.json(`/api/v1/me/coach-links/${link.id}/wellness-share`, { method: 'DELETE', cookie });
    expect(refused.status).toBe(403);
    expectErrorShape(refused.body, 'IMPERSONATION_BLOCKED');
  });
});
