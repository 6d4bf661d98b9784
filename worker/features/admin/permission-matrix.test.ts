// The operator console's permission matrix, generated from the app's own route table: every admin API
// operation (OpenAPI document plus plain router routes) and every admin page (the Remix build) must have
// a row in permission-matrix.table.ts, and each row is checked against every kind of caller.
import { describe, expect, it } from 'vitest';
// @ts-ignore -- produced by `npm run build` (remix vite:build) before the tests run.
import * as build from '../../../web/build/server/index.js';
import { createApp } from '../../app';
import { users } from '../../db/schema';
import { HTTP_METHODS, exampleOf, type OpenApiDoc, type Operation } from '../../testing/fuzz';
import { Harness, PASSWORD, uniqueEmail, type Call } from '../../testing/harness';
import { DEMO_PERMISSIONS, PERMISSIONS, hashPassword, type Permission } from '../auth';
import { API_ROUTES, PAGES, rowOf, type Gate, type Row } from './permission-matrix.table';

const app = createApp();
const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'matrix', version: '1' } }) as unknown as OpenApiDoc;

/** Every admin API operation: the document's, plus any plain router route it does not describe. */
function apiOperations(): Map<string, Operation> {
  const ops = new Map<string, Operation>();
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/admin/')) continue;
    for (const m of HTTP_METHODS) if (byMethod[m]) ops.set(`${m.toUpperCase()} ${path}`, byMethod[m]);
  }
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.endsWith('*') || !r.path.startsWith('/api/v1/admin/')) continue;
    const key = `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`;
    if (!ops.has(key)) ops.set(key, {});
  }
  return ops;
}

interface BuildRoute {
  id: string;
  parentId?: string;
  path?: string;
  module: { action?: unknown };
}
const remixRoutes = (build as unknown as { routes: Record<string, BuildRoute> }).routes;
const adminPages = Object.keys(remixRoutes).filter((id) => id.startsWith('routes/_app.admin'));

