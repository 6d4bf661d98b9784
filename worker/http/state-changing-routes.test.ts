// Every route that changes state, from the app's route table (ADR 047): any method but a read, and each GET
// declared `effect: 'write'` (an OAuth connect or callback). The demo role is refused each one and leaves no
// trace; a GET that writes is high-risk, so an impersonation is refused it too; a GET whose path looks like a
// write must say which it is. And the reported case: the demo account cannot connect a provider.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { providerConnections } from '../db/schema';
import { hashPassword } from '../features/auth/password';
import { impCookieFrom } from '../features/impersonation/impersonation.testing';
import { Harness, PASSWORD, uniqueEmail } from '../testing/harness';
import { changesState } from './access';
import { ALL, answer, declared, doc, type Endpoint, mismatch } from './route-table.testing';
import { createRoute, createRouter } from './router';

/** A demo-role account, logged in. */
async function demoUser(h: Harness) {
  const email = uniqueEmail('demo');
  const r = await h.db.execute(sql`
    INSERT INTO users (email, password_hash, display_name, role)
    VALUES (${email}, ${await hashPassword(PASSWORD)}, 'Demo Viewer', 'demo') RETURNING id`);
  return { id: (r.rows[0] as { id: string }).id, cookie: await h.login(email, PASSWORD) };
}

const writes = (e: Endpoint) => changesState(e.method, declared(e));
// What the demo role keeps: leaving its own session.
const DEMO_MAY = new Set(['POST /api/v1/auth/logout']);

// GET paths that read like an act. Each must declare its effect, or be listed with the reason it only reads.
const LOOKS_LIKE_AN_ACT = new RegExp(
  `(^|/)([a-z0-9-]*-)?(${[
    'connect|disconnect|authorize|callback|oauth|signup|login|logout',
    'confirm|verify|accept|redeem|claim|unsubscribe|undo|activate|approve|revoke|cancel',
    'start|run|rebuild|retry|resend|send|sync|refresh|mark|read-all|dismiss|seen|track|click|open',
  ].join('|')})(-[a-z0-9-]*)?(/|$|\\.)`,
  'i',
);
const GET_READS: Record<string, string> = {
  'GET /api/v1/connections/strava/signup': 'redirects to Strava with a signed state; the account is made by the callback, a write',
  'GET /api/v1/connections/strava/login': 'redirects to Strava; the session is made by the callback, a write',
  'GET /api/v1/notifications/unsubscribe': 'shows the unsubscribe page; the one-click POST is what unsubscribes',
};

