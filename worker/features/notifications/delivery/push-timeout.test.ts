// A push the service did not answer (held, cut) may have reached the device anyway: the retry carries the same
// Topic (the push service keeps one undelivered copy, RFC 8030 §5.4) and the same tag (the device replaces
// the first instead of showing it twice), spaced by backoff with the row's jitter.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../env';
import { jittered } from '../../../lib/backoff';
import { WebPushSender } from '../../../providers/push/push.http';
import { Harness } from '../../../testing/harness';
import { athleteIn } from '../notifications.testing';
import { browserKeys, pushRowsOf, pushServicesAt, ScriptedPush } from '../push/push.testing';

const T0 = new Date('2027-01-12T10:00:00Z');

describe('a push the service did not answer', () => {
  it('is retried after backoff with the same topic and tag, so a copy that did arrive is replaced, not doubled', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const push = new ScriptedPush();
    const s = pushServicesAt(h, T0, push);
    await s.pushSubscriptions.subscribe(a.user.id, {
      installId: crypto.randomUUID(),
      endpoint: `https://push.example.com/send/${crypto.randomUUID()}`,
      keys: await browserKeys(),
    });
    push.script.push({ outcome: 'error', status: null });
    const data = { conversationId: crypto.randomUUID(), proposalId: crypto.randomUUID(), summary: 'Swap Tuesday and Thursday.' };
    await s.notifications.handleEvent({ kind: 'event', userId: a.user.id, type: 'coach.proposal', dedupeKey: `t:${a.user.id}`, data });
    const [row] = await pushRowsOf(h, a.user.id);
    expect(row).toMatchObject({ status: 'scheduled', lastError: 'push service answered network' });
    const due = T0.getTime() + jittered(30_000, row!.id);
    expect(row!.dueAt.getTime()).toBe(due);

    s.clock.set(new Date(due - 1));
    expect(await s.notifications.sweepDue(s.clock.now())).toBe(0);
    s.clock.set(new Date(due));
    expect(await s.notifications.sweepDue(s.clock.now())).toBe(1);
    for (const m of s.queued.splice(0)) await s.notifications.deliver((m as { deliveryId: string }).deliveryId);
    expect(push.sent).toHaveLength(2);
    const [first, again] = push.sent.map((p) => p.message);
    expect(again!.topic).toBe(first!.topic);
    expect(JSON.parse(again!.payload).tag).toBe(row!.id);
    expect(JSON.parse(first!.payload).tag).toBe(row!.id);
    expect((await pushRowsOf(h, a.user.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('the push adapter gives up on a held request and calls it an error to retry', async () => {
    // A subscription path of this test's own: the sandbox holds its requests (the fault matches it) and no one else's.
    const id = `held-${crypto.randomUUID()}`;
    const origin = new URL(parseEnv(env).EMAIL_API_URL).origin;
    await fetch(`${origin}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: 'push', mode: 'timeout', seconds: 5, match: id }),
    });
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
    const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
    const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
    const publicKey = btoa(String.fromCharCode(...raw))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const sender = new WebPushSender(
      { publicKey, privateKey: jwk.d!, subject: 'mailto:ops@cadence.example' },
      { allowHttp: true, timeoutMs: 300 },
    );
    const keys = await browserKeys();
    const t0 = Date.now();
    const r = await sender.send(
      { endpoint: `${origin}/push/${id}`, p256dh: keys.p256dh, auth: keys.auth },
      { payload: '{"title":"held"}', ttl: 60, urgency: 'normal', topic: 'held' },
    );
    expect(r).toEqual({ outcome: 'error', status: null });
    expect(Date.now() - t0).toBeLessThan(4_000);
  });
});
