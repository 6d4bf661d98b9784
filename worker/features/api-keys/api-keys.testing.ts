// Keys for tests: made through the API as their owner would, and the call a program makes with one.
import { eq } from 'drizzle-orm';
import { apiKeys } from '../../db/schema';
import type { Call, Harness } from '../../testing/harness';

export interface MadeKey {
  id: string;
  prefix: string;
  secret: string;
}

/** A key made through the API by the cookie's owner (`/api/v1/me/api-keys`, or the coach route for a team key). */
export async function makeKey(
  h: Harness,
  cookie: string,
  scopes: string[],
  opts: { team?: boolean; name?: string; expiresInDays?: number; ratePerMinute?: number } = {},
): Promise<MadeKey> {
  const path = opts.team ? '/api/v1/coach/api-keys' : '/api/v1/me/api-keys';
  const body = {
    name: opts.name ?? `Key ${scopes.join(' ')}`,
    scopes,
    ...(opts.expiresInDays ? { expiresInDays: opts.expiresInDays } : {}),
  };
  const res = await h.json<{ key: { id: string; prefix: string }; secret: string }>(path, { body, cookie });
  if (res.status !== 201) throw new Error(`key not made: ${res.status} ${JSON.stringify(res.body)}`);
  // A test that calls many operations raises its own key's limit, as an operator could.
  if (opts.ratePerMinute) await h.db.update(apiKeys).set({ ratePerMinute: opts.ratePerMinute }).where(eq(apiKeys.id, res.body.key.id));
  return { id: res.body.key.id, prefix: res.body.key.prefix, secret: res.body.secret };
}

export const bearer = (k: MadeKey | string) => ({ authorization: `Bearer ${typeof k === 'string' ? k : k.secret}` });

/** A call with the key and no cookie, no Origin: as a program sends it. */
export const withKey = (h: Harness, k: MadeKey | string, path: string, init: Omit<Call, 'cookie'> = {}) =>
  h.call(path, { ...init, headers: { origin: '', ...bearer(k), ...(init.headers ?? {}) } });
