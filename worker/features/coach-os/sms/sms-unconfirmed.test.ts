// A send that got no answer from Twilio (timed out, connection cut) may or may not have been accepted, and Twilio
// takes no idempotency key: the next try looks the message up before sending, so the client gets it exactly once.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../env';
import { createLogger } from '../../../lib/logger';
import { createProviders } from '../../../providers';
import type { SmsMessage, SmsSender, SmsSendResult } from '../../../providers/twilio/twilio';
import { TwilioSmsSender } from '../../../providers/twilio/twilio.http';
import { Harness } from '../../../testing/harness';
import { membershipOf } from '../../../testing/scenarios';
import { createAuditService } from '../../audit';
import { createCoachEvents } from '../coach-events';
import { MAX_ATTEMPTS, retryDelayMs, UNCONFIRMED } from './sms-delivery';
import { coachWorld, sandbox } from './sms-testing';
import { createSmsService } from './sms.service';

const e = () => parseEnv(env);
const sandboxOrigin = () => new URL(e().TWILIO_API_URL).origin;

/** The real sender, except that the sends named in `lost` get no answer: after Twilio took them, or before. */
class LostAnswers implements SmsSender {
  readonly real = createProviders(e()).sms;
  sends = 0;
  constructor(private readonly lost: ('after' | 'before')[]) {}
  async send(message: SmsMessage): Promise<SmsSendResult> {
    this.sends++;
    const fate = this.lost.shift();
    if (fate === 'after') await this.real.send(message);
    if (fate) return { ok: false, code: null, message: 'Twilio did not answer in time', status: 0, retryable: true, unconfirmed: true };
    return this.real.send(message);
  }
  findSent(query: { to: string; body: string; since: Date }) {
    return this.real.findSent(query);
  }
}

function smsWith(h: Harness, sender: SmsSender, now: Date) {
  const clock = { at: now, now: () => clock.at };
  const logger = createLogger('info');
  const sms = createSmsService({
    db: h.db,
    clock,
    sender,
    logger,
    events: createCoachEvents(logger),
    audit: createAuditService(h.db, null),
    orgPlan: membershipOf(h),
  });
  return { sms, set: (d: Date) => (clock.at = d) };
}

describe('an SMS send Twilio did not answer', () => {
  it('accepted by Twilio, then the answer lost: the retry finds it and sends nothing more', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Una Answered');
    const sender = new LostAnswers(['after']);
    const start = new Date('2027-05-01T18:00:00Z');
    const t = smsWith(h, sender, start);
    const first = await t.sms.sendToClient({ orgId: w.orgId, clientId: client.id, body: 'See you Tuesday.', kind: 'manual', key: 'tue' });
    expect(first).toMatchObject({ status: 'scheduled', reason: UNCONFIRMED });
    expect(await sandbox.messages(client.phone)).toHaveLength(1);

    t.set(new Date(start.getTime() + retryDelayMs(1, first.messageId)));
    await t.sms.tick();
    const atTwilio = await sandbox.messages(client.phone);
    expect(atTwilio).toHaveLength(1);
    expect(sender.sends).toBe(1);
    const row = (await w.messages(client.id)).find((m) => m.id === first.messageId)!;
    expect(row).toMatchObject({ status: 'sent', reason: null, error: null });
  });

  it('never reached Twilio: the retry finds nothing and sends it once', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Noor Nothing');
    const sender = new LostAnswers(['before']);
    const start = new Date('2027-05-01T18:00:00Z');
    const t = smsWith(h, sender, start);
    const first = await t.sms.sendToClient({ orgId: w.orgId, clientId: client.id, body: 'Moved to 6 pm.', kind: 'manual', key: 'six' });
    expect(first).toMatchObject({ status: 'scheduled', reason: UNCONFIRMED });
    expect(await sandbox.messages(client.phone)).toHaveLength(0);

    t.set(new Date(start.getTime() + retryDelayMs(1, first.messageId)));
    await t.sms.tick();
    expect(await sandbox.messages(client.phone)).toHaveLength(1);
    expect((await w.messages(client.id)).find((m) => m.id === first.messageId)).toMatchObject({ status: 'sent' });
  });

  it('the same words sent earlier by another message of ours are not taken for this one', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Tess Twice');
    const start = new Date('2027-05-01T18:00:00Z');
    // One "OK" went out and is ours; a second "OK" gets no answer before Twilio took it.
    const ok = smsWith(h, new LostAnswers([]), start);
    expect(await ok.sms.sendToClient({ orgId: w.orgId, clientId: client.id, body: 'OK', kind: 'manual', key: 'ok-1' })).toMatchObject({
      status: 'sent',
    });
    const t = smsWith(h, new LostAnswers(['before']), start);
    const second = await t.sms.sendToClient({ orgId: w.orgId, clientId: client.id, body: 'OK', kind: 'manual', key: 'ok-2' });
    expect(second.status).toBe('scheduled');
    t.set(new Date(start.getTime() + retryDelayMs(1, second.messageId)));
    await t.sms.tick();
    // Both reached the client, each once.
    expect(await sandbox.messages(client.phone)).toHaveLength(2);
    expect((await w.messages(client.id)).filter((m) => m.status === 'sent')).toHaveLength(2);
  });

  it('unconfirmed to the last attempt: failed, saying Twilio may have sent it, and never sent on a guess', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Lou Lost');
    const sender = new LostAnswers(Array(MAX_ATTEMPTS).fill('before'));
    const start = new Date('2027-05-01T18:00:00Z');
    const t = smsWith(h, sender, start);
    const first = await t.sms.sendToClient({ orgId: w.orgId, clientId: client.id, body: 'Rain plan.', kind: 'manual', key: 'rain' });
    let at = start.getTime();
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      at += retryDelayMs(attempt, first.messageId);
      t.set(new Date(at));
      await t.sms.tick();
    }
    expect(sender.sends).toBe(MAX_ATTEMPTS);
    const row = (await w.messages(client.id)).find((m) => m.id === first.messageId)!;
    expect(row).toMatchObject({ status: 'failed', reason: UNCONFIRMED });
    expect(row.error).toContain('Twilio may have sent it');
  });

  it('the Twilio adapter gives up on a held request and calls it unconfirmed, not refused', async () => {
    // A Twilio account of this test's own: the sandbox holds its requests (the fault matches its SID) and no one else's.
    const accountSid = `AC${crypto.randomUUID().replace(/-/g, '')}`;
    // It ends by itself in a few seconds; clearing by prefix would end other files' twilio faults too.
    const fault = { prefix: 'twilio', mode: 'timeout', seconds: 5, match: accountSid };
    await fetch(`${sandboxOrigin()}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    const sender = new TwilioSmsSender({
      apiUrl: e().TWILIO_API_URL,
      accountSid,
      authToken: 'irrelevant',
      fromNumber: '+15005550006',
      timeoutMs: 300,
    });
    const t0 = Date.now();
    const r = await sender.send({ to: '+15005550199', body: 'held' });
    expect(r).toMatchObject({ ok: false, retryable: true, unconfirmed: true, status: 0 });
    expect(Date.now() - t0).toBeLessThan(4_000);
  });
});
