import { toBase64Url } from './crypto';

// Compact HMAC-SHA-256 signed JSON ("<payload b64url>.<mac b64url>") for short-lived values such
// as the OAuth `state`. Expiry is inside the payload; single use is enforced by the caller.
const encoder = new TextEncoder();

const fromBase64Url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

export async function signToken(payload: Record<string, unknown>, secret: string): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body));
  return `${body}.${toBase64Url(new Uint8Array(mac))}`;
}

/** The payload when the signature is valid, else null. `crypto.subtle.verify` compares in constant time. */
export async function verifyToken(token: string, secret: string): Promise<Record<string, unknown> | null> {
  const [body, mac] = token.split('.');
  if (!body || !mac || !/^[A-Za-z0-9_-]+$/.test(body + mac)) return null;
  try {
    const ok = await crypto.subtle.verify('HMAC', await hmacKey(secret), fromBase64Url(mac), encoder.encode(body));
    if (!ok) return null;
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(body)));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
