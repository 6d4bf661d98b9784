// The push sandbox over its TLS port, driven by the sender library the worker uses (@block65/webcrypto-web-push,
// here in Node): 201 with Location and a decrypted outbox, Topic collapsing, 404/410/413/429 on demand, and
// each VAPID problem answered 400/401/403 (RFC 8292 §4.2).
import { generateKeyPairSync, sign } from 'node:crypto';
import { request } from 'node:https';
import { buildPushPayload } from '@block65/webcrypto-web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server.ts';
import type { PushSubscriptionJson } from './index.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.push.clear());

function vapidKeys() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  const publicKey = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]).toString(
    'base64url',
  );
  return { subject: 'mailto:ops@cadence.example', publicKey, privateKey: jwk.d!, keyObject: privateKey };
}
const VAPID = vapidKeys();

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** POSTs over the sandbox's TLS port, trusting only its certificate. */
function post(url: string, headers: Record<string, string>, body: Uint8Array | Buffer = Buffer.alloc(0)): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', headers, ca: sandbox.push.certificate },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(Buffer.from(body));
  });
}

async function push(
  sub: PushSubscriptionJson,
  data: unknown,
  options: { ttl?: number; urgency?: 'low' | 'normal' | 'high'; topic?: string } = { ttl: 60 },
  vapid = VAPID,
) {
  const payload = await buildPushPayload({ data: data as never, options: options as never }, sub, vapid);
  return post(sub.endpoint, payload.headers, payload.body);
}

/** A JWT signed by hand, to try claims the library would never produce. */
function jwt(claims: Record<string, unknown>, keys = VAPID, header: Record<string, unknown> = { typ: 'JWT', alg: 'ES256' }) {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${enc(header)}.${enc(claims)}`;
  const signature = sign('sha256', Buffer.from(data), { key: keys.keyObject, dsaEncoding: 'ieee-p1363' });
  return `vapid t=${data}.${signature.toString('base64url')}, k=${keys.publicKey}`;
}

describe('push sandbox: accepted messages', () => {
  it('answers 201 with Location and TTL, and keeps the decrypted message with its headers', async () => {
    const sub = sandbox.push.createSubscription();
    expect(sub.endpoint.startsWith(`${sandbox.push.origin}/push/`)).toBe(true);
    expect(sandbox.push.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await push(
      sub,
      { title: 'Coach Ana', body: 'New message', link: '/coach' },
      { ttl: 3600, urgency: 'high', topic: 'coach-message' },
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.location).toMatch(new RegExp(`^${sandbox.push.origin}/push/message/[0-9a-f-]{36}$`));
    expect(answer.headers.ttl).toBe('3600');
    const [message] = sandbox.push.outbox(sub.endpoint);
    expect(message).toMatchObject({
      title: 'Coach Ana',
      body: 'New message',
      link: '/coach',
      ttl: 3600,
      urgency: 'high',
      topic: 'coach-message',
      vapid: { sub: 'mailto:ops@cadence.example', aud: sandbox.push.origin, key: VAPID.publicKey },
      bytes: { body: 4096, recordSize: 4096 },
    });
    expect(sandbox.push.subscription(sub.endpoint)?.requests.map((r) => r.status)).toEqual([201]);
  });

  it('a message with the same Topic replaces the queued one; other topics and delivered ones stay', async () => {
    const sub = sandbox.push.createSubscription();
    await push(sub, { title: 'Plan ready 1' }, { ttl: 60, topic: 'plan' });
    await push(sub, { title: 'Analysis' }, { ttl: 60, topic: 'analysis' });
    const second = await push(sub, { title: 'Plan ready 2' }, { ttl: 60, topic: 'plan' });
    expect(second.status).toBe(201);
    const titles = () => sandbox.push.outbox(sub.endpoint).map((m) => m.title);
    expect(titles()).toEqual(['Plan ready 2', 'Analysis']);
    expect(sandbox.push.outbox(sub.endpoint)[0]!.replaced).toHaveLength(1);
    sandbox.push.markDelivered(sandbox.push.outbox(sub.endpoint)[0]!.id);
    await push(sub, { title: 'Plan ready 3' }, { ttl: 60, topic: 'plan' });
    expect(titles()).toEqual(['Plan ready 3', 'Plan ready 2', 'Analysis']);
  });

  it('accepts an empty push (no body) with TTL and VAPID', async () => {
    const sub = sandbox.push.createSubscription();
    const auth = jwt({ aud: sandbox.push.origin, exp: Math.floor(Date.now() / 1000) + 3600, sub: 'mailto:ops@cadence.example' });
    expect((await post(sub.endpoint, { authorization: auth, ttl: '0' })).status).toBe(201);
    expect(sandbox.push.outbox(sub.endpoint)[0]).toMatchObject({ text: '', ttl: 0, urgency: 'normal', topic: null });
  });
});

describe('push sandbox: the bench sample', () => {
  it('decrypts one push in n but verifies every one: a wrong key, an expired or forged token is refused each time', async () => {
    const sub = sandbox.push.createSubscription({ applicationServerKey: VAPID.publicKey });
    sandbox.push.decryptOneIn(3);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await push(sub, { title: `n${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
    // The 1st and the 4th were opened; the others are 201 requests with their bodies left sealed.
    expect(sandbox.push.outbox(sub.endpoint).map((m) => m.title)).toEqual(['n3', 'n0']);
    expect(sandbox.push.subscription(sub.endpoint)?.requests.filter((r) => r.reason === 'not decrypted (bench sample)')).toHaveLength(4);

    const exp = Math.floor(Date.now() / 1000) + 3600;
    const claims = { aud: sandbox.push.origin, exp, sub: 'mailto:ops@cadence.example' };
    // These claims with the signature of other claims: a forged token, refused by its signature.
    const signatureOf = (auth: string) => /\.([A-Za-z0-9_-]+), k=/.exec(auth)![1]!;
    const good = jwt(claims);
    const forged = good.replace(signatureOf(good), signatureOf(jwt({ ...claims, sub: 'mailto:other@cadence.example' })));
    for (let i = 0; i < 3; i++) {
      expect((await push(sub, { title: 'x' }, { ttl: 60 }, vapidKeys())).status).toBe(403);
      expect((await post(sub.endpoint, { authorization: jwt({ ...claims, exp: exp - 7200 }), ttl: '0' })).status).toBe(403);
      expect((await post(sub.endpoint, { authorization: forged, ttl: '0' })).status).toBe(403);
    }
  });
});

