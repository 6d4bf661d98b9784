// The keyed pseudonym of a deleted account: HMAC-SHA256 of its id under a secret, shaped as a UUID (version 8,
// "custom") so it fits the audit log's uuid column. Stable for one key, so audit history stays countable per
// person and a receipt can be found again by whoever still knows the id; unlinkable without the key (ADR 042).

const encoder = new TextEncoder();
/** A distinct label: the same secret used elsewhere (token encryption) never yields these bytes. */
const LABEL = 'cadence/pseudonym/v1:';

export async function pseudonymOf(secret: string, userId: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(LABEL + userId.toLowerCase())));
  const b = mac.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
