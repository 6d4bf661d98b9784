// API keys end to end (issue 59, ADR 105): shown once, only the hash kept, revoke and expiry at once, rotation,
// the owner's tier, block and deletion, scopes, the per-key window under concurrency, and tenancy.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { apiKeys, membershipGrants, users } from '../../db/schema';
import { sha256Hex } from '../../lib/crypto';
import type { AppError } from '../../lib/errors';
import { createLogger } from '../../lib/logger';
import { createServices } from '../../wiring';
import { expectErrorShape, Harness } from '../../testing/harness';
import { athleteWithHistory, coachOrg, giveTier, takeTeam } from '../../testing/scenarios';
import { impCookieFrom } from '../impersonation/impersonation.testing';
import { bearer, makeKey, withKey } from './api-keys.testing';

const FITNESS = '/api/v1/analytics/fitness';

async function proAthlete(h: Harness) {
  const a = await h.signup();
  await giveTier(h, a.user.id, 'pro');
  return a;
}

describe('API keys: lifecycle', () => {
  it('shows the secret once, keeps only its hash, lists the prefix, and answers with the rate-limit headers', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const created = await h.json<{ key: { id: string; prefix: string; scopes: string[] }; secret: string }>('/api/v1/me/api-keys', {
      body: { name: 'Dashboard', scopes: ['analytics:read', 'activities:read'] },
      cookie: a.cookie,
    });
    expect(created.status).toBe(201);
    expect(created.res.headers.get('cache-control')).toBe('no-store');
    const { key, secret } = created.body;
    expect(secret).toMatch(/^cdn_live_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(secret.slice(0, 17));
    expect(key.scopes).toEqual(['activities:read', 'analytics:read']);
    // The row holds the hash, and the secret appears in no column.
    const [row] = await h.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.secretHash).toBe(await sha256Hex(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(18));
    const list = await h.json<{ keys: Record<string, unknown>[] }>('/api/v1/me/api-keys', { cookie: a.cookie });
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(18));
    expect(list.body.keys.map((k) => k.prefix)).toEqual([key.prefix]);
    // The audit names the key by its prefix only.
    const audit = await h.auditFor('api_key', key.id);
    expect(audit.map((e) => e.action)).toEqual(['api_key.create']);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(18));

    const res = await withKey(h, secret, `${FITNESS}?days=30`);
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('120');
    expect(res.headers.get('ratelimit-remaining')).toBe('119');
    expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const used = await h.json<{ keys: { lastUsedAt: string | null }[] }>('/api/v1/me/api-keys', { cookie: a.cookie });
    expect(used.body.keys[0]!.lastUsedAt).not.toBeNull();
  });

  it('revoked answers 401 at once; rotation is a new key and the old one revoked', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const old = await makeKey(h, a.cookie, ['analytics:read']);
    expect((await withKey(h, old, FITNESS)).status).toBe(200);
    const fresh = await makeKey(h, a.cookie, ['analytics:read'], { name: 'Rotated' });
    const revoked = await h.json(`/api/v1/me/api-keys/${old.id}`, { method: 'DELETE', cookie: a.cookie });
    expect(revoked.status).toBe(200);
    const refused = await withKey(h, old, FITNESS);
    expect(refused.status).toBe(401);
    expectErrorShape(await refused.json(), 'UNAUTHENTICATED');
    expect((await withKey(h, fresh, FITNESS)).status).toBe(200);
    // Revoking again, or another athlete's key, is a missing key.
    expect((await h.call(`/api/v1/me/api-keys/${old.id}`, { method: 'DELETE', cookie: a.cookie })).status).toBe(404);
    const b = await proAthlete(h);
    expect((await h.call(`/api/v1/me/api-keys/${fresh.id}`, { method: 'DELETE', cookie: b.cookie })).status).toBe(404);
    expect((await h.auditFor('api_key', old.id)).map((e) => e.action)).toEqual(['api_key.create', 'api_key.revoke']);
  });

  it('an expired key, a made-up one and a malformed one answer 401', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const k = await makeKey(h, a.cookie, ['analytics:read'], { expiresInDays: 1 });
    expect((await withKey(h, k, FITNESS)).status).toBe(200);
    await h.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, k.id));
    expect((await withKey(h, k, FITNESS)).status).toBe(401);
    expect((await withKey(h, `${k.prefix}_${'A'.repeat(43)}`, FITNESS)).status).toBe(401);
    expect((await withKey(h, 'not-a-key', FITNESS)).status).toBe(401);
    const list = await h.json<{ keys: { state: string }[] }>('/api/v1/me/api-keys', { cookie: a.cookie });
    expect(list.body.keys[0]!.state).toBe('expired');
  });

  it('a personal key takes no coach scope; the page-facing input is checked', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const res = await h.json('/api/v1/me/api-keys', { body: { name: 'x', scopes: ['coach:read'] }, cookie: a.cookie });
    expect(res.status).toBe(400);
    expect((await h.json('/api/v1/me/api-keys', { body: { name: '', scopes: [] }, cookie: a.cookie })).status).toBe(400);
  });
});

