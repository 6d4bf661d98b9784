import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../index';
import { SCHEDULES } from '../jobs/cron';
import type { ErrorBody } from '../testing/bodies';
import { callWith, envWithDatabase, REFUSING_DATABASE_URL } from '../testing/absent-database';
import { expectErrorShape, Harness, ORIGIN } from '../testing/harness';

// The test proxy (scripts/lib/ws-proxy.ts, REFUSING_DATABASE_HOST) closes this host's WebSocket at once, as it does
// when Postgres refuses the connection, and answers its /sql requests as Neon does when the compute cannot be reached
// (500 "Couldn't connect to compute node"): a stopped or restarting database. The wait bound is a minute here, so a
// 503 can only come from recognising the refusal, never from the bound of the silent database's test.
const refusingEnv = envWithDatabase(REFUSING_DATABASE_URL, { DB_CONNECT_TIMEOUT_MS: '60000' });
const callRefusingDatabase = (path: string, init: RequestInit & { headers: Record<string, string> }) => callWith(refusingEnv, path, init);

afterEach(() => vi.restoreAllMocks());

describe('a database that refuses connections (stopped or restarting)', () => {
  it('answers an API route on the pooled driver 503 with Retry-After and the JSON error shape, and the next request works', async () => {
    const h = Harness.init();
    const user = await h.signup();

    const res = await callRefusingDatabase('/api/v1/auth/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as ErrorBody;
    expectErrorShape(body, 'UNAVAILABLE');

    const again = await h.call('/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(again.status).toBe(200);
  });

  it('answers the HTTP driver path (the session lookup) 503 with Retry-After', async () => {
    const h = Harness.init();
    const user = await h.signup();

    const res = await callRefusingDatabase('/api/v1/me', { method: 'GET', headers: { cookie: user.cookie } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expectErrorShape(await res.json(), 'UNAVAILABLE');
  });

  it('answers a page 503 with Retry-After and a page that says the service is briefly unavailable', async () => {
    const h = Harness.init();
    const user = await h.signup();
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    const res = await callRefusingDatabase('/home', { method: 'GET', headers: { cookie: user.cookie, accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const html = await res.text();
    expect(html).toContain('Cadence is briefly unavailable');
    expect(html).not.toContain('Something went wrong');

    // The same page with the database up renders as ever (the loaders' services pass through untouched).
    const up = await h.call('/home', { cookie: user.cookie, headers: { accept: 'text/html' } });
    if (up.status !== 200) console.info((await up.text()).slice(0, 3000));
    expect(up.status).toBe(200);
  });

  it('a cron tick that finds the database down logs one line and ends without throwing', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((line: unknown) => void lines.push(String(line)));
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.everyMinute }), refusingEnv, ctx);
    await waitOnExecutionContext(ctx);

    const said = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(said.filter((l) => l.msg === 'cron tick skipped: database unavailable')).toHaveLength(1);
    expect(said.filter((l) => l.level === 'error' || l.msg === 'cron job failed')).toEqual([]);
  });
});
