// The API fuzz's probes: every operation the document and the router know, and for each its valid request and the
// malformed requests derived from it (api-fuzz.test.ts sends them).
import { createApp } from '../app';
import {
  HTTP_METHODS,
  type Turns,
  exampleOf,
  getAt,
  malformedFor,
  malformedParams,
  pathsOf,
  setAt,
  type OpenApiDoc,
  type Operation,
} from '../testing/fuzz';
import type { Call } from '../testing/harness';
import type { Target } from './api-fuzz-targets.testing';
import { BODY_OVERRIDES, NO_BASELINE, PLAIN_ROUTE_QUERIES, QUERY_OVERRIDES } from './api-fuzz-overrides.testing';
import { whoFor, type world } from './api-fuzz.testing';

export interface Probe {
  op: string;
  what: string;
  path: string;
  init: Call;
  /** The valid request every mutation is derived from; it must succeed. */
  baseline?: boolean;
  /** What the server receives (the email made unique aside): two probes of one operation with it equal are one request. */
  request?: string;
}
export type World = Awaited<ReturnType<typeof world>>;

/** Every operation: the document's, plus the router's plain routes (the catch-alls aside). */
export function operations(doc: OpenApiDoc): { key: string; path: string; method: string; op: Operation }[] {
  const fromDoc = Object.entries(doc.paths).flatMap(([path, ops]) =>
    HTTP_METHODS.filter((m) => ops[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, path, method: m.toUpperCase(), op: ops[m]! })),
  );
  const known = new Set(fromDoc.map((o) => o.key));
  const fromRouter = createApp()
    .routes.filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
    .map((r) => ({
      key: `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`,
      path: r.path.replace(/:(\w+)/g, '{$1}'),
      method: r.method,
      op: {} as Operation,
    }))
    .filter((o) => !known.has(o.key) && known.add(o.key));
  return [...fromDoc, ...fromRouter];
}

