import { describe, expect, it, vi } from 'vitest';
import { Harness } from '../../../testing/harness';
import type { Booking } from '../../../testing/scenarios';
import { MAX_ATTEMPTS, retryDelayMs } from './sms-delivery';
import { coachWorld, eventually, sandbox, smsAt } from './sms-testing';

const inDays = (d: number, hourUtc = 17) => {
  const t = new Date(Date.now() + d * 86_400_000);
  t.setUTCHours(hourUtc, 0, 0, 0);
  return t;
};

describe('sending SMS', () => {
  it('two overlapping cron ticks send each due message exactly once', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { reminderOffsetsMinutes: [1440, 120] });
    const clients = await Promise.all([w.addClient('Tick One'), w.addClient('Tick Two'), w.addClient('Tick Three')]);
    const startsAt = inDays(20);
    for (const [i, c] of clients.entries()) await w.book(c.id, new Date(startsAt.getTime() + i * 2 * 3_600_000));
    // The confirmations go out from the booking requests themselves (after the response).
    for (const c of clients)
      await eventually(
        () => w.messages(c.id),
        (m) => m.some((x) => x.kind === 'confirmation' && x.status === 'sent'),
      );
    // At the first reminder's time every confirmation and the due reminders are claimable at once.
    const t = smsAt(h, new Date(startsAt.getTime() - 1440 * 60_000 + 5 * 3_600_000));
    const [a, b, c] = await Promise.all([t.sms.tick(), t.sms.tick(), t.sms.tick()]);
    // Between them the three ticks settled the three due reminders, each once.
    expect(a.sent + b.sent + c.sent).toBe(3);
    await t.sms.tick();
    for (const client of clients) {
      const sent = await sandbox.messages(client.phone);
      const rows = (await w.messages(client.id)).filter((m) => m.status === 'sent');
      // One confirmation and one 24 h reminder per client, each once at the provider.
      expect(rows.map((m) => m.kind).sort()).toEqual(['confirmation', 'reminder']);
      expect(sent).toHaveLength(2);
      expect(new Set(sent.map((s) => s.body)).size).toBe(2);
    }
  });

  it('retries a refused send with backoff, then records it failed with Twilio’s code', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Fay Failure');
    await sandbox.failNext({ count: MAX_ATTEMPTS, status: 503, code: 20503, message: 'Service Unavailable', to: client.phone });
    const start = new Date('2027-05-01T18:00:00Z');
    const t = smsAt(h, start);
    const first = await t.sms.sendToClient({
      orgId: w.orgId,
      clientId: client.id,
      body: 'Your plan for May is ready.',
      kind: 'automation',
      key: 'may-plan',
    });
    expect(first.status).toBe('scheduled');
    expect(first.error).toBe('20503: Service Unavailable');
    let row = (await w.messages(client.id)).find((m) => m.id === first.messageId)!;
    expect(row).toMatchObject({
      status: 'scheduled',
      reason: 'retrying',
      dueAt: new Date(start.getTime() + retryDelayMs(1, first.messageId)).toISOString(),
    });
    // Not before its time; then the second and third attempts.
    await t.sms.tick();
    expect((await w.messages(client.id)).find((m) => m.id === first.messageId)!.status).toBe('scheduled');
    t.set(new Date(start.getTime() + retryDelayMs(1, first.messageId)));
    await t.sms.tick();
    t.set(new Date(start.getTime() + retryDelayMs(1, first.messageId) + retryDelayMs(2, first.messageId)));
    await t.sms.tick();
    row = (await w.messages(client.id)).find((m) => m.id === first.messageId)!;
    expect(row).toMatchObject({ status: 'failed', error: '20503: Service Unavailable' });
    expect(await sandbox.messages(client.phone)).toHaveLength(0);
    // A later tick leaves a failed message alone; the same key asked again reports the failure, sends nothing.
    t.set(new Date(start.getTime() + 3_600_000));
    await t.sms.tick();
    expect(
      await t.sms.sendToClient({
        orgId: w.orgId,
        clientId: client.id,
        body: 'Your plan for May is ready.',
        kind: 'automation',
        key: 'may-plan',
      }),
    ).toMatchObject({ status: 'failed', messageId: first.messageId });
    expect(await sandbox.messages(client.phone)).toHaveLength(0);
  });

  it('a permanent refusal (invalid number) fails at once without retrying', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Ivan Invalid');
    await sandbox.failNext({
      count: 1,
      status: 400,
      code: 21211,
      message: "The 'To' number is not a valid phone number.",
      to: client.phone,
    });
    const t = smsAt(h, new Date('2027-05-01T18:00:00Z'));
    const r = await t.sms.sendToClient({ orgId: w.orgId, clientId: client.id, body: 'Hello', kind: 'automation', key: 'hello' });
    expect(r).toMatchObject({ status: 'failed', error: "21211: The 'To' number is not a valid phone number." });
  });

  it('sendToClient: idempotent by key, deferred in quiet hours, skipped without consent or phone', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { quietHours: { start: '21:00', end: '08:00' } });
    const client = await w.addClient('Sam Send');
    const t = smsAt(h, new Date('2027-05-01T18:00:00Z')); // 12:00 MDT
    const a = await t.sms.sendToClient({ orgId: w.orgId, clientId: client.id, body: 'Great week!', kind: 'automation', key: 'week-19' });
    const again = await t.sms.sendToClient({
      orgId: w.orgId,
      clientId: client.id,
      body: 'Great week!',
      kind: 'automation',
      key: 'week-19',
    });
    expect(a.status).toBe('sent');
    expect(again).toEqual(a);
    expect(await sandbox.messages(client.phone)).toHaveLength(1);
    t.set(new Date('2027-05-02T05:00:00Z')); // 23:00 MDT
    const night = await t.sms.sendToClient({ orgId: w.orgId, clientId: client.id, body: 'Late thought', kind: 'automation', key: 'late' });
    expect(night).toMatchObject({ status: 'deferred', reason: 'quiet_hours' });
    expect((await w.messages(client.id)).find((m) => m.id === night.messageId)!.dueAt).toBe('2027-05-02T14:00:00.000Z');
    const revoked = await w.addClient('Rae Revoked', { smsConsent: 'revoked' });
    const noPhone = await w.addClient('Nia Nophone', { phone: null });
    t.set(new Date('2027-05-02T18:00:00Z'));
    expect(await t.sms.sendToClient({ orgId: w.orgId, clientId: revoked.id, body: 'Hi', kind: 'automation', key: 'k1' })).toMatchObject({
      status: 'skipped',
      reason: 'consent_revoked',
    });
    expect(await t.sms.sendToClient({ orgId: w.orgId, clientId: noPhone.id, body: 'Hi', kind: 'automation', key: 'k1' })).toMatchObject({
      status: 'skipped',
      reason: 'no_phone',
    });
    expect(await sandbox.messages(revoked.phone)).toHaveLength(0);
    // Another org's client is not found.
    const other = await coachWorld(h);
    await expect(
      t.sms.sendToClient({ orgId: other.orgId, clientId: client.id, body: 'Hi', kind: 'automation', key: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rescheduling supersedes the pending messages and plans new ones; cancelling skips them', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Remy Move');
    const booking = await w.book(client.id, inDays(10));
    await eventually(
      () => w.messages(client.id),
      (m) => m.some((x) => x.kind === 'confirmation' && x.status === 'sent'),
    );
    const moved = await h.json<Booking>(`/api/v1/coach/bookings/${booking.id}`, {
      method: 'PATCH',
      body: { startsAt: inDays(12).toISOString() },
      cookie: w.coach.cookie,
    });
    expect(moved.status).toBe(200);
    let msgs = await eventually(
      () => w.messages(client.id),
      (m) => m.filter((x) => x.kind === 'confirmation' && x.status === 'sent').length === 2,
    );
    expect(msgs.filter((m) => m.kind === 'reminder' && m.status === 'skipped').map((m) => m.reason)).toEqual([
      'rescheduled',
      'rescheduled',
    ]);
    expect(msgs.filter((m) => m.kind === 'reminder' && m.status === 'scheduled')).toHaveLength(2);
    expect(msgs.filter((m) => m.kind === 'confirmation' && m.status === 'sent')).toHaveLength(2);
    await h.json(`/api/v1/coach/bookings/${booking.id}/cancel`, { method: 'POST', cookie: w.coach.cookie });
    msgs = await w.messages(client.id);
    expect(msgs.filter((m) => m.kind === 'reminder' && m.status === 'scheduled')).toHaveLength(0);
    expect(msgs.filter((m) => m.reason === 'cancelled')).toHaveLength(2);
  });

  it('the tick re-plans a reminder whose booking event was lost', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { reminderOffsetsMinutes: [1440] });
    const client = await w.addClient('Lou Lost');
    const startsAt = inDays(15);
    const booking = await w.book(client.id, startsAt);
    const { sql } = await import('drizzle-orm');
    await h.db.execute(sql`delete from sms_messages where booking_id = ${booking.id} and kind = 'reminder'`);
    const t = smsAt(h, new Date(startsAt.getTime() - 1440 * 60_000 - 3_600_000));
    expect((await t.sms.tick()).planned).toBe(1);
    expect((await t.sms.tick()).planned).toBe(0);
    t.set(new Date(startsAt.getTime() - 1440 * 60_000));
    await t.sms.tick();
    const reminder = (await w.messages(client.id)).find((m) => m.kind === 'reminder')!;
    expect(reminder.status).toBe('sent');
  });

  it('logs ids only: no phone number, name or message text in any log line', async () => {
    const h = Harness.init();
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const w = await coachWorld(h);
    const client = await w.addClient('Priya Private');
    await sandbox.failNext({ count: 1, status: 500, code: 20500, message: 'Internal', to: client.phone });
    const t = smsAt(h, new Date('2027-06-01T18:00:00Z'));
    await w.book(client.id, inDays(30));
    const r = await t.sms.sendToClient({
      orgId: w.orgId,
      clientId: client.id,
      body: 'Secret training note 4471',
      kind: 'automation',
      key: 'pii',
    });
    await t.sms.tick();
    const reply = await sandbox.inbound(client.phone, 'Y');
    const { postWebhook } = await import('./sms-testing');
    await postWebhook(h, reply.params, reply.signature);
    expect(r.messageId).toBeTruthy();
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    for (const secret of [client.phone, client.phone.slice(2), 'Priya', 'Secret training note', 'Reply Y'])
      expect(all).not.toContain(secret);
  });
});
