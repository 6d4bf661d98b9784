import { toBase64Url } from './crypto';
import { keyRing, type KeyRing } from './key-ring';

// Compact HMAC-SHA-256 signed JSON for short-lived values such as the OAuth `state`. Expiry is inside
// the payload; single use is enforced by the caller. The secret is a key ring (ADR 040): tokens read
// "v<key version>.<payload b64url>.<mac b64url>", the MAC covering version and payload; a two-part
// "<payload>.<mac>" from before rings existed is read as signed with v1.
const encoder = new TextEncoder();

const fromBase64Url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, key);
  }
  return key;
}

export async function signToken(payload: Record<string, unknown>, secret: string): Promise<string> {
  const { version, secret: key } = keyRing(secret).newest;
  const signed = `v${version}.${toBase64Url(encoder.encode(JSON.stringify(payload)))}`;
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(key), encoder.encode(signed));
  return `${signed}.${toBase64Url(new Uint8Array(mac))}`;
}

/** The key version a token names (1 for a pre-ring token), or null when it is not shaped like one. */
export function tokenKeyVersion(token: string): number | null {
  const parts = token.split('.');
  if (parts.length === 2) return 1;
  const m = parts.length === 3 ? /^v([1-9]\d{0,5})$/.exec(parts[0]!) : null;
  return m ? Number(m[1]) : null;
}

export type TokenCheck =
  | { ok: true; payload: Record<string, unknown>; version: number }
  | { ok: false; problem: 'malformed' | 'retired-key' | 'signature' };

/** Why a token is refused, or its payload and key version. `crypto.subtle.verify` compares in constant time. */
export async function checkToken(token: string, ring: string | KeyRing): Promise<TokenCheck> {
  const keys = typeof ring === 'string' ? keyRing(ring) : ring;
  const version = tokenKeyVersion(token);
  const parts = token.split('.');
  const body = parts.at(-2);
  const mac = parts.at(-1);
  if (version === null || !body || !mac || !/^[A-Za-z0-9_-]+$/.test(body + mac)) return { ok: false, problem: 'malformed' };
  const key = keys.get(version);
  if (!key) return { ok: false, problem: 'retired-key' };
  const signed = parts.length === 2 ? body : `v${version}.${body}`;
  try {
    const ok = await crypto.subtle.verify('HMAC', await hmacKey(key.secret), fromBase64Url(mac), encoder.encode(signed));
    if (!ok) return { ok: false, problem: 'signature' };
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(body)));
    if (typeof parsed !== 'object' || parsed === null) return { ok: false, problem: 'malformed' };
    return { ok: true, payload: parsed as Record<string, unknown>, version };
  } catch {
    return { ok: false, problem: 'malformed' };
  }
}

/** The payload when the signature is valid under a key still in the ring, else null. */
export async function verifyToken(token: string, secret: string): Promise<Record<string, unknown> | null> {
  const checked = await checkToken(token, secret);
  return checked.ok ? checked.payload : null;
}
