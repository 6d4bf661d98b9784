// Every route's access and risk, checked from the app's own route table (ADR 029): each route declares
// both, its guard runs before anything else of the route (its validators included), and so bad input
// answers 401 signed out and 403/404 to the wrong viewer; each high-risk route refuses a real
// impersonation, and no route whose path looks risky is left unmarked without a stated reason.
import { describe, expect, it } from 'vitest';
import { createRoute as createOpenApiRoute, z } from '@hono/zod-openapi';
import { SESSION_RIDERS } from '../app';
import { PERMISSIONS, type Permission } from '../features/auth';
import { impCookieFrom } from '../features/impersonation/impersonation.testing';
import type { ErrorBody } from '../testing/bodies';
import { HTTP_METHODS } from '../testing/fuzz';
import { Harness } from '../testing/harness';
import { coachOrg } from '../testing/scenarios';
import type { RouteDeclaration } from './access';
import { createRouter } from './router';
import { ALL, answer, declared, doc, type Endpoint, mismatch } from './route-table.testing';

describe('route declarations', () => {
  it('every route the app serves declares its access and risk, and its guard runs first', () => {
    const problems = ALL.flatMap((e) => [
      ...(e.declaration ? [] : [`${e.key}: no access/risk declaration`]),
      ...(e.declaration && !e.guardFirst ? [`${e.key}: something of the route runs before its guard`] : []),
    ]);
    expect(problems).toEqual([]);
    expect(ALL.length).toBeGreaterThan(200);
  });

  it('each read riding on the session lookup (ADR 093) is a signed-in read of the app, for the user’s own data', () => {
    for (const rider of SESSION_RIDERS) {
      const e = ALL.find((x) => x.key === `${rider.method} ${rider.path}`);
      expect(e, `${rider.method} ${rider.path}`).toBeDefined();
      // Its rows are the session's user's: a route that reads for anyone else (a coach, an operator) is not one.
      expect(declared(e!).access.kind, e!.key).toBe('signed-in');
    }
    expect(SESSION_RIDERS.length).toBeGreaterThan(0);
  });

  it('a route built without a declaration is refused when it is registered', () => {
    const bare = createOpenApiRoute({ method: 'get', path: '/x', responses: { 200: { description: 'ok' } } });
    expect(() => createRouter().openapi(bare, (c) => c.json({}, 200))).toThrow(/GET \/x: declare its access, risk and data use/);
    const route = createOpenApiRoute({
      method: 'post',
      path: '/y',
      request: { body: { content: { 'application/json': { schema: z.object({ a: z.string() }) } } } },
      responses: { 200: { description: 'ok' } },
    });
    expect(() => createRouter().openapi(route, (c) => c.json({}, 200))).toThrow(/POST \/y/);
  });

  it('the OpenAPI document shows each operation’s declaration, and the session scheme exactly where one is needed', () => {
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const m of HTTP_METHODS) {
        const op = ops[m];
        if (!op) continue;
        const e = ALL.find((x) => x.key === `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        const d = e?.declaration;
        if (!d) {
          problems.push(`${m} ${path}: not in the route table with a declaration`);
          continue;
        }
        if (op['x-access']?.kind !== d.access.kind) problems.push(`${m} ${path}: x-access ${JSON.stringify(op['x-access'])}`);
        if (op['x-risk'] !== (d.risk === 'normal' ? 'normal' : 'high')) problems.push(`${m} ${path}: x-risk ${op['x-risk']}`);
        if (op['x-data-use'] !== d.dataUse) problems.push(`${m} ${path}: x-data-use ${op['x-data-use']}`);
        if (!!op.security?.length !== (d.access.kind !== 'public')) problems.push(`${m} ${path}: security ${JSON.stringify(op.security)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('authentication → authorization → validation, on every route', () => {
  it('the two reported cases', async () => {
    const h = Harness.init();
    const anon = await h.json<ErrorBody>('/api/v1/ai-coach/conversations/abc');
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('UNAUTHENTICATED');
    const athlete = await h.signup();
    const rebuild = await h.json<ErrorBody>('/api/v1/admin/analytics/rebuild', { cookie: athlete.cookie, body: {} });
    expect(rebuild.status).toBe(403);
    expect(rebuild.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(rebuild.body.error.fields).toBeUndefined();
  });

  it('bad input answers 401 signed out, except on public routes', { timeout: 120_000 }, async () => {
    const h = Harness.init();
    const failures: string[] = [];
    for (const e of ALL) {
      if (declared(e).access.kind === 'public') continue;
      const problem = mismatch(await answer(h, e, null), 401, 'UNAUTHENTICATED');
      if (problem) failures.push(`${e.key}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });

  it('bad input answers 403 (404 where a coach route hides) to a signed-in user the route is not for', { timeout: 240_000 }, async () => {
    const h = Harness.init();
    const [athlete, coach, admin, w] = await Promise.all([
      h.signup(),
      h.userWithRole('coach'),
      h.userWithRole('admin'),
      coachOrg(h, { staff: 1 }),
    ]);
    const cookieOf = { athlete: athlete.cookie, coach: coach.cookie, admin: admin.cookie } as const;
    // Admins holding every permission but one, made on first need.
    const without = new Map<Permission, Promise<string>>();
    const adminWithout = (p: Permission) => {
      if (!without.has(p))
        without.set(
          p,
          h
            .userWithRole(
              'admin',
              PERMISSIONS.filter((x) => x !== p),
            )
            .then((u) => u.cookie),
        );
      return without.get(p)!;
    };
    const failures: string[] = [];
    let checked = 0;
    for (const e of ALL) {
      const { access } = declared(e);
      const cases: [string, string, number, string][] = [];
      if (access.kind === 'roles')
        for (const role of ['athlete', 'coach', 'admin'] as const)
          if (!access.roles.includes(role)) cases.push([role, cookieOf[role], 403, 'FORBIDDEN']);
      if (access.kind === 'permission')
        cases.push(
          ['athlete', athlete.cookie, 403, 'FORBIDDEN'],
          [`admin without ${access.permission}`, await adminWithout(access.permission), 403, 'FORBIDDEN'],
        );
      if (access.kind === 'org-member' || access.kind === 'org-owner')
        cases.push(['athlete', athlete.cookie, 404, 'NOT_FOUND'], ['coach with no org', coach.cookie, 404, 'NOT_FOUND']);
      if (access.kind === 'org-owner') cases.push(['staff coach', w.staff[0]!.cookie, 403, 'FORBIDDEN']);
      for (const [who, cookie, status, code] of cases) {
        checked++;
        const problem = mismatch(await answer(h, e, cookie), status, code);
        if (problem) failures.push(`${e.key} as ${who}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});

// Paths that touch credentials, secret URLs, money, external connections, data export or the account
// itself. A route matching one must carry the high-risk mark, or be listed below with the reason it need not.
const SEGMENT = (words: string) => new RegExp(`(^|/)([a-z0-9-]*-)?(${words})(-[a-z0-9-]*)?(/|$|\\.)`, 'i');
const RISKY: { what: string; pattern: RegExp; writesOnly: boolean }[] = [
  { what: 'credentials', pattern: SEGMENT('password|sessions|logout-all|tokens?|api-keys?|2fa|mfa|totp'), writesOnly: false },
  { what: 'credentials (email)', pattern: SEGMENT('email'), writesOnly: true },
  { what: 'a secret URL', pattern: SEGMENT('feed|calendar-feed|unsubscribe'), writesOnly: false },
  { what: 'money', pattern: SEGMENT('billing|checkout|portal|trial|subscriptions?|refunds?|payouts?|comps?|stripe'), writesOnly: true },
  { what: 'an external connection', pattern: SEGMENT('connections|connect|disconnect|authorize|callback|oauth'), writesOnly: false },
  { what: 'a data export', pattern: /(\/exports?(\/|$)|\.csv$)/i, writesOnly: false },
  { what: 'the account', pattern: SEGMENT('delete|deletions?|erasure|deactivate|close-account'), writesOnly: false },
  // Data-subject requests (ADR 043): every route of the athlete's privacy API, and every operator write of it.
  { what: 'a data-subject request', pattern: /^\/api\/v\d+\/privacy(\/|$)/, writesOnly: false },
  { what: 'a data-subject request (operator)', pattern: /^\/api\/v\d+\/admin\/privacy(\/|$)/, writesOnly: true },
  { what: 'an impersonation', pattern: SEGMENT('impersonation'), writesOnly: true },
];
const NOT_HIGH_RISK: Record<string, string> = {
  'GET /api/v1/plans/feed': 'whether a feed is on, as Settings → Training shows it; neither the URL nor a change',
  'GET /api/v1/social/feed': 'the social feed of posts, read with the session; no secret URL, no change',
  'POST /api/v1/coach/clients/:id/sessions/use': 'a client’s training sessions in the coach’s ledger, not sign-in sessions',
  'POST /api/v1/coach/clients/:id/sessions/release': 'a client’s training sessions in the coach’s ledger, not sign-in sessions',
  'DELETE /api/v1/admin/impersonation': 'ending the impersonation: the way back to the owner’s own session',
  'POST /webhooks/stripe': 'Stripe’s servers, by signature; no session ever comes with it',
  'GET /api/v1/connections/:provider': 'whether a live door is connected, as Data sources shows it; no token, no change',
  'GET /api/v1/connections/garmin/health': 'whether wellness from Garmin is kept, as Data sources shows it; no token, no change',
  'GET /api/v1/connections/:provider/wellness': 'whether wellness from a live door is on and when it last ran; no token, no change',
  // OAuth 2.1's public endpoints (ADR 107): an assistant calls them holding no session, and none is read.
  'GET /.well-known/oauth-authorization-server': 'the authorization server’s public metadata (RFC 8414): no session, no change',
  'OPTIONS /.well-known/oauth-authorization-server': 'its CORS preflight, answered empty',
  'GET /.well-known/oauth-protected-resource/mcp': 'the MCP endpoint’s public metadata (RFC 9728): no session, no change',
  'OPTIONS /.well-known/oauth-protected-resource/mcp': 'its CORS preflight, answered empty',
  'POST /oauth/token':
    'the token endpoint: a client proves itself with a code and its PKCE verifier, or a refresh token; the grant itself is made signed in, on the consent page',
  'OPTIONS /oauth/token': 'its CORS preflight, answered empty',
  'POST /oauth/register': 'dynamic client registration (RFC 7591): a client describes itself; no account is touched',
  'OPTIONS /oauth/register': 'its CORS preflight, answered empty',
};

const risky = (e: Endpoint) =>
  RISKY.filter((r) => r.pattern.test(e.path.replace(/:\w+/g, 'x')) && (!r.writesOnly || e.method !== 'GET')).map((r) => r.what);

describe('high-risk routes', () => {
  it('a route whose path looks risky carries the mark, or a stated reason it need not', () => {
    const problems: string[] = [];
    for (const e of ALL) {
      const looks = risky(e);
      const high = declared(e).risk !== 'normal';
      if (looks.length && !high && !(e.key in NOT_HIGH_RISK)) problems.push(`${e.key} touches ${looks.join(', ')}: mark it high-risk`);
      if (e.key in NOT_HIGH_RISK && (high || !looks.length)) problems.push(`${e.key}: a stale entry in NOT_HIGH_RISK`);
    }
    for (const key of Object.keys(NOT_HIGH_RISK)) if (!ALL.some((e) => e.key === key)) problems.push(`${key}: no such route`);
    expect(problems).toEqual([]);
  });

  it('every route that starts an export or a deletion is high-risk, with no exception list', () => {
    // Stricter than the check above: NOT_HIGH_RISK cannot excuse these. A new privacy route without the mark
    // fails here, and the services that start one also demand an initiator no impersonation can produce.
    const starts = (e: Endpoint) =>
      /^\/api\/v\d+\/privacy(\/|$)/.test(e.path) ||
      (e.method !== 'GET' && /^\/api\/v\d+\/admin\/privacy(\/|$)/.test(e.path)) ||
      /(^|\/)(exports?|deletions?|erasure)(\/|$)/.test(e.path.replace(/:\w+/g, 'x'));
    const unmarked = ALL.filter((e) => starts(e) && declared(e).risk === 'normal').map((e) => e.key);
    expect(unmarked).toEqual([]);
    expect(ALL.filter(starts).map((e) => e.key)).toContain('POST /api/v1/admin/privacy/deletions');
  });

  it('each refuses a real impersonation whatever the input, and not the user’s own session', { timeout: 240_000 }, async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const impersonate = async (target: { id: string }) => {
      const res = await h.call('/api/v1/admin/impersonation', {
        cookie: owner.cookie,
        body: { userId: target.id, reason: 'Route access test' },
      });
      if (res.status !== 201) throw new Error(`impersonation failed: ${res.status} ${await res.text()}`);
      return `${owner.cookie}; ${impCookieFrom(res)}`;
    };
    const athlete = await h.signup().then((s) => ({ id: s.user.id, cookie: s.cookie }));
    const w = await coachOrg(h);
    const targets = new Map<string, Promise<{ own: string; both: string }>>();
    const as = (name: string, make: () => Promise<{ id: string; cookie: string }>) => {
      if (!targets.has(name))
        targets.set(
          name,
          make().then(async (t) => ({ own: t.cookie, both: await impersonate(t) })),
        );
      return targets.get(name)!;
    };
    // The target is someone the route is for, so only the mark can be what refuses.
    const targetFor = (d: RouteDeclaration) => {
      const { access } = d;
      if (access.kind === 'org-member' || access.kind === 'org-owner') return as('org owner', async () => w.coach);
      if (access.kind === 'permission') return as(`admin ${access.permission}`, () => h.userWithRole('admin', [access.permission]));
      if (access.kind === 'roles' && access.roles.includes('coach')) return as('coach', () => h.userWithRole('coach'));
      if (access.kind === 'roles' && access.roles.includes('admin')) return as('admin', () => h.userWithRole('admin'));
      return as('athlete', async () => athlete);
    };
    const high = ALL.filter((e) => declared(e).risk !== 'normal');
    // Signing out everywhere ends the impersonation too: last.
    high.sort((a, b) => Number(a.path.endsWith('/logout-all')) - Number(b.path.endsWith('/logout-all')));
    const failures: string[] = [];
    for (const e of high) {
      const d = declared(e);
      const act = d.risk === 'normal' ? '' : d.risk.high;
      const t = await targetFor(d);
      const problem = mismatch(
        await answer(h, e, t.both),
        403,
        'IMPERSONATION_BLOCKED',
        new RegExp(`^You cannot ${act} while impersonating`),
      );
      if (problem) failures.push(`${e.key} impersonating: ${problem}`);
    }
    for (const e of high) {
      const t = await targetFor(declared(e));
      const own = await answer(h, e, t.own);
      if (own.body?.error?.code === 'IMPERSONATION_BLOCKED' || own.status >= 500)
        failures.push(`${e.key} own session: ${own.status} ${own.text}`);
    }
    expect(failures).toEqual([]);
    expect(high.length).toBeGreaterThan(30);
  });
});
