import { toBase64Url } from '../../../lib/crypto';
import { isUuid } from '../../../lib/ids';
import { keyRing, RetiredKeyError } from '../../../lib/key-ring';
import { LOCKED_EMAIL } from '../preferences/notification-preferences';
import type { Category } from '../notification-types';

/**
 * The signed token of an email's unsubscribe links: format and key version, user, the categories the email
 * was about (a daily summary can carry several) and the delivery it came in. Binary and fixed-size, so a
 * link stays short (88 characters, no padding bits, so one token has one spelling) and any change of length
 * or alphabet is refused before the MAC is computed.
 *
 *   [0] 0x80 | key version (1–127) · [1..16] user id · [17] category bits · [18..33] delivery id · [34..65] HMAC-SHA-256
 *
 * Links mailed before key rings (ADR 040) carry 1 in byte 0 (format 1, without a key version): they were
 * signed with the key that is now v1 and keep working while v1 is in the ring.
 */
export interface UnsubscribeClaims {
  userId: string;
  categories: Category[];
  deliveryId: string;
}

const LEGACY_FORMAT = 1;
/** Byte 0's high bit marks the keyed format; its low seven bits are the key version. */
const KEYED = 0x80;
const PAYLOAD_BYTES = 34;
const MAC_BYTES = 32;
export const TOKEN_LENGTH = Math.ceil(((PAYLOAD_BYTES + MAC_BYTES) * 8) / 6);

/** Fixed bits, never renumbered: links already in inboxes carry them. */
const CATEGORY_BITS: Record<Category, number> = { plan: 1, analysis: 2, load: 4, coach: 8, account: 16, social: 32 };
const ALL_BITS = Object.values(CATEGORY_BITS).reduce((a, b) => a | b, 0);

/** Why a token was refused (for tests and logs; the caller answers one TOKEN_INVALID either way). */
export type TokenProblem = 'malformed' | 'version' | 'retired-key' | 'signature' | 'categories';

// The MAC covers a domain label too, so the secret can never sign something another feature accepts.
const DOMAIN = new TextEncoder().encode('cadence/unsubscribe/v1\n');
const keys = new Map<string, Promise<CryptoKey>>();
const keyFor = (secret: string) => {
  let k = keys.get(secret);
  if (!k) {
    k = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, k);
  }
  return k;
};
const macInput = (payload: Uint8Array) => {
  const out = new Uint8Array(DOMAIN.length + payload.length);
  out.set(DOMAIN);
  out.set(payload, DOMAIN.length);
  return out;
};

const uuidBytes = (id: string) => Uint8Array.from(id.replace(/-/g, '').match(/../g)!, (h) => Number.parseInt(h, 16));
const uuidOf = (b: Uint8Array) => {
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const fromBase64Url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** A payload naming the key version that will sign it (1 unless a ring says otherwise). */
export function encodeClaims(claims: UnsubscribeClaims, keyVersion = 1): Uint8Array {
  if (!isUuid(claims.userId) || !isUuid(claims.deliveryId)) throw new Error('unsubscribe token ids must be uuids');
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > 127) throw new Error('unsubscribe key versions run 1 to 127');
  const payload = new Uint8Array(PAYLOAD_BYTES);
  payload[0] = KEYED | keyVersion;
  payload.set(uuidBytes(claims.userId), 1);
  payload[17] = claims.categories.reduce((bits, c) => bits | CATEGORY_BITS[c], 0);
  payload.set(uuidBytes(claims.deliveryId), 18);
  return payload;
}

/** The key version a payload is signed with: byte 0's low bits in the keyed format, else v1 (format 1 and unknown ones). */
const keyVersionOf = (payload: Uint8Array) => (payload[0]! & KEYED ? payload[0]! & ~KEYED : 1);

/**
 * Signs any payload with the ring's key of the version it names; `mintUnsubscribeToken` is the guarded way in
 * (tests use this to forge edge cases, legacy links included).
 */
export async function signPayload(payload: Uint8Array, secret: string): Promise<string> {
  const key = keyRing(secret).get(keyVersionOf(payload));
  if (!key) throw new RetiredKeyError('UNSUBSCRIBE_SECRET', keyVersionOf(payload));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(key.secret), macInput(payload)));
  const token = new Uint8Array(payload.length + mac.length);
  token.set(payload);
  token.set(mac, payload.length);
  return toBase64Url(token);
}

/** A link's token, signed with the ring's newest key. Refuses billing and security categories: their email cannot be turned off, so no link may say so. */
export async function mintUnsubscribeToken(claims: UnsubscribeClaims, secret: string): Promise<string> {
  if (claims.categories.length === 0) throw new Error('an unsubscribe token names at least one category');
  const locked = claims.categories.filter((c) => LOCKED_EMAIL.has(c));
  if (locked.length) throw new Error(`no unsubscribe token for a locked category (${locked.join(', ')})`);
  return signPayload(encodeClaims(claims, keyRing(secret).newest.version), secret);
}

/** The claims of a genuine token, or why not. `crypto.subtle.verify` compares the MAC in constant time. */
export async function readUnsubscribeToken(token: string, secret: string): Promise<UnsubscribeClaims | { problem: TokenProblem }> {
  if (token.length !== TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return { problem: 'malformed' };
  const bytes = fromBase64Url(token);
  if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES) return { problem: 'malformed' };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  const key = keyRing(secret).get(keyVersionOf(payload));
  if (!key) return { problem: 'retired-key' };
  const ok = await crypto.subtle.verify('HMAC', await keyFor(key.secret), bytes.subarray(PAYLOAD_BYTES), macInput(payload));
  if (!ok) return { problem: 'signature' };
  // Checked after the MAC: only our own (older or newer) tokens get this far.
  if (payload[0] !== LEGACY_FORMAT && !(payload[0]! & KEYED)) return { problem: 'version' };
  const bits = payload[17]!;
  const categories = (Object.keys(CATEGORY_BITS) as Category[]).filter((c) => bits & CATEGORY_BITS[c]);
  if (bits === 0 || bits & ~ALL_BITS || categories.some((c) => LOCKED_EMAIL.has(c))) return { problem: 'categories' };
  return { userId: uuidOf(payload.subarray(1, 17)), categories, deliveryId: uuidOf(payload.subarray(18, 34)) };
}
