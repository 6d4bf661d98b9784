import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../features/auth/password';
import type { ErrorBody } from '../testing/bodies';
import { Harness, PASSWORD, expectErrorShape, uniqueEmail } from '../testing/harness';

/** A demo-role account, logged in (the harness's userWithRole predates the role). */
async function demoUser(h: Harness) {
  const email = uniqueEmail('demo');
  const r = await h.db.execute(sql`
    INSERT INTO users (email, password_hash, display_name, role)
    VALUES (${email}, ${await hashPassword(PASSWORD)}, 'Demo Viewer', 'demo') RETURNING id`);
  return { id: (r.rows[0] as { id: string }).id, email, cookie: await h.login(email, PASSWORD) };
}

const METHODS = ['post', 'put', 'patch', 'delete'] as const;

describe('demo role', () => {
  it('reads the console, with emails masked', async () => {
    const h = Harness.init();
    const demo = await demoUser(h);
    const actor = await h.userWithRole('admin', ['invites.manage']);
    await h.json('/api/v1/admin/invites', { cookie: actor.cookie, body: { maxUses: 1 } });
    expect((await h.json('/api/v1/admin/metrics', { cookie: demo.cookie })).status).toBe(200);
    const audit = await h.json<{ entries: { actorId: string; actorEmail: string | null; actorName: string | null }[] }>(
      `/api/v1/admin/audit?actorId=${actor.id}`,
      { cookie: demo.cookie },
    );
    expect(audit.status).toBe(200);
    expect(audit.body.entries.length).toBeGreaterThan(0);
    for (const e of audit.body.entries) expect(e).toMatchObject({ actorId: actor.id, actorEmail: null, actorName: null });
    const csv = await (await h.call(`/api/v1/admin/audit.csv?actorId=${actor.id}`, { cookie: demo.cookie })).text();
    expect(csv).not.toContain(actor.email);
    // What demo does not hold stays closed.
    expect((await h.json('/api/v1/admin/invites', { cookie: demo.cookie })).status).toBe(403);
  });

  it('is refused every API mutation with DEMO_READ_ONLY (from the route table), logout excepted', async () => {
    const h = Harness.init();
    const demo = await demoUser(h);
    const spec = (await (await h.call('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    let checked = 0;
    for (const [path, ops] of Object.entries(spec.paths))
      for (const method of METHODS) {
        // Webhooks are the providers' signed calls, not a signed-in user's mutation.
        if (!ops[method] || !path.startsWith('/api/') || path === '/api/v1/auth/logout') continue;
        const url = path.replace(/\{[^}]+\}/g, crypto.randomUUID());
        const r = await h.json<ErrorBody>(url, { cookie: demo.cookie, method: method.toUpperCase(), body: {} });
        expect({ path, method, status: r.status, code: r.body.error?.code }).toEqual({ path, method, status: 403, code: 'DEMO_READ_ONLY' });
        checked++;
      }
    expect(checked).toBeGreaterThan(50);
    // Nothing the demo tried left a trace but refusals: no audit rows by this actor.
    expect(await h.db.execute(sql`SELECT 1 FROM audit_log WHERE actor_id = ${demo.id}`).then((r) => r.rows)).toHaveLength(0);
    // Logout still works, and ends the session.
    expect((await h.call('/api/v1/auth/logout', { cookie: demo.cookie, method: 'POST' })).status).toBeLessThan(300);
    expect((await h.json('/api/v1/admin/metrics', { cookie: demo.cookie })).status).toBe(401);
  });

  it('is refused page actions with a friendly 403 page', async () => {
    const h = Harness.init();
    const demo = await demoUser(h);
    const form = new FormData();
    form.set('intent', 'create');
    for (const path of ['/admin/invites', '/settings', '/admin/audit']) {
      const res = await h.call(path, { cookie: demo.cookie, method: 'POST', body: form });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-error-code')).toBe('DEMO_READ_ONLY');
      expect(await res.text()).toContain('read-only demo');
    }
    // Another role's page action is not affected by the rule (it reaches the page's own checks).
    const athlete = await h.signup();
    const other = await h.call('/admin/invites', { cookie: athlete.cookie, method: 'POST', body: form });
    expect(other.headers.get('x-error-code')).toBeNull();
  });

  it('signed-out and other roles keep their mutations', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const r = await h.json('/api/v1/auth/logout', { cookie: athlete.cookie, method: 'POST' });
    expect(r.status).toBeLessThan(300);
    const anon = await h.json<ErrorBody>('/api/v1/admin/invites', { body: { maxUses: 1 } });
    expect(anon.status).toBe(401);
    expectErrorShape(anon.body, 'UNAUTHENTICATED');
  });
});
