// Cross-checks of the push sandbox against independent implementations, offline and in Node:
// - 1,000 payloads encrypted and signed by @block65/webcrypto-web-push (the worker's sender library) for random
//   subscriptions, POSTed over TLS: all answered 201 and decrypted to what was sent; every JWT checked on its own
//   here too (ES256 with k, aud = the endpoint's origin, exp ≤ 24 h);
// - web-push-testing's push model (http_ece + jsonwebtoken) decrypting and verifying the same library output the
//   sandbox decryptor opens, and http_ece's own encryptor (padding, record sizes) opened by the sandbox decryptor.
import { createECDH, createPublicKey, generateKeyPairSync, randomBytes, randomInt, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { Agent, request } from 'node:https';
import { buildPushPayload } from '@block65/webcrypto-web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server.ts';
import { decryptAes128gcm, receiverKeysFrom } from './rfc8291.ts';

const require = createRequire(import.meta.url);
// CommonJS packages without types: the mock push service's model and the encrypted-content-encoding library.
const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as {
  PushApiModel: new () => {
    subscriptions: Record<string, { subscriptionDh: { getPrivateKey: () => Buffer }; auth: string }>;
    notifyUrl: string;
    subscribe: (o: {
      applicationServerKey: string;
    }) => Promise<{ endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string }>;
    handleNotification: (hash: string, headers: Record<string, string>, body: Buffer) => Promise<void>;
    getNotifications: (o: { clientHash: string }) => { messages: string[] };
  };
};
const ece = require('http_ece') as { encrypt: (data: Buffer, params: Record<string, unknown>) => Buffer };

let sandbox: RunningSandbox;
let agent: Agent;
beforeAll(async () => {
  sandbox = await startSandbox();
  agent = new Agent({ keepAlive: true, maxSockets: 16, ca: sandbox.push.certificate });
});
afterAll(async () => {
  agent.destroy();
  await sandbox.stop();
});

function vapidKeys(subject: string) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  const publicKey = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]).toString(
    'base64url',
  );
  return { subject, publicKey, privateKey: jwk.d! };
}

/** Random text of up to `max` UTF-8 octets, with multi-byte characters (é, ✓, 🏃) in the mix. */
function randomText(max: number): string {
  const alphabet = ['a', 'Z', '7', ' ', '"', '\\', 'é', '✓', '🏃', '\n'];
  let text = '';
  const target = randomInt(0, max + 1);
  while (true) {
    const next = text + alphabet[randomInt(alphabet.length)];
    if (Buffer.byteLength(next) > target) return text;
    text = next;
  }
}

function post(url: string, headers: Record<string, string>, body: Uint8Array): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(Buffer.from(body));
  });
}

/** The JWT checked independently of the sandbox: ES256 by k, aud, exp ≤ 24 h, sub. */
function checkJwt(authorization: string, endpoint: string, subject: string) {
  const [, t, k] = /^vapid t=([^,]+), k=(.+)$/.exec(authorization) ?? [];
  const [head, claims, signature] = t!.split('.');
  const raw = Buffer.from(k!, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const ok = verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'));
  const body = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  const left = body.exp - Date.now() / 1000;
  return ok && body.aud === new URL(endpoint).origin && left > 0 && left <= 24 * 3600 && body.sub === subject;
}

describe('push sandbox × @block65/webcrypto-web-push', () => {
  it('1,000 payloads for random subscriptions: every JWT verifies, every push is answered 201 and decrypts to what was sent', async () => {
    const senders = Array.from({ length: 5 }, (_, i) =>
      vapidKeys(i % 2 ? `mailto:ops${i}@cadence.example` : `https://cadence.example/contact/${i}`),
    );
    const cases = Array.from({ length: 1000 }, (_, i) => ({
      vapid: senders[i % senders.length]!,
      sub: sandbox.push.createSubscription(),
      // The library pads every record to 4,096 octets: 3,993 octets of plaintext at most.
      text: i === 0 ? '' : i === 1 ? 'x'.repeat(3993) : randomText(i % 10 === 0 ? 3993 : 300),
    }));
    let badJwts = 0;
    const statuses: number[] = [];
    // Twenty at a time: enough to overlap the TLS round trips, few enough for a small machine.
    for (let start = 0; start < cases.length; start += 20) {
      const batch = cases.slice(start, start + 20);
      statuses.push(
        ...(await Promise.all(
          batch.map(async (c) => {
            const payload = await buildPushPayload({ data: c.text, options: { ttl: 120 } }, c.sub, c.vapid);
            if (!checkJwt(payload.headers.authorization, c.sub.endpoint, c.vapid.subject)) badJwts++;
            return post(c.sub.endpoint, payload.headers, payload.body);
          }),
        )),
      );
    }
    expect(badJwts).toBe(0);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const wrong = cases.filter((c) => {
      const [message] = sandbox.push.outbox(c.sub.endpoint);
      return message?.text !== c.text || message.bytes.body !== 4096;
    });
    expect(wrong).toEqual([]);
  });
});

describe('push sandbox × web-push-testing (http_ece, jsonwebtoken)', () => {
  it('the mock push service and the sandbox decryptor open the same 200 library payloads to the same text', async () => {
    const model = new PushApiModel();
    model.notifyUrl = 'http://localhost:9/notify/';
    const vapid = vapidKeys('mailto:ops@cadence.example');
    for (let i = 0; i < 200; i++) {
      const sub = await model.subscribe({ applicationServerKey: vapid.publicKey });
      const text = randomText(1000);
      // The library only builds for https: endpoints; the model checks the JWT's signature, not its aud.
      const payload = await buildPushPayload(
        { data: text, options: { ttl: 60 } },
        { ...sub, endpoint: 'https://push.example/x', expirationTime: null },
        vapid,
      );
      await model.handleNotification(
        sub.clientHash,
        { encoding: 'aes128gcm', authorization: payload.headers.authorization, ttl: '60' },
        Buffer.from(payload.body),
      );
      const theirs = model.getNotifications({ clientHash: sub.clientHash }).messages[0];
      const state = model.subscriptions[sub.clientHash]!;
      const keys = receiverKeysFrom(state.subscriptionDh.getPrivateKey(), Buffer.from(sub.keys.auth, 'base64url'));
      const ours = decryptAes128gcm(Buffer.from(payload.body), keys).plaintext.toString('utf8');
      expect({ i, theirs, ours }).toEqual({ i, theirs: text, ours: text });
    }
  });

  it("http_ece's encryptor with random padding and record sizes (one record each) opens with the sandbox decryptor", () => {
    for (let i = 0; i < 200; i++) {
      const ua = createECDH('prime256v1');
      const uaPublic = ua.generateKeys();
      const auth = randomBytes(16);
      const as = createECDH('prime256v1');
      as.generateKeys();
      const plaintext = Buffer.from(randomText(500));
      const pad = randomInt(0, 200);
      // A single record needs rs > plaintext + padding + delimiter + tag (RFC 8291 §4).
      const rs = plaintext.length + pad + 17 + randomInt(1, 2000);
      const body = ece.encrypt(plaintext, {
        version: 'aes128gcm',
        privateKey: as,
        dh: uaPublic.toString('base64url'),
        authSecret: auth.toString('base64url'),
        rs,
        pad,
      });
      const out = decryptAes128gcm(body, receiverKeysFrom(ua.getPrivateKey(), auth));
      expect({ i, text: out.plaintext.toString('utf8'), pad: out.paddingLength }).toEqual({ i, text: plaintext.toString('utf8'), pad });
    }
  });
});
