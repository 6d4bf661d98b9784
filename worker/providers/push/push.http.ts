import { encryptNotification } from '@block65/webcrypto-web-push';
import { MAX_PUSH_PAYLOAD_BYTES, type PushMessage, type PushResult, type PushSender, type PushTarget, PushPayloadTooLarge } from './push';

export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** A VAPID JWT lives 12 h (RFC 8292 §2: at most 24 h); it is reused for 11 h, so a cached one never reaches a service expired. */
const JWT_LIFE_S = 12 * 3600;
const JWT_REUSE_MS = 11 * 3600_000;
/** A push service answers in well under a second; a send held past this is retried (its Topic collapses a double). */
const SEND_TIMEOUT_MS = 10_000;

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const utf8 = new TextEncoder();

/**
 * Per isolate, not per sender: every queue batch builds its own services (and so its own sender), so a cache on the
 * instance signed once per batch of 10. The promise is kept, so a batch's ten sends in flight wait for one signature.
 * Keyed by the VAPID pair, subject and push-service origin.
 */
const sharedJwts = new Map<string, { header: Promise<string>; signedAt: number; until: number }>();
const sharedKeys = new Map<string, Promise<CryptoKey>>();

/** Seconds or an HTTP date (RFC 9110 §10.2.3), as milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * RFC 8030 delivery with RFC 8292 VAPID (ES256) and RFC 8291 aes128gcm. The encryption is
 * @block65/webcrypto-web-push's `encryptNotification` (ADR 076); the JWT is signed here so it can be cached per
 * push-service origin (one ECDSA signature per origin every 11 h instead of one per message) and follow our clock.
 */
export class WebPushSender implements PushSender {
  constructor(
    private readonly vapid: VapidConfig,
    private readonly opts: { now?: () => number; allowHttp?: boolean; timeoutMs?: number } = {},
  ) {}

  get publicKey() {
    return this.vapid.publicKey;
  }

  private signingKey() {
    let key = sharedKeys.get(this.vapid.privateKey);
    if (!key) {
      const pub = fromB64url(this.vapid.publicKey);
      key = crypto.subtle.importKey(
        'jwk',
        { kty: 'EC', crv: 'P-256', x: b64url(pub.slice(1, 33)), y: b64url(pub.slice(33, 65)), d: this.vapid.privateKey },
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['sign'],
      );
      sharedKeys.set(this.vapid.privateKey, key);
    }
    return key;
  }

  private cacheKey(origin: string) {
    return `${this.vapid.publicKey} ${this.vapid.subject} ${origin}`;
  }

  /** `vapid t=…, k=…` for a push service origin, from the cache while it is fresh. */
  async authorization(origin: string): Promise<string> {
    const now = this.opts.now?.() ?? Date.now();
    const hit = sharedJwts.get(this.cacheKey(origin));
    // Signed no later than now (a sender on another clock never gets a JWT from its future) and still fresh.
    if (hit && hit.signedAt <= now && hit.until > now) return hit.header;
    const key = this.cacheKey(origin);
    const header = this.sign(origin, now);
    const entry = { header, signedAt: now, until: now + JWT_REUSE_MS };
    sharedJwts.set(key, entry);
    // A failed signature is not kept: the next send tries again.
    header.catch(() => sharedJwts.get(key) === entry && sharedJwts.delete(key));
    return header;
  }

  private async sign(origin: string, now: number): Promise<string> {
    const enc = (o: object) => b64url(utf8.encode(JSON.stringify(o)));
    const unsigned = `${enc({ typ: 'JWT', alg: 'ES256' })}.${enc({ aud: origin, exp: Math.floor(now / 1000) + JWT_LIFE_S, sub: this.vapid.subject })}`;
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, await this.signingKey(), utf8.encode(unsigned));
    return `vapid t=${unsigned}.${b64url(new Uint8Array(sig))}, k=${this.vapid.publicKey}`;
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushResult> {
    const plaintext = utf8.encode(message.payload);
    // Refused before any crypto or network: the service would answer 413 anyway.
    if (plaintext.byteLength > MAX_PUSH_PAYLOAD_BYTES) throw new PushPayloadTooLarge(plaintext.byteLength);
    const url = new URL(target.endpoint);
    if (url.protocol !== 'https:' && !(this.opts.allowHttp && url.protocol === 'http:')) return { outcome: 'rejected', status: 0 };
    const body = await encryptNotification(
      { endpoint: target.endpoint, expirationTime: null, keys: { p256dh: target.p256dh, auth: target.auth } },
      plaintext,
    );
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: await this.authorization(url.origin),
          ttl: String(message.ttl),
          urgency: message.urgency,
          topic: message.topic,
          'content-encoding': 'aes128gcm',
          'content-type': 'application/octet-stream',
        },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? SEND_TIMEOUT_MS),
      });
    } catch {
      return { outcome: 'error', status: null };
    }
    // The body says nothing we act on; read it so the connection is reused.
    await res.body?.cancel();
    if (res.status === 201 || res.status === 200 || res.status === 202) return { outcome: 'sent' };
    if (res.status === 404 || res.status === 410) return { outcome: 'gone', status: res.status };
    if (res.status === 429)
      return { outcome: 'rate_limited', retryAfterMs: retryAfterMs(res.headers.get('retry-after'), this.opts.now?.() ?? Date.now()) };
    if (res.status === 413) return { outcome: 'too_large' };
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      // A stale cached JWT is the likeliest cause of a 401/403: the next send signs afresh.
      sharedJwts.delete(this.cacheKey(url.origin));
      return { outcome: 'rejected', status: res.status };
    }
    return { outcome: 'error', status: res.status };
  }
}