describe('push sandbox: refusals', () => {
  it('404 for an unknown subscription, 410 once it is gone', async () => {
    const sub = sandbox.push.createSubscription();
    const unknown = { ...sub, endpoint: `${sandbox.push.origin}/push/00000000-0000-4000-8000-000000000000` };
    expect((await push(unknown, { title: 'x' })).status).toBe(404);
    sandbox.push.markGone(sub.endpoint);
    expect((await push(sub, { title: 'x' })).status).toBe(410);
    expect((await push(sub, { title: 'x' })).status).toBe(410);
    expect(sandbox.push.subscription(sub.endpoint)?.requests.map((r) => r.status)).toEqual([410, 410]);
    expect(sandbox.push.outbox(sub.endpoint)).toEqual([]);
  });

  it('answers scripted statuses in order, 429 with Retry-After, then normally', async () => {
    const sub = sandbox.push.createSubscription();
    sandbox.push.setNext(sub.endpoint, [{ status: 429, retryAfter: 7 }, 429, 201, 410]);
    const first = await push(sub, { title: 'x' });
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('7');
    expect((await push(sub, { title: 'x' })).headers['retry-after']).toBe('1');
    expect((await push(sub, { title: 'x' })).status).toBe(201);
    expect((await push(sub, { title: 'x' })).status).toBe(410);
    // A scripted 410 is for good, as a real expiry.
    expect((await push(sub, { title: 'x' })).status).toBe(410);
  });

  it('413 for a body over 4096 octets', async () => {
    const sub = sandbox.push.createSubscription();
    const auth = jwt({ aud: sandbox.push.origin, exp: Math.floor(Date.now() / 1000) + 3600, sub: 'mailto:ops@cadence.example' });
    const answer = await post(sub.endpoint, { authorization: auth, ttl: '60', 'content-encoding': 'aes128gcm' }, Buffer.alloc(4097));
    expect(answer.status).toBe(413);
  });

  it('400 without TTL, with a bad Urgency or Topic, another Content-Encoding, or a body that does not decrypt', async () => {
    const sub = sandbox.push.createSubscription();
    const payload = await buildPushPayload({ data: 'hello', options: { ttl: 60 } }, sub, VAPID);
    const headers = payload.headers as Record<string, string>;
    const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
    expect((await post(sub.endpoint, without('ttl'), payload.body)).status).toBe(400);
    expect((await post(sub.endpoint, { ...headers, urgency: 'urgent' }, payload.body)).status).toBe(400);
    expect((await post(sub.endpoint, { ...headers, topic: 'a'.repeat(33) }, payload.body)).status).toBe(400);
    expect((await post(sub.endpoint, { ...headers, topic: 'plan ready' }, payload.body)).status).toBe(400);
    expect((await post(sub.endpoint, { ...headers, 'content-encoding': 'aesgcm' }, payload.body)).status).toBe(400);
    const damaged = Buffer.from(payload.body);
    damaged[200]! ^= 1;
    const answer = await post(sub.endpoint, headers, damaged);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toMatch(/authentication failed/);
    expect(sandbox.push.outbox(sub.endpoint)).toEqual([]);
  });
});

