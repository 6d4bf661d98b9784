import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Harness, expectErrorShape } from '../../../testing/harness';
import type { Client } from '../../../testing/scenarios';
import { coachWorld, eventually, postWebhook, sandbox, smsAt, uniquePhone } from './sms-testing';

const inDays = (d: number, hourUtc = 17) => {
  const t = new Date(Date.now() + d * 86_400_000);
  t.setUTCHours(hourUtc, 0, 0, 0);
  return t;
};

async function reply(h: Harness, from: string, body: string) {
  const r = await sandbox.inbound(from, body);
  const res = await postWebhook(h, r.params, r.signature);
  return { res, sid: r.params.MessageSid!, params: r.params, signature: r.signature };
}

const bookingStatus = async (h: Harness, id: string) =>
  ((await h.db.execute(sql`select status from bookings where id = ${id}`)).rows[0] as { status: string }).status;
const storedInbound = async (h: Harness, sid: string) =>
  (await h.db.execute(sql`select org_id, client_id, booking_id, reason from sms_messages where provider_sid = ${sid}`)).rows as {
    org_id: string | null;
    client_id: string | null;
    booking_id: string | null;
    reason: string | null;
  }[];

async function asked(w: Awaited<ReturnType<typeof coachWorld>>, clientId: string, n: number) {
  await eventually(
    () => w.messages(clientId),
    (m) => m.filter((x) => x.kind === 'confirmation' && x.status === 'sent').length === n,
  );
}

