import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../index';
import { Harness, expectErrorShape } from '../testing/harness';
import { MAX_BODY_BYTES } from './security.middleware';

describe('HTTP hardening', () => {
  it('pages carry a nonce CSP that matches every inline script, and the other security headers', async () => {
    const h = Harness.init();
    const res = await h.call('/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // MapLibre's worker from our origin, its style and tiles from our API, and nothing from blob: (ADR 098).
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('blob:');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // HSTS only in staging/production; tests run as APP_ENV=test over http.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const second = await h.call('/');
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('refuses a body over the limit with 413 in the error shape', async () => {
    const h = Harness.init();
    const res = await h.json('/api/v1/auth/login', {
      body: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(MAX_BODY_BYTES + 10) }),
    });
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 'PAYLOAD_TOO_LARGE');
  });

  it('lets a form upload past the 1 MiB limit on Settings → Data, with and without JavaScript (single fetch posts to .data)', async () => {
    const h = Harness.init();
    const form = (bytes: number) => {
      const f = new FormData();
      f.set('intent', 'reimport');
      f.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/zip' }), 'cadence-export.zip');
      return f;
    };
    for (const path of ['/settings/data', '/settings/data.data']) {
      // Not signed in, so the page refuses it — but not the body limit.
      const archive = await h.call(path, { body: form(2 * 1024 * 1024) });
      expect(archive.status, path).not.toBe(413);
      await archive.body?.cancel();
      const huge = await h.call(path, { body: form(26 * 1024 * 1024) });
      expect(huge.status, path).toBe(413);
      await huge.body?.cancel();
    }
    // Elsewhere the limit stands.
    const other = await h.call('/settings/training.data', { body: form(2 * 1024 * 1024) });
    expect(other.status).toBe(413);
    await other.body?.cancel();
  });

  it('renders a real 404 page for unknown pages and JSON 404 under /api', async () => {
    const h = Harness.init();
    const page = await h.call('/no/such/page');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Page not found');
    const api = await h.json('/api/v1/nothing-here');
    expect(api.status).toBe(404);
    expectErrorShape(api.body, 'NOT_FOUND');
    const hook = await h.json('/webhooks/unknown', { method: 'POST', body: {} });
    expect(hook.status).toBe(404);
  });

  it('never leaks a stack trace', async () => {
    const h = Harness.init();
    const res = await h.call('/api/v1/auth/login', { body: '{"email": ' });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('API description', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const h = Harness.init();
    const { status, body } = await h.json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/admin/invites',
        '/api/v1/notifications',
      ]),
    );
    expect(body.components.schemas).toHaveProperty('RegisterInput');
    expect(body.components.schemas).toHaveProperty('Error');
  });

  it('serves an interactive reference page with no third-party scripts', async () => {
    const h = Harness.init();
    const res = await h.call('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/api/docs/docs.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    expect((await h.call('/api/docs/docs.js')).headers.get('content-type')).toContain('javascript');
  });
});

const incoming = (url: string, init?: RequestInit) => new Request(url, init) as Request<unknown, IncomingRequestCfProperties>;

describe('production mode', () => {
  it('sends HSTS and sets Secure __Host- session cookies', async () => {
    const h = Harness.init();
    const prodEnv = { ...env, APP_ENV: 'production' as const, PASSWORD_ITERATIONS: '100000' };
    const ctx = createExecutionContext();
    const page = await worker.fetch(incoming('http://cadence.test/'), prodEnv, ctx);
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);

    const { email, password } = await h.signup();
    const login = await worker.fetch(
      incoming('http://cadence.test/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://cadence.test', 'cf-connecting-ip': h.ip },
        body: JSON.stringify({ email, password }),
      }),
      prodEnv,
      ctx,
    );
    expect(login.status).toBe(200);
    expect(login.headers.getSetCookie()[0]).toMatch(/^__Host-cadence_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    await waitOnExecutionContext(ctx);
  });
});

describe('page forms', () => {
  it('a cross-site form post to a page action is refused before it runs', async () => {
    const h = Harness.init();
    const { email, password } = await h.signup();
    const form = new URLSearchParams({ email, password });
    const res = await h.call('/login', {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('a same-origin form post to the login page signs in and redirects home', async () => {
    const h = Harness.init();
    const { email, password } = await h.signup();
    const res = await h.call('/login', {
      method: 'POST',
      body: new URLSearchParams({ email, password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/home');
    expect(res.headers.getSetCookie().join()).toMatch(/cadence_session=[A-Za-z0-9_-]{40,}/);
  });
});