describe('state-changing routes, from the route table', () => {
  it('a GET that looks like an act declares its effect, or a stated reason it only reads', () => {
    const problems: string[] = [];
    for (const e of ALL.filter((x) => x.method === 'GET')) {
      const looks = LOOKS_LIKE_AN_ACT.test(e.path.replace(/:\w+/g, 'x'));
      if (looks && !declared(e).effect && !(e.key in GET_READS)) problems.push(`${e.key}: declare effect 'write' (or 'read')`);
      if (e.key in GET_READS && (declared(e).effect || !looks)) problems.push(`${e.key}: a stale entry in GET_READS`);
    }
    for (const key of Object.keys(GET_READS)) if (!ALL.some((e) => e.key === key)) problems.push(`${key}: no such route`);
    expect(problems).toEqual([]);
    // The reported ones: every OAuth start and callback is a write, and the document says so.
    for (const key of [
      'GET /api/v1/connections/strava/authorize',
      'GET /api/v1/connections/strava/callback',
      'GET /api/v1/connections/:provider/authorize',
      'GET /api/v1/connections/:provider/callback',
    ]) {
      const e = ALL.find((x) => x.key === key);
      expect({ key, effect: e?.declaration?.effect, doc: e?.op && (e.op as { 'x-effect'?: string })['x-effect'] }).toEqual({
        key,
        effect: 'write',
        doc: 'write',
      });
    }
  });

  it('a GET that writes must be high-risk, and only a GET can be a read: refused when registered', () => {
    const base = {
      access: { kind: 'signed-in' } as const,
      dataUse: 'none' as const,
      scope: 'none' as const,
      responses: { 200: { description: 'ok' } },
    };
    expect(() =>
      createRouter().openapi(createRoute({ ...base, risk: 'normal', effect: 'write', method: 'get', path: '/w' }), (c) => c.json({}, 200)),
    ).toThrow(/GET \/w: a GET that changes state is the user's own act/);
    expect(() =>
      createRouter().openapi(createRoute({ ...base, risk: 'normal', effect: 'read', method: 'post', path: '/p' }), (c) => c.json({}, 200)),
    ).toThrow(/POST \/p: only a GET can be a read/);
  });

  it('the demo role is refused every one (403 DEMO_READ_ONLY) and leaves no trace', { timeout: 240_000 }, async () => {
    const h = Harness.init();
    const demo = await demoUser(h);
    // Webhooks are the providers' calls, by signature; no session comes with them, so no role to refuse.
    const targets = ALL.filter((e) => writes(e) && !DEMO_MAY.has(e.key) && !e.path.startsWith('/webhooks/'));
    const failures: string[] = [];
    for (const e of targets) {
      const problem = mismatch(await answer(h, e, demo.cookie), 403, 'DEMO_READ_ONLY');
      if (problem) failures.push(`${e.key}: ${problem}`);
    }
    expect(failures).toEqual([]);
    expect(targets.filter((e) => e.method === 'GET').length).toBeGreaterThanOrEqual(4);
    expect(targets.length).toBeGreaterThan(150);
    const traces = await h.db.execute(sql`
      SELECT (SELECT count(*) FROM audit_log WHERE actor_id = ${demo.id})::int AS audit,
             (SELECT count(*) FROM provider_connections WHERE user_id = ${demo.id})::int AS connections,
             (SELECT count(*) FROM ingest_jobs WHERE user_id = ${demo.id})::int AS jobs`);
    expect(traces.rows[0]).toEqual({ audit: 0, connections: 0, jobs: 0 });
  });

  it('each GET that writes refuses an impersonation, whatever the input', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const athlete = await h.signup();
    const res = await h.call('/api/v1/admin/impersonation', {
      cookie: owner.cookie,
      body: { userId: athlete.user.id, reason: 'Effect test' },
    });
    expect(res.status).toBe(201);
    const both = `${owner.cookie}; ${impCookieFrom(res)}`;
    const getWrites = ALL.filter((e) => e.method === 'GET' && writes(e));
    const failures: string[] = [];
    for (const e of getWrites) {
      const problem = mismatch(await answer(h, e, both), 403, 'IMPERSONATION_BLOCKED');
      if (problem) failures.push(`${e.key}: ${problem}`);
    }
    expect(failures).toEqual([]);
    expect(getWrites.length).toBeGreaterThanOrEqual(4);
  });

  it('the demo account connects no provider: authorize refused, and a state minted for it stores nothing', async () => {
    const h = Harness.init();
    const demo = await demoUser(h);
    for (const provider of ['strava', 'garmin', 'polar']) {
      const r = await h.json<{ error: { code: string } }>(`/api/v1/connections/${provider}/authorize`, { cookie: demo.cookie });
      expect({ provider, status: r.status, code: r.body.error?.code }).toEqual({ provider, status: 403, code: 'DEMO_READ_ONLY' });
    }
    // A state minted while the account was an athlete's, completed after it became the demo, with no cookie at all:
    // the callback has only the state to go on, and still stores nothing.
    const other = await h.signup();
    const start = await h.call('/api/v1/connections/polar/authorize', { cookie: other.cookie });
    expect(start.status).toBe(302);
    await h.db.execute(sql`UPDATE users SET role = 'demo' WHERE id = ${other.user.id}`);
    const consent = new URL(start.headers.get('location') ?? '');
    consent.searchParams.set('auto', 'approve');
    const back = await fetch(consent, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location') ?? '');
    const done = await h.call(callback.pathname + callback.search);
    expect(done.status).toBe(302);
    expect(decodeURIComponent(done.headers.get('location') ?? '')).toContain('read-only demo');
    const rows = await h.db
      .select({ id: providerConnections.id })
      .from(providerConnections)
      .where(and(eq(providerConnections.userId, other.user.id), eq(providerConnections.provider, 'polar')));
    expect(rows).toEqual([]);
    // The document marks the OAuth routes as writes for clients and reviewers alike.
    expect(doc.paths['/api/v1/connections/{provider}/callback']?.get?.['x-effect']).toBe('write');
  });
});
