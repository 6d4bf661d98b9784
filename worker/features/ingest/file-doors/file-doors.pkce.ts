import { toBase64Url } from '../../../lib/crypto';
import { keyRing } from '../../../lib/key-ring';

// PKCE without storing the verifier: it is derived from the OAuth state's nonce with our state secret, so the
// callback can recompute it and nobody who sees the state (it travels in URLs) or the code can.
const encoder = new TextEncoder();

/**
 * 43 URL-safe characters (RFC 7636's minimum), HMAC-SHA-256 of the nonce, with the state secret's key of
 * `version` (the one that signed the state; the newest when minting), so a rotation mid-consent still matches.
 */
export async function pkceVerifier(secret: string, nonce: string, version?: number): Promise<string> {
  const ring = keyRing(secret);
  const ringKey = version === undefined ? ring.newest : ring.get(version);
  if (!ringKey) throw new Error(`OAUTH_STATE_SECRET key v${version} is no longer in the ring`);
  const key = await crypto.subtle.importKey('raw', encoder.encode(ringKey.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`pkce:${nonce}`))));
}

/** The S256 challenge of a verifier. */
export async function pkceChallenge(verifier: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(verifier))));
}