describe('API keys: logs', () => {
  it('name the key by its prefix on every keyed request, never its secret', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const h = Harness.init();
    const a = await proAthlete(h);
    const k = await makeKey(h, a.cookie, ['analytics:read']);
    await withKey(h, k, FITNESS);
    await withKey(h, k, '/api/v1/me');
    await h.call(`/api/v1/me/api-keys/${k.id}`, { method: 'DELETE', cookie: a.cookie });
    await withKey(h, k, FITNESS);
    vi.restoreAllMocks();
    expect(lines.join('\n')).not.toContain(k.secret.slice(18));
    const keyed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request' && l.apiKey);
    expect(keyed.map((l) => [l.apiKey, l.status])).toEqual([
      [k.prefix, 200],
      [k.prefix, 403],
    ]);
  });
});

describe('API keys: the owner now', () => {
  it('a lapsed tier answers 403 ENTITLEMENT_REQUIRED; a blocked account 401; a deleted one 401', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const k = await makeKey(h, a.cookie, ['analytics:read']);
    // The comp gone (as an operator's revoke or a lapsed subscription leaves it): Free now.
    await h.db.delete(membershipGrants).where(eq(membershipGrants.userId, a.user.id));
    const lapsed = await withKey(h, k, FITNESS);
    expect(lapsed.status).toBe(403);
    expect(((await lapsed.json()) as { error: { code: string; entitlement: { feature: string } } }).error).toMatchObject({
      code: 'ENTITLEMENT_REQUIRED',
      entitlement: { feature: 'api_keys' },
    });

    const b = await proAthlete(h);
    const kb = await makeKey(h, b.cookie, ['analytics:read']);
    await h.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, b.user.id));
    expect((await withKey(h, kb, FITNESS)).status).toBe(401);

    const c = await proAthlete(h);
    const kc = await makeKey(h, c.cookie, ['analytics:read']);
    const asked = await h.json('/api/v1/me/deletion', { body: { password: c.password, confirm: 'DELETE' }, cookie: c.cookie });
    expect(asked.status, JSON.stringify(asked.body)).toBeLessThan(300);
    expect((await withKey(h, kc, FITNESS)).status).toBe(401);
    await h.db.delete(users).where(eq(users.id, c.user.id));
    expect((await withKey(h, kc, FITNESS)).status).toBe(401);
  });

  it('a Free athlete cannot make one (403 naming Pro)', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const res = await h.json<{ error: { entitlement: { requiredTier: string } } }>('/api/v1/me/api-keys', {
      body: { name: 'x', scopes: ['analytics:read'] },
      cookie: a.cookie,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.entitlement.requiredTier).toBe('pro');
  });
});

describe('API keys: scopes, CSRF and what a key never reaches', () => {
  it('refuses an operation outside its scopes (403 SCOPE_REQUIRED naming it) and every scope-none route', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const k = await makeKey(h, a.cookie, ['activities:read']);
    const res = await withKey(h, k, FITNESS);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string; scope: string } }).error).toMatchObject({
      code: 'SCOPE_REQUIRED',
      scope: 'analytics:read',
    });
    for (const [method, path] of [
      ['GET', '/api/v1/me/api-keys'],
      ['POST', '/api/v1/me/api-keys'],
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/me/sessions'],
      ['POST', '/api/v1/auth/logout'],
      ['GET', '/api/v1/membership'],
    ] as const) {
      const r = await withKey(h, k, path, { method, ...(method === 'POST' ? { body: { name: 'x', scopes: ['activities:read'] } } : {}) });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(((await r.json()) as { error: { scope: string } }).error.scope, `${method} ${path}`).toBe('none');
    }
    // The key alone counts: a session cookie sent beside it is not read.
    const both = await h.call('/api/v1/me', { cookie: a.cookie, headers: bearer(k) });
    expect(both.status).toBe(403);
  });

  it('reads that ride on the session lookup (ADR 093) answer as ever with a key, which has no session', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const k = await makeKey(h, a.cookie, ['plan:read', 'wellness:read', 'activities:read']);
    const day = new Date().toISOString().slice(0, 10);
    for (const path of [`/api/v1/calendar?from=${day}&to=${day}`, '/api/v1/wellness/readiness', '/api/v1/activities']) {
      const res = await withKey(h, k, path);
      expect(res.status, `${path} ${await res.clone().text()}`).toBe(200);
      expect(res.headers.get('set-cookie'), path).toBeNull();
    }
  });

  it('a write with plan:write needs no Origin (no CSRF for keys) and still validates', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const k = await makeKey(h, a.cookie, ['plan:write']);
    const res = await withKey(h, k, '/api/v1/plans/preview', { method: 'POST', body: { goal: 'nonsense' } });
    expect(res.status).toBe(400);
    expectErrorShape(await res.json(), 'VALIDATION');
  });

  it('an impersonation cannot list, make or revoke keys', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const a = await proAthlete(h);
    const started = await h.call('/api/v1/admin/impersonation', { cookie: owner.cookie, body: { userId: a.user.id, reason: 'Key test' } });
    expect(started.status).toBe(201);
    const imp = started.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const cookie = `${owner.cookie}; ${imp}`;
    for (const init of [{ method: 'GET' }, { method: 'POST', body: { name: 'x', scopes: ['analytics:read'] } }]) {
      const res = await h.call('/api/v1/me/api-keys', { ...init, cookie });
      expect(res.status).toBe(403);
      expectErrorShape(await res.json(), 'IMPERSONATION_BLOCKED');
    }
  });
});

