// RFC 8292 (VAPID) as a push service checks it: `Authorization: vapid t=<JWT>, k=<P-256 public key>`, an ES256
// JWT whose `aud` is the push resource's origin, whose `exp` is in the future and at most 24 h away, and whose
// `sub` is a contact (mailto: or https:) that is not a local name — Apple answers 403 for those.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
  [claim: string]: unknown;
}

export type VapidResult =
  | { ok: true; claims: VapidClaims; key: string }
  /** 400 malformed header, 401 no vapid authentication, 403 invalid authentication (RFC 8292 §4.2). */
  | { ok: false; status: 400 | 401 | 403; reason: string };

const MAX_EXP_SECONDS = 24 * 60 * 60;
const B64URL = /^[A-Za-z0-9_-]+$/;
const LOCAL_NAME = /(^|\.)(localhost|local|invalid)$/i;

const fail = (status: 400 | 401 | 403, reason: string): VapidResult => ({ ok: false, status, reason });

/** `vapid t=…, k=…` (parameters in any order); null when the scheme is not vapid. */
export function parseVapidHeader(header: string): { t?: string; k?: string } | null {
  const match = /^vapid\s+(.*)$/is.exec(header.trim());
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const part of match[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0)
      params[part.slice(0, eq).trim().toLowerCase()] = part
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '');
  }
  return { t: params.t, k: params.k };
}

function publicKeyFrom(k: string): KeyObject | null {
  if (!B64URL.test(k.replace(/=+$/, ''))) return null;
  const raw = Buffer.from(k, 'base64url');
  if (raw.length !== 65 || raw[0] !== 0x04) return null;
  try {
    return createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return null;
  }
}

function jsonPart(part: string): Record<string, unknown> | null {
  if (!B64URL.test(part)) return null;
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A contact the push service operator can reach: `mailto:` an address or an `https:` URL, never a local name. */
export function subjectProblem(sub: unknown): string | null {
  if (typeof sub !== 'string' || sub === '') return 'the JWT has no sub claim';
  let host: string;
  if (sub.startsWith('mailto:')) {
    const at = sub.lastIndexOf('@');
    if (at < 8 || at === sub.length - 1) return 'sub is a mailto: without an address';
    host = sub.slice(at + 1);
  } else if (sub.startsWith('https:')) {
    try {
      host = new URL(sub).hostname;
    } catch {
      return 'sub is not a valid https: URL';
    }
  } else return 'sub must be a mailto: or https: URI';
  if (LOCAL_NAME.test(host.replace(/\.$/, ''))) return `sub names a local host (${host}); Apple refuses it`;
  return null;
}

/** Signatures already checked, by token and key: a sender reuses one header per origin for hours. */
const verified = new Map<string, VapidClaims>();
const VERIFIED_CAP = 5000;

/**
 * Checks a request's Authorization header for a push to a resource of origin `audience`; `applicationServerKey`
 * restricts the subscription to one key (RFC 8292 §3.2). `now` in ms.
 */
export function verifyVapid(
  header: string | undefined,
  audience: string,
  opts: { now?: number; applicationServerKey?: string | null } = {},
): VapidResult {
  if (!header) return fail(401, 'no Authorization header: vapid authentication is required');
  const params = parseVapidHeader(header);
  if (!params) return fail(401, 'the Authorization scheme is not vapid');
  const { t, k } = params;
  if (!t || !k) return fail(400, 'the vapid Authorization needs both t= and k=');
  const key = publicKeyFrom(k);
  if (!key) return fail(400, 'k is not an uncompressed P-256 public key in base64url');
  if (opts.applicationServerKey && Buffer.from(opts.applicationServerKey, 'base64url').compare(Buffer.from(k, 'base64url')) !== 0)
    return fail(403, 'k is not the applicationServerKey this subscription was created with');
  const cacheKey = `${k} ${t}`;
  let claims = verified.get(cacheKey);
  if (!claims) {
    const parts = t.split('.');
    if (parts.length !== 3) return fail(400, 't is not a JWT (three base64url parts)');
    const head = jsonPart(parts[0]!);
    const body = jsonPart(parts[1]!);
    if (!head || !body || !B64URL.test(parts[2]!)) return fail(400, 't is not a JWT (base64url JSON header and claims)');
    if (head.alg !== 'ES256') return fail(403, `the JWT alg is ${String(head.alg)}, VAPID requires ES256`);
    const signature = Buffer.from(parts[2]!, 'base64url');
    // JWS ES256 signatures are r || s, 64 octets (RFC 7518 §3.4), not DER.
    const good =
      signature.length === 64 && verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key, dsaEncoding: 'ieee-p1363' }, signature);
    if (!good) return fail(403, 'the JWT signature does not verify with k');
    claims = body as VapidClaims;
    if (verified.size >= VERIFIED_CAP) verified.clear();
    verified.set(cacheKey, claims);
  }
  if (claims.aud !== audience) return fail(403, `aud is ${JSON.stringify(claims.aud)}, the push resource's origin is ${audience}`);
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return fail(403, 'the JWT has no numeric exp claim');
  if (claims.exp <= now) return fail(403, 'the JWT has expired');
  if (claims.exp - now > MAX_EXP_SECONDS) return fail(403, 'exp is more than 24 hours away');
  const subject = subjectProblem(claims.sub);
  if (subject) return fail(403, subject);
  return { ok: true, claims, key: k };
}
