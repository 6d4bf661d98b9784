// PBKDF2-SHA-256 through WebCrypto. No imports, so Node scripts (the demo seed) share it.
// Stored form: "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>", so iterations can be raised later.

/**
 * workerd caps PBKDF2 at 100,000 iterations; that is also the floor wherever real passwords are kept. The count is the
 * deployment's (PASSWORD_ITERATIONS, worker/env.ts): only tests and development may lower it.
 */
export const PASSWORD_ITERATIONS = 100_000;
const KEY_BITS = 256;
const SALT_BYTES = 16;
const SCHEME = 'pbkdf2-sha256';

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, KEY_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PASSWORD_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${SCHEME}$${iterations}$${b64(salt)}$${b64(hash)}`;
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split('$');
  const iterations = Number(iter);
  if (scheme !== SCHEME || !salt || !hash || !Number.isInteger(iterations) || iterations < 1) return false;
  const candidate = await derive(password, unb64(salt), iterations);
  return constantTimeEqual(candidate, unb64(hash));
}

/** True when the stored hash was made with weaker parameters than the deployment's. */
export function needsRehash(stored: string, iterations = PASSWORD_ITERATIONS): boolean {
  const [scheme, iter] = stored.split('$');
  return scheme !== SCHEME || Number(iter) < iterations;
}