describe('API keys: the per-key window', () => {
  it('lets exactly the limit through under concurrency, then 429 with Retry-After and RateLimit headers', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const limit = 8;
    const k = await makeKey(h, a.cookie, ['analytics:read'], { ratePerMinute: limit });
    // The burst on a clock held at one instant (the window is the clock's minute, and the tier's comp has begun by
    // then): all of it in one window, whatever the time it runs.
    const held = new Date();
    const s = createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {}, clock: { now: () => held } });
    const answers = await Promise.allSettled(Array.from({ length: limit + 10 }, () => s.apiKeys.authenticate(k.secret, () => {})));
    const statuses = answers.map((r) => (r.status === 'fulfilled' ? 200 : (r.reason as AppError).status));
    expect(statuses.filter((x) => x === 200)).toHaveLength(limit);
    expect(statuses.filter((x) => x === 429)).toHaveLength(10);
    const [row] = await h.db.select({ n: apiKeys.windowCount }).from(apiKeys).where(eq(apiKeys.id, k.id));
    expect(row!.n).toBe(limit);
    // Over HTTP, a key of one a minute: asked until refused (a minute's turn can let one more through, never two).
    const one = await makeKey(h, a.cookie, ['analytics:read'], { ratePerMinute: 1 });
    let refused: Response | undefined;
    for (let i = 0; i < 3 && !refused; i++) {
      const r = await withKey(h, one, `${FITNESS}?days=7`);
      if (r.status === 429) refused = r;
    }
    expect(refused, 'a 429 within three requests').toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.headers.get('ratelimit-limit')).toBe('1');
    expect(refused!.headers.get('ratelimit-remaining')).toBe('0');
  });
});

describe('API keys: tenancy', () => {
  it('a personal key reads only its owner (another athlete’s activity is 404)', async () => {
    const h = Harness.init();
    const a = await proAthlete(h);
    const b = await athleteWithHistory(h, { history: [{ daysAgo: 1, source: 'fit_upload' }] });
    const own = await athleteWithHistory(h, { history: [{ daysAgo: 1, source: 'fit_upload' }] });
    await giveTier(h, own.user.id, 'pro');
    const k = await makeKey(h, own.cookie, ['activities:read']);
    expect((await withKey(h, k, `/api/v1/activities/${own.activityIds[0]}`)).status).toBe(200);
    expect((await withKey(h, k, `/api/v1/activities/${b.activityIds[0]}`)).status).toBe(404);
    expect(a.user.id).not.toBe(own.user.id);
  });

  it('a team key reads its org’s clients on the coach routes, not another org’s (404), and nothing of the athlete API', async () => {
    const h = Harness.init();
    const w = await coachOrg(h);
    const other = await coachOrg(h);
    const mine = await w.addClient('Mine');
    const theirs = await other.addClient('Theirs');
    const k = await makeKey(h, w.coach.cookie, ['coach:read'], { team: true });
    expect((await withKey(h, k, `/api/v1/coach/clients/${mine.id}`)).status).toBe(200);
    expect((await withKey(h, k, `/api/v1/coach/clients/${theirs.id}`)).status).toBe(404);
    expect((await withKey(h, k, FITNESS)).status).toBe(403);
    // A staff coach manages no team keys; a personal route takes no team scope.
    const staffed = await coachOrg(h, { staff: 1 });
    expect((await h.call('/api/v1/coach/api-keys', { cookie: staffed.staff[0]!.cookie })).status).toBe(403);
    // The org off Team: its keys stop (403), as the tier check reads the plan now.
    await takeTeam(h, w.org.id, w.coach.id);
    const lapsed = await withKey(h, k, `/api/v1/coach/clients/${mine.id}`);
    expect(lapsed.status).toBe(403);
    expectErrorShape(await lapsed.json(), 'ENTITLEMENT_REQUIRED');
  });
});
