// Polar-Webhook-Signature: the hex HMAC-SHA256 of the raw request body, keyed with the webhook's
// signature_secret_key. Checked with `crypto.subtle.verify`, which compares the MAC in constant time.
const encoder = new TextEncoder();

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export async function verifyPolarSignature(secret: string, rawBody: string, signature: string | null): Promise<boolean> {
  const mac = signature ? hexBytes(signature.trim()) : null;
  if (!mac) return false;
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, mac, encoder.encode(rawBody));
}