describe('push sandbox: VAPID (RFC 8292)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const good = () => ({ aud: sandbox.push.origin, exp: now() + 12 * 3600, sub: 'mailto:ops@cadence.example' });

  async function status(authorization: string | undefined, opts: { applicationServerKey?: string } = {}) {
    const sub = sandbox.push.createSubscription(opts);
    const headers: Record<string, string> = { ttl: '60' };
    if (authorization !== undefined) headers.authorization = authorization;
    const answer = await post(sub.endpoint, headers);
    return { status: answer.status, message: answer.status === 201 ? '' : (JSON.parse(answer.body).message as string) };
  }

  it('accepts a well-formed token', async () => {
    expect((await status(jwt(good()))).status).toBe(201);
    expect((await status(jwt({ ...good(), sub: 'https://cadence.example/contact' }))).status).toBe(201);
  });

  it('401 with no vapid authentication', async () => {
    expect((await status(undefined)).status).toBe(401);
    expect((await status('Bearer abc')).status).toBe(401);
    expect((await status(`WebPush ${jwt(good()).slice(8)}`)).status).toBe(401);
  });

  it('400 for a malformed header or token', async () => {
    expect((await status(`vapid t=${jwt(good()).split('t=')[1]!.split(',')[0]}`)).status).toBe(400);
    expect((await status(`vapid t=abc.def, k=${VAPID.publicKey}`)).status).toBe(400);
    expect((await status(`vapid t=a.b.c, k=${VAPID.publicKey}`)).status).toBe(400);
    expect((await status(jwt(good()).replace(/k=.*/, 'k=AAAA'))).status).toBe(400);
  });

  it.each([
    ['aud is another origin', () => ({ ...good(), aud: 'https://fcm.googleapis.com' }), /aud is/],
    ['aud carries a path', () => ({ ...good(), aud: `${sandbox.push.origin}/push` }), /aud is/],
    ['exp has passed', () => ({ ...good(), exp: now() - 1 }), /expired/],
    ['exp is more than 24 h away', () => ({ ...good(), exp: now() + 24 * 3600 + 60 }), /24 hours/],
    ['exp is missing', () => ({ aud: sandbox.push.origin, sub: 'mailto:ops@cadence.example' }), /exp/],
    ['sub is missing', () => ({ aud: sandbox.push.origin, exp: now() + 60 }), /no sub/],
    ['sub is mailto:…@localhost', () => ({ ...good(), sub: 'mailto:admin@localhost' }), /local host/],
    ['sub is an https: .local host', () => ({ ...good(), sub: 'https://cadence.local' }), /local host/],
    ['sub is a .invalid address', () => ({ ...good(), sub: 'mailto:ops@cadence.invalid' }), /local host/],
    ['sub is http:', () => ({ ...good(), sub: 'http://cadence.example' }), /mailto: or https:/],
  ])('403 when %s', async (_name, claims, reason) => {
    const answer = await status(jwt(claims()));
    expect(answer.status).toBe(403);
    expect(answer.message).toMatch(reason);
  });

  it('403 for a signature by another key, a non-ES256 alg, or a key the subscription was not created with', async () => {
    const other = vapidKeys();
    const forged = jwt(good(), other).replace(/k=.*/, `k=${VAPID.publicKey}`);
    expect((await status(forged)).message).toMatch(/signature does not verify/);
    expect((await status(jwt(good(), VAPID, { typ: 'JWT', alg: 'HS256' }))).message).toMatch(/ES256/);
    const restricted = await status(jwt(good(), other), { applicationServerKey: VAPID.publicKey });
    expect(restricted).toMatchObject({ status: 403, message: expect.stringMatching(/applicationServerKey/) });
    expect((await status(jwt(good()), { applicationServerKey: VAPID.publicKey })).status).toBe(201);
  });
});

