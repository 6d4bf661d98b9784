// The app's own route table for the route tests (route-access, state-changing routes): every endpoint it
// serves, with the declaration that guards it and its OpenAPI operation, and a request no schema accepts.
import { createApp } from '../app';
import type { ErrorBody } from '../testing/bodies';
import type { OpenApiDoc, Operation } from '../testing/fuzz';
import type { Call, Harness } from '../testing/harness';
import { declarationOf, type RouteDeclaration } from './access';

export const app = createApp();
export const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'access', version: '1' } }) as unknown as OpenApiDoc & {
  paths: Record<
    string,
    Record<
      string,
      Operation & { security?: unknown[]; 'x-access'?: { kind: string }; 'x-risk'?: string; 'x-data-use'?: string; 'x-effect'?: string }
    >
  >;
};

// The app-wide middleware (request context, security, the demo and password gates) and the catch-alls.
const APP_WIDE = new Set(['*', '/*', '/api/*', '/webhooks/*']);
const covers = (pattern: string, path: string) => pattern === path || (pattern.endsWith('/*') && path.startsWith(pattern.slice(0, -1)));

export interface Endpoint {
  key: string;
  method: string;
  /** Hono's pattern (`/api/v1/coach/clients/:id`). */
  path: string;
  declaration: RouteDeclaration | undefined;
  /** Whether the first thing the route runs (after the app-wide middleware) is its guard. */
  guardFirst: boolean;
  op: Operation | undefined;
}

/** Every endpoint the app serves, from its route table, with the declaration that guards it. */
function endpoints(): Endpoint[] {
  const out = new Map<string, Endpoint>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.endsWith('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (out.has(key)) continue;
    const chain = app.routes.filter(
      (x) => !APP_WIDE.has(x.path) && (x.method === r.method || x.method === 'ALL') && covers(x.path, r.path),
    );
    const declaration = chain.map((x) => declarationOf(x.handler)).find((d) => d !== undefined);
    const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
    out.set(key, { key, method: r.method, path: r.path, declaration, guardFirst: !!declarationOf(chain[0]?.handler), op });
  }
  return [...out.values()];
}

export const ALL = endpoints();

export const declared = (e: Endpoint): RouteDeclaration => {
  if (!e.declaration) throw new Error(`${e.key}: no declaration`);
  return e.declaration;
};

/** The endpoint called with input no schema accepts: junk path ids and query values, a JSON array as the body. */
function badRequest(e: Endpoint, cookie: string | null, headers?: Record<string, string>): [string, Call] {
  const path = e.path.replace(/:(\w+)(\{[^}]*\})?/g, 'not-a-valid-id');
  const query = (e.op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${encodeURIComponent(p.name)}=not%20valid`);
  const url = query.length ? `${path}?${query.join('&')}` : path;
  return [url, { method: e.method, cookie, ...(headers ? { headers } : {}), ...(e.method === 'GET' ? {} : { body: [] }) }];
}

/** `headers`: sent as well (an API key's Authorization). */
export async function answer(h: Harness, e: Endpoint, cookie: string | null, headers?: Record<string, string>) {
  const [url, init] = badRequest(e, cookie, headers);
  const res = await h.call(url, init);
  const text = await res.text();
  let body: ErrorBody | null = null;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // not JSON: reported by the caller
  }
  return { status: res.status, body, text: text.slice(0, 200), errorCode: res.headers.get('x-error-code') };
}

/** What is wrong with an answer, or null: the status and code expected, in the one error shape. */
export function mismatch(got: Awaited<ReturnType<typeof answer>>, status: number, code: string, message?: RegExp): string | null {
  const e = got.body?.error;
  const shaped = !!e && typeof e.message === 'string' && e.message.length > 0 && typeof e.requestId === 'string' && e.requestId.length > 0;
  if (got.status === status && shaped && e.code === code && (!message || message.test(e.message))) return null;
  return `${got.status} ${got.text}, expected ${status} ${code}`;
}
