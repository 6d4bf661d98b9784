// RFC 8030 §5 push requests: `POST /push/<subscription-id>` with VAPID, TTL, Urgency, Topic and an aes128gcm
// body. Answers as a push service does (201 + Location, 404, 410, 413, 429 + Retry-After, 400/401/403), and
// decrypts what it accepts with the subscription's keys into the outbox.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decryptAes128gcm, PushDecryptError } from './rfc8291.ts';
import type { PushState, Subscription, Urgency } from './state.ts';
import { verifyVapid } from './vapid.ts';

/** RFC 8030 §7.2: a push service must accept 4096 octets of body; this one accepts no more, like most. */
export const MAX_PUSH_BODY = 4096;
const URGENCIES = new Set<Urgency>(['very-low', 'low', 'normal', 'high']);
// RFC 8030 §5.4: at most 32 characters of the URL and filename safe base64 alphabet.
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const SUBSCRIPTION_PATH = /^\/push\/([0-9a-f-]{36})$/;

export function pushError(res: ServerResponse, status: number, error: string, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ code: status, error, message }));
}

async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep reading (so the client sees the answer, not a reset) but stop buffering.
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? null : Buffer.concat(chunks);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function textFields(text: string): Pick<import('./state.ts').PushMessage, 'data' | 'title' | 'body' | 'link'> {
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch {
    return { data: null, title: null, body: text || null, link: null };
  }
  const obj = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const inner = (obj.data && typeof obj.data === 'object' ? obj.data : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    data,
    title: str(obj.title),
    body: str(obj.body),
    link: str(obj.link) ?? str(obj.url) ?? str(inner.link) ?? str(inner.url),
  };
}

/** Handles `POST /push/<id>`; false when the path is not a push resource. */
export async function handlePush(state: PushState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const match = SUBSCRIPTION_PATH.exec(url.pathname);
  if (!match || req.method !== 'POST') return false;
  const id = match[1]!;
  const sub = state.subscriptions.get(id);
  const body = await readRaw(req, MAX_PUSH_BODY);
  if (!sub) {
    state.unknown.push({ id, at: new Date().toISOString() });
    pushError(res, 404, 'not_found', 'No such subscription.');
    return true;
  }
  const answer = (status: number, error: string, message: string, headers?: Record<string, string>) => {
    sub.requests.push({ at: new Date().toISOString(), status, reason: message });
    pushError(res, status, error, message, headers);
    return true;
  };
  if (sub.gone) return answer(410, 'gone', 'The subscription has expired or was unsubscribed.');
  const scripted = sub.next.shift();
  if (scripted && scripted.status !== 201) {
    const headers: Record<string, string> = scripted.status === 429 ? { 'retry-after': String(scripted.retryAfter ?? 1) } : {};
    if (scripted.status === 410) sub.gone = true;
    return answer(scripted.status, 'scripted', `Scripted answer ${scripted.status}.`, headers);
  }
  if (!body) return answer(413, 'payload_too_large', `The body is larger than ${MAX_PUSH_BODY} octets.`);
  return accept(state, sub, req, res, body, answer);
}

function accept(
  state: PushState,
  sub: Subscription,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  answer: (status: number, error: string, message: string) => boolean,
): boolean {
  const origin = new URL(sub.endpoint).origin;
  const vapid = verifyVapid(header(req, 'authorization'), origin, { applicationServerKey: sub.applicationServerKey });
  if (!vapid.ok) return answer(vapid.status, 'vapid', vapid.reason);
  const ttlText = header(req, 'ttl');
  if (ttlText === undefined || !/^\d{1,10}$/.test(ttlText.trim()))
    return answer(400, 'ttl', 'The TTL header is required: seconds, a non-negative integer.');
  const urgency = (header(req, 'urgency')?.trim().toLowerCase() ?? 'normal') as Urgency;
  if (!URGENCIES.has(urgency)) return answer(400, 'urgency', 'Urgency is one of very-low, low, normal, high.');
  const topic = header(req, 'topic')?.trim() ?? null;
  if (topic !== null && !TOPIC.test(topic)) return answer(400, 'topic', 'Topic is at most 32 characters of base64url.');
  let plaintext = Buffer.alloc(0);
  let padding = 0;
  let recordSize = 0;
  if (body.length > 0) {
    const encoding = header(req, 'content-encoding')?.trim().toLowerCase();
    if (encoding !== 'aes128gcm')
      return answer(400, 'content_encoding', `Content-Encoding must be aes128gcm (RFC 8291), not ${encoding ?? 'absent'}.`);
    // The bench's sample: accepted with its VAPID verified, recorded as a request, its body left sealed (not in the outbox).
    if (!state.decryptNext()) {
      sub.requests.push({ at: new Date().toISOString(), status: 201, reason: 'not decrypted (bench sample)' });
      res.writeHead(201, { location: `${origin}/push/message/${randomUUID()}`, ttl: ttlText.trim(), 'content-length': '0' });
      res.end();
      return true;
    }
    try {
      const out = decryptAes128gcm(body, sub.keys);
      plaintext = out.plaintext;
      padding = out.paddingLength;
      recordSize = out.steps.recordSize;
    } catch (err) {
      if (err instanceof PushDecryptError) return answer(400, 'decryption', `aes128gcm: ${err.message}.`);
      throw err;
    }
  }
  const text = plaintext.toString('utf8');
  const ttl = Number(ttlText.trim());
  const message = state.accept({
    id: randomUUID(),
    subscription: sub.id,
    receivedAt: new Date().toISOString(),
    ttl,
    urgency,
    topic,
    text,
    ...textFields(text),
    bytes: { body: body.length, plaintext: plaintext.length, padding, recordSize },
    vapid: { sub: String(vapid.claims.sub), aud: vapid.claims.aud, exp: vapid.claims.exp, key: vapid.key },
    deliveredAt: null,
  });
  sub.requests.push({ at: message.receivedAt, status: 201 });
  res.writeHead(201, { location: `${origin}/push/message/${message.id}`, ttl: String(ttl), 'content-length': '0' });
  res.end();
  return true;
}