describe('push sandbox: control API and outbox over the plain port (what workerd tests use)', () => {
  const http = async (path: string, init?: RequestInit) => fetch(`${sandbox.url}${path}`, init);
  const postJson = (path: string, body: unknown) =>
    http(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('creates a browser-shaped subscription, scripts its answers, marks it gone, and reads its requests and outbox', async () => {
    const created = await http('/push/subscriptions', { method: 'POST' });
    expect(created.status).toBe(201);
    const sub = (await created.json()) as PushSubscriptionJson;
    expect(Object.keys(sub).sort()).toEqual(['endpoint', 'expirationTime', 'keys']);
    expect(Buffer.from(sub.keys.p256dh, 'base64url')).toHaveLength(65);
    expect(Buffer.from(sub.keys.auth, 'base64url')).toHaveLength(16);

    expect(
      (await postJson('/push/_control/next', { subscription: sub.endpoint, next: [{ status: 429, retryAfter: 9 }, 201] })).status,
    ).toBe(200);
    expect((await push(sub, { title: 'x' })).headers['retry-after']).toBe('9');
    expect((await push(sub, { title: '<b>Long run</b>', body: 'Sunday', link: '/training' })).status).toBe(201);
    expect((await postJson('/push/_control/gone', { subscription: sub.endpoint })).status).toBe(200);
    expect((await push(sub, { title: 'x' })).status).toBe(410);

    const id = sub.endpoint.split('/').pop()!;
    const state = (await (await http(`/push/subscriptions/${id}`)).json()) as { gone: boolean; requests: { status: number }[] };
    expect(state.gone).toBe(true);
    expect(state.requests.map((r) => r.status)).toEqual([429, 201, 410]);
    const outbox = (await (await http(`/push/outbox.json?subscription=${id}`)).json()) as { messages: { title: string }[] };
    expect(outbox.messages.map((m) => m.title)).toEqual(['<b>Long run</b>']);

    const page = await (await http(`/push/outbox?subscription=${id}`)).text();
    expect(page).toContain('&#60;b&#62;Long run&#60;/b&#62;');
    expect(page).not.toContain('<b>Long run');
    expect(page).toContain('urgency normal');

    expect((await http(`/push/subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await push(sub, { title: 'x' })).status).toBe(404);
    expect((await postJson('/push/_control/next', { subscription: id, next: [201] })).status).toBe(404);
    expect((await http('/push/_control/next', { method: 'POST', body: '{not json' })).status).toBe(400);
  });

  it('serves the CA it signs the TLS port with, and the TLS port serves the push service only', async () => {
    expect(await (await http('/push/ca.pem')).text()).toBe(sandbox.push.certificate);
    expect((await post(`${sandbox.push.origin}/email/emails`, {})).status).toBe(404);
  });
});