/** The operation's valid request and its mutations, on `target` where the world's ids are not what it acts on. */
export function probesFor(doc: OpenApiDoc, o: ReturnType<typeof operations>[number], w: World, turns: Turns, target: Target = {}): Probe[] {
  const cookie = target.cookie !== undefined ? target.cookie : w.cookies[whoFor(o.path)];
  const params = o.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const validPath: Record<string, string> = Object.fromEntries(
    pathParams.map((p) => {
      const before = o.path.split(`/{${p.name}}`)[0]!.split('/').pop()!;
      return [p.name, target.params?.[p.name] ?? (p.schema?.enum ? String(p.schema.enum[0]) : (w.ids[before] ?? crypto.randomUUID()))];
    }),
  );
  const validQuery: Record<string, string> =
    target.query ??
    PLAIN_ROUTE_QUERIES[o.key] ??
    QUERY_OVERRIDES[o.key] ??
    Object.fromEntries(queryParams.map((p) => [p.name, String(exampleOf(doc, p.schema, p.name))]));
  const url = (path: Record<string, string>, query: Record<string, string>, raw = false) => {
    const p = o.path.replace(/\{(\w+)\}/g, (_, n: string) => path[n] ?? 'x');
    const q = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${raw ? v : encodeURIComponent(v)}`);
    return q.length ? `${p}?${q.join('&')}` : p;
  };
  const jsonSchema = o.op.requestBody?.content?.['application/json']?.schema;
  const validBody =
    target.body ?? w.bodies[o.key] ?? (jsonSchema ? (BODY_OVERRIDES[o.key] ?? exampleOf(doc, jsonSchema, '', w.hints)) : undefined);
  const base: Call = { method: o.method, cookie, ...(target.headers ? { headers: target.headers } : {}) };
  // An email is unique per request (registrations, invitations), so no probe stops at "already taken".
  const fresh = (body: unknown) =>
    target.body === undefined &&
    body &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    (body as { email?: unknown }).email === (validBody as { email?: unknown } | undefined)?.email &&
    typeof (body as { email?: unknown }).email === 'string'
      ? { ...body, email: `fuzz-${crypto.randomUUID().slice(0, 8)}@example.test` }
      : body;
  const probe = (what: string, path: string, init: Partial<Call> = {}, baseline = false): Probe => {
    const full: Call = { ...base, ...(validBody !== undefined ? { body: validBody } : {}), ...init };
    if (init.headers) full.headers = { ...base.headers, ...init.headers };
    const request = requestText(path, full);
    return { op: o.key, what, path, init: 'body' in full ? { ...full, body: fresh(full.body) } : full, baseline, request };
  };
  const home = url(validPath, validQuery);
  const out: Probe[] = [];

  if (!(o.key in NO_BASELINE)) out.push(probe('the valid request', home, {}, true));
  // Unknown and junk query parameters reach every operation.
  out.push(probe('unknown query parameters with NUL', `${home}${home.includes('?') ? '&' : '?'}fuzz=%00&%00=1`));
  for (const p of pathParams)
    for (const bad of malformedParams(turns))
      out.push(probe(`path ${p.name}=${bad.slice(0, 20)}`, url({ ...validPath, [p.name]: bad }, validQuery)));
  for (const name of Object.keys(validQuery)) {
    for (const bad of malformedParams(turns))
      out.push(probe(`query ${name}=${bad.slice(0, 20)}`, url(validPath, { ...mapEncoded(validQuery), [name]: bad }, true)));
    out.push(probe(`query ${name} given twice`, `${home}&${encodeURIComponent(name)}=%00`));
    out.push(probe(`query ${name} missing`, url(validPath, Object.fromEntries(Object.entries(validQuery).filter(([k]) => k !== name)))));
  }
  if (o.method === 'GET') return distinct(out);

  // The body as a whole: empty, only unknown keys, not an object (by turns), not JSON, not declared as JSON.
  const wholeBodies: [string, Partial<Call>][] = [
    ['body {}', { body: {} }],
    ['body with only unknown keys', { body: { fuzzUnknown: 1, '\u0000': '\u0000', nested: { deep: [1] } } }],
    turns.pick<[string, Partial<Call>]>([
      ['body []', { body: [] }],
      ['body null', { body: 'null' }],
      ['body "text"', { body: '"text"' }],
      ['body 12', { body: '12' }],
    ]),
    // A raw NUL inside a JSON string is not JSON either: one check (the parser's), the two take turns.
    turns.pick<[string, Partial<Call>]>([
      ['body not JSON', { body: '{"a":' }],
      ['body with a raw NUL', { body: '{"a":"\u0000"}' }],
    ]),
    ['body declared text/plain', { body: JSON.stringify(validBody ?? {}), headers: { 'content-type': 'text/plain' } }],
    ['no body at all', { body: undefined }],
  ];
  for (const [what, init] of wholeBodies) out.push(probe(what, home, init));
  // One field at a time, every other field valid, so only that field can be the reason.
  if (validBody && typeof validBody === 'object') {
    for (const at of pathsOf(validBody)) {
      for (const bad of malformedFor(getAt(validBody, at), turns))
        out.push(
          probe(`field ${at.join('.')} = ${bad instanceof Uint8Array ? `${bad.length} bytes` : JSON.stringify(bad)?.slice(0, 24)}`, home, {
            body: setAt(validBody, at, bad),
          }),
        );
      // The field left out (a required one must be named, an optional one is fine).
      out.push(probe(`field ${at.join('.')} left out`, home, { body: setAt(validBody, at, undefined) }));
    }
  }
  return distinct(out);
}

/** A call as the bytes the worker receives: a JSON body as the harness encodes it, bytes as their values. */
const requestText = (path: string, c: Call) =>
  JSON.stringify([
    c.method,
    path,
    c.cookie,
    c.headers,
    c.body instanceof Uint8Array ? [...c.body] : typeof c.body === 'string' || c.body === undefined ? c.body : JSON.stringify(c.body),
  ]);

// Mutations that come out as one request were sent once per way of making it: an array's first item null,
// left out (`[null]` in JSON) and the array `[null]`; a one-field body with it left out and `{}`. The valid
// request is kept apart, so every mutation is still sent after it.
function distinct(probes: Probe[]): Probe[] {
  const seen = new Set<string>();
  return probes.filter((p) => p.baseline || !p.request || (!seen.has(p.request) && !!seen.add(p.request)));
}

const mapEncoded = (q: Record<string, string>) => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, encodeURIComponent(v)]));