/** A page's URL pattern, its parents' paths joined (`/admin/athletes/:id`). */
function urlOf(id: string): string {
  const parts: string[] = [];
  for (let r = remixRoutes[id]; r; r = r.parentId ? remixRoutes[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  return `/${parts.join('/')}`;
}

type Who = 'anonymous' | 'athlete' | 'demo' | 'without' | 'granted';

/** The callers of the matrix; admins are made per permission (only it, and every one but it), once each. */
async function world(h: Harness) {
  const athlete = await h.signup();
  const owner = await h.userWithRole('owner');
  const email = uniqueEmail('demo');
  await h.db.insert(users).values({ email, passwordHash: await hashPassword(PASSWORD), displayName: 'Test demo', role: 'demo' });
  const demo = await h.login(email, PASSWORD);
  const admins = new Map<string, Promise<string>>();
  const admin = (grants: readonly Permission[]) => {
    const key = [...grants].sort().join(',');
    if (!admins.has(key))
      admins.set(
        key,
        h.userWithRole('admin', [...grants]).then((u) => u.cookie),
      );
    return admins.get(key)!;
  };
  const cookieFor = async (who: Who, gate: Gate): Promise<string | null> => {
    if (who === 'anonymous') return null;
    if (who === 'athlete') return athlete.cookie;
    if (who === 'demo') return demo;
    if (gate === 'owner') return who === 'granted' ? owner.cookie : admin(PERMISSIONS);
    if (gate === 'operator') return admin(['invites.manage']);
    return who === 'granted' ? admin([gate]) : admin(PERMISSIONS.filter((p) => p !== gate));
  };
  return { athleteId: athlete.user.id, cookieFor };
}

/** What each caller must get: `refuse` a 401/403 (or the row's documented 404), `allow` anything else. */
function expectations(row: Row, mutation: boolean): [Who, 'unauthenticated' | 'refuse' | 'allow'][] {
  const demoReads = !mutation && (row.gate === 'operator' || DEMO_PERMISSIONS.includes(row.gate as Permission));
  return [
    ['anonymous', 'unauthenticated'],
    ['athlete', 'refuse'],
    ...(row.gate === 'operator' ? [] : [['without', 'refuse'] as [Who, 'refuse']]),
    ['demo', demoReads ? 'allow' : 'refuse'],
    ...(row.skipGranted ? [] : [['granted', 'allow'] as [Who, 'allow']]),
  ];
}

function verdict(status: number, location: string | null, want: 'unauthenticated' | 'refuse' | 'allow', page: boolean, row: Row, who: Who) {
  const toLogin = status === 302 && !!location?.startsWith('/login');
  if (want === 'unauthenticated') return page ? toLogin : status === 401;
  if (want === 'refuse') return status === 403 || (who === 'athlete' && !!row.athlete404 && status === 404);
  return status !== 401 && status !== 403 && !toLogin;
}

describe('admin permission matrix', () => {
  it('has a row for every admin API route and every admin page, and no row for a route that is gone', () => {
    const ops = apiOperations();
    const problems = [
      ...[...ops.keys()].filter((k) => !(k in API_ROUTES)).map((k) => `${k}: no row in API_ROUTES (permission-matrix.table.ts)`),
      ...Object.keys(API_ROUTES)
        .filter((k) => !ops.has(k))
        .map((k) => `${k}: a row for a route the app does not serve`),
      ...adminPages.filter((id) => !(id in PAGES)).map((id) => `${id} (${urlOf(id)}): no row in PAGES (permission-matrix.table.ts)`),
      ...Object.keys(PAGES)
        .filter((id) => !adminPages.includes(id))
        .map((id) => `${id}: a row for a page the app does not have`),
    ];
    expect(problems).toEqual([]);
    expect(ops.size).toBeGreaterThan(20);
  });

  it('answers every API route as its row says, for every kind of caller', async () => {
    const h = Harness.init();
    const w = await world(h);
    const failures: string[] = [];
    for (const [key, op] of apiOperations()) {
      const entry = API_ROUTES[key];
      if (!entry) continue;
      const row = rowOf(entry);
      const [method, pattern] = key.split(' ') as [string, string];
      const params = Object.fromEntries(
        (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, String(exampleOf(doc, p.schema, p.name))]),
      );
      const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const qs = query.length
        ? `?${query.map((p) => `${p.name}=${encodeURIComponent(String(exampleOf(doc, p.schema, p.name)))}`).join('&')}`
        : '';
      const path = pattern.replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? crypto.randomUUID()) + qs;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const body = row.body ?? (schema ? exampleOf(doc, schema) : undefined);
      for (const [who, want] of expectations(row, method !== 'GET')) {
        const init: Call = { method, cookie: await w.cookieFor(who, row.gate), ...(body !== undefined ? { body } : {}) };
        const res = await h.call(path, init);
        if (!verdict(res.status, res.headers.get('location'), want, false, row, who))
          failures.push(`${key} as ${who} (${row.gate}): ${res.status}, expected ${want} — ${(await res.text()).slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers every admin page (loader, and action where there is one) as its row says', async () => {
    const h = Harness.init();
    const w = await world(h);
    const failures: string[] = [];
    for (const id of adminPages) {
      const entry = PAGES[id];
      if (!entry) continue;
      const row = rowOf(entry);
      const url = urlOf(id).replace(/:\w+/g, w.athleteId);
      const hasAction = typeof remixRoutes[id]?.module.action === 'function';
      for (const mutation of hasAction ? [false, true] : [false]) {
        for (const [who, want] of expectations(row, mutation)) {
          const form = new FormData();
          form.set('intent', 'permission-matrix-probe');
          const init: Call = {
            method: mutation ? 'POST' : 'GET',
            cookie: await w.cookieFor(who, row.gate),
            ...(mutation ? { body: form } : {}),
          };
          const res = await h.call(url, init);
          if (!verdict(res.status, res.headers.get('location'), want, true, row, who))
            failures.push(
              `${id} ${init.method} ${url} as ${who} (${row.gate}): ${res.status} ${res.headers.get('location') ?? ''}, expected ${want}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