describe('inbound SMS', () => {
  it('Y confirms only the sender’s next booking; a second Y the one after; other clients untouched', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const ana = await w.addClient('Ana Answer');
    const ben = await w.addClient('Ben Bystander');
    const first = await w.book(ana.id, inDays(3));
    const later = await w.book(ana.id, inDays(6));
    const bens = await w.book(ben.id, inDays(2));
    await asked(w, ana.id, 2);
    await asked(w, ben.id, 1);

    const r = await reply(h, ana.phone, ' yes ');
    expect(r.res.status).toBe(200);
    expect(r.res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await r.res.text()).toContain('<Response/>');
    expect(await bookingStatus(h, first.id)).toBe('confirmed');
    expect(await bookingStatus(h, later.id)).toBe('scheduled');
    expect(await bookingStatus(h, bens.id)).toBe('scheduled');
    expect(await storedInbound(h, r.sid)).toEqual([{ org_id: w.orgId, client_id: ana.id, booking_id: first.id, reason: 'confirmed' }]);
    // The thread shows the reply.
    expect((await w.messages(ana.id))[0]).toMatchObject({
      direction: 'inbound',
      kind: 'inbound',
      status: 'received',
      body: ' yes ',
      bookingId: first.id,
    });

    await reply(h, ana.phone, 'y');
    expect(await bookingStatus(h, later.id)).toBe('confirmed');
    // Nothing left to confirm: stored, changes nothing.
    const third = await reply(h, ana.phone, 'Y');
    expect(third.res.status).toBe(200);
    expect((await storedInbound(h, third.sid))[0]).toMatchObject({ client_id: ana.id, reason: 'nothing_to_confirm' });
    expect(await bookingStatus(h, bens.id)).toBe('scheduled');
  });

  it('a number shared by clients of two orgs confirms the soonest of their pending bookings', async () => {
    const h = Harness.init();
    const phone = uniquePhone();
    const a = await coachWorld(h);
    const b = await coachWorld(h);
    const inA = await a.addClient('Sol Shared', { phone });
    const inB = await b.addClient('Sol Shared', { phone });
    const later = await a.book(inA.id, inDays(5));
    const sooner = await b.book(inB.id, inDays(4));
    await asked(a, inA.id, 1);
    await asked(b, inB.id, 1);
    await reply(h, phone, 'Y');
    expect(await bookingStatus(h, sooner.id)).toBe('confirmed');
    expect(await bookingStatus(h, later.id)).toBe('scheduled');
  });

  it('refuses a bad signature with 403 and stores nothing; a replayed MessageSid is stored once', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const c = await w.addClient('Sig Check');
    const booking = await w.book(c.id, inDays(3));
    await asked(w, c.id, 1);
    const r = await sandbox.inbound(c.phone, 'Y');
    const forged = await postWebhook(h, { ...r.params, Body: 'STOP' }, r.signature);
    expect(forged.status).toBe(403);
    expectErrorShape(await forged.json(), 'FORBIDDEN');
    const unsigned = await postWebhook(h, r.params, '');
    expect(unsigned.status).toBe(403);
    expect(await storedInbound(h, r.params.MessageSid!)).toEqual([]);
    expect(await bookingStatus(h, booking.id)).toBe('scheduled');
    // Twilio retries the same delivery: one row, one confirmation.
    const [x, y] = await Promise.all([postWebhook(h, r.params, r.signature), postWebhook(h, r.params, r.signature)]);
    expect([x.status, y.status]).toEqual([200, 200]);
    await postWebhook(h, r.params, r.signature);
    expect(await storedInbound(h, r.params.MessageSid!)).toHaveLength(1);
    expect(await bookingStatus(h, booking.id)).toBe('confirmed');
    // Signed for a URL with the default port spelled out: accepted too (as twilio-node does).
    const withPort = await fetch(`${h.env.TWILIO_API_URL}_control/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: c.phone, body: 'thanks', deliver: false, url: 'http://cadence.test:80/webhooks/twilio/sms' }),
    }).then((res) => res.json() as Promise<{ params: Record<string, string>; signature: string }>);
    expect((await postWebhook(h, withPort.params, withPort.signature)).status).toBe(200);
  });

  it('STOP revokes consent and later reminders are skipped; START grants it again', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { reminderOffsetsMinutes: [1440] });
    const c = await w.addClient('Stu Stop', { smsConsent: 'granted' });
    const startsAt = inDays(8);
    await w.book(c.id, startsAt);
    await asked(w, c.id, 1);
    expect((await reply(h, c.phone, 'Stop')).res.status).toBe(200);
    const client = (await h.json<Client>(`/api/v1/coach/clients/${c.id}`, { cookie: w.coach.cookie })).body;
    expect(client.smsConsent).toBe('revoked');
    const t = smsAt(h, new Date(startsAt.getTime() - 1440 * 60_000));
    await t.sms.tick();
    const reminder = (await w.messages(c.id)).find((m) => m.kind === 'reminder')!;
    expect(reminder).toMatchObject({ status: 'skipped', reason: 'consent_revoked' });
    expect((await sandbox.messages(c.phone)).map((m) => m.body)).toHaveLength(1); // the confirmation only
    await reply(h, c.phone, 'START');
    expect((await h.json<Client>(`/api/v1/coach/clients/${c.id}`, { cookie: w.coach.cookie })).body.smsConsent).toBe('granted');
  });

  it('an unknown number gets 200 and empty TwiML; the message is stored and nothing else happens', async () => {
    const h = Harness.init();
    const stranger = uniquePhone();
    const r = await reply(h, stranger, 'Y');
    expect(r.res.status).toBe(200);
    expect(await r.res.text()).toContain('<Response/>');
    expect(await storedInbound(h, r.sid)).toEqual([{ org_id: null, client_id: null, booking_id: null, reason: 'unknown_number' }]);
  });

  it('any other reply is stored in the client’s thread for the coach', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const c = await w.addClient('Tess Talk');
    const b = await w.book(c.id, inDays(4));
    await asked(w, c.id, 1);
    await reply(h, c.phone, 'Can we do 10 instead?');
    expect(await bookingStatus(h, b.id)).toBe('scheduled');
    expect((await w.messages(c.id))[0]).toMatchObject({
      direction: 'inbound',
      body: 'Can we do 10 instead?',
      status: 'received',
      reason: null,
    });
  });
});
