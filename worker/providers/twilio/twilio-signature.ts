// X-Twilio-Signature, as twilio-node's validateRequest: base64(HMAC-SHA1(auth token, URL + each POST
// param name and value, names sorted)). Twilio signs the URL it was configured with, so callers pass
// the public URL (APP_ORIGIN + path + query), never one rebuilt from the Host header.
import type { WebhookVerifier } from './twilio';

const encoder = new TextEncoder();

/** The string Twilio signs: the URL, then name+value of every param in name order. */
export function signingInput(url: string, params: Record<string, string>): string {
  return (
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join('')
  );
}

export async function twilioSignature(authToken: string, url: string, params: Record<string, string>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signingInput(url, params))));
  let bin = '';
  for (const b of mac) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The URL with its default port spelled out, and without it: twilio-node accepts a signature over either. */
function urlVariants(url: string): string[] {
  const u = new URL(url);
  const defaultPort = u.protocol === 'https:' ? '443' : '80';
  if (u.port) {
    if (u.port !== defaultPort) return [url];
    const bare = new URL(url);
    bare.port = '';
    return [url, bare.toString()];
  }
  const withPort = `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.hostname}:${defaultPort}${u.pathname}${u.search}${u.hash}`;
  return [url, withPort];
}

function equalConstantTime(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export class TwilioWebhookVerifier implements WebhookVerifier {
  constructor(private readonly authToken: string) {}

  async verify(url: string, params: Record<string, string>, signature: string): Promise<boolean> {
    if (!signature) return false;
    let ok = false;
    // Every variant is checked (no early exit), so timing does not tell which one matched.
    for (const variant of urlVariants(url)) ok = equalConstantTime(await twilioSignature(this.authToken, variant, params), signature) || ok;
    return ok;
  }
}
