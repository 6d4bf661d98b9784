import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../testing/bodies';
import { callWith, envWithDatabase, SILENT_DATABASE_URL } from '../testing/absent-database';
import { expectErrorShape, Harness, ORIGIN } from '../testing/harness';

// The test proxy (scripts/lib/ws-proxy.ts, SILENT_DATABASE_HOST) accepts this host's WebSocket and /sql requests and
// never answers them: a database that is up at the socket level and stuck behind it.
const BOUND_MS = 400;
const silentEnv = envWithDatabase(SILENT_DATABASE_URL, { DB_CONNECT_TIMEOUT_MS: String(BOUND_MS) });
const callSilentDatabase = (path: string, init: RequestInit & { headers: Record<string, string> }) => callWith(silentEnv, path, init);

describe('a database that does not answer', () => {
  it('answers 503 with Retry-After when the first pooled query gets no answer, and the next request works', async () => {
    const h = Harness.init();
    const user = await h.signup();

    const res = await callSilentDatabase('/api/v1/auth/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as ErrorBody;
    expectErrorShape(body, 'UNAVAILABLE');
    expect(body.error.message).toMatch(/database is not answering/);

    const again = await h.call('/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(again.status).toBe(200);
  });

  it('answers 503 with Retry-After when the HTTP session lookup gets no answer, and the next request works', async () => {
    const h = Harness.init();
    const user = await h.signup();

    const res = await callSilentDatabase('/api/v1/me', { method: 'GET', headers: { cookie: user.cookie } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expectErrorShape(await res.json(), 'UNAVAILABLE');

    const me = await h.json<{ user: { id: string } }>('/api/v1/me', { cookie: user.cookie });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.user.id);
  });
});
