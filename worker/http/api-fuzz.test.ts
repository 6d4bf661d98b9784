// The API fuzz probe, made permanent. Every operation of /api/openapi.json (and every plain route the
// router serves besides) is sent malformed input as a user of the right role, with real ids of that
// user's world: wrong types for each body field, NUL and control characters, 100k-character strings,
// broken Unicode, `{}` and only-unknown-keys bodies, bad path ids and query values. The answer is never
// a 5xx, and every 4xx is exactly the one error shape with its request id. A new route is covered by
// construction: the operations come from the document and the router, each one's valid request must
// succeed first (so every mutation of it, one field off, gets as deep as a real request: past tenancy,
// existence and state to the database), and the last check proves each one was exercised.

import { env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import { parseEnv } from '../env';
import { sandbox } from '../features/coach-os/sms/sms-testing';
import { Harness, type Call } from '../testing/harness';
import {
  HTTP_METHODS,
  Turns,
  exampleOf,
  getAt,
  malformedFor,
  malformedParams,
  pathsOf,
  pool,
  setAt,
  type OpenApiDoc,
  type Operation,
} from '../testing/fuzz';
import { kit, TARGETS, type Target } from './api-fuzz-targets.testing';
import { BODY_OVERRIDES, FINISHING, NO_BASELINE, PLAIN_ROUTE_QUERIES, QUERY_OVERRIDES, whoFor, world } from './api-fuzz.testing';

interface Probe {
  op: string;
  what: string;
  path: string;
  init: Call;
  /** The valid request every mutation is derived from; it must succeed. */
  baseline?: boolean;
  /** What the server receives (the email made unique aside): two probes of one operation with it equal are one request. */
  request?: string;
}
type World = Awaited<ReturnType<typeof world>>;

/** Every operation: the document's, plus the router's plain routes (the catch-alls aside). */
function operations(doc: OpenApiDoc): { key: string; path: string; method: string; op: Operation }[] {
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
function probesFor(doc: OpenApiDoc, o: ReturnType<typeof operations>[number], w: World, turns: Turns, target: Target = {}): Probe[] {
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
    ['body not JSON', { body: '{"a":' }],
    ['body with a raw NUL', { body: '{"a":"\u0000"}' }],
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

/** Bodies the document cannot describe (webhooks' raw and form bodies, multipart uploads): a few malformed ones each. */
async function webhookProbes(cookie: string | null): Promise<Probe[]> {
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://api.twilio.com' };
  const signedNul = await sandbox.inbound('+15550100001', 'Y\u0000');
  const signedHuge = await sandbox.inbound('+15550100001', 'Y'.repeat(100_000));
  const twilio = (what: string, init: Partial<Call>): Probe => ({
    op: 'POST /webhooks/twilio/sms',
    what,
    path: '/webhooks/twilio/sms',
    init: { method: 'POST', ...init },
  });
  const upload = (what: string, name: string): Probe => {
    const body = new FormData();
    body.set('file', new File(['<gpx></gpx>'], name));
    return { op: 'POST /api/v1/imports', what, path: '/api/v1/imports', init: { method: 'POST', body, cookie } };
  };
  const garmin = (what: string, init: Partial<Call>): Probe => ({
    op: 'POST /webhooks/garmin',
    what,
    path: '/webhooks/garmin',
    init: { method: 'POST', ...init },
  });
  const garminId = { 'garmin-client-id': parseEnv(env).GARMIN_CLIENT_ID ?? '', 'content-type': 'application/json' };
  const stripe = (what: string, init: Partial<Call>): Probe => ({
    op: 'POST /webhooks/stripe',
    what,
    path: '/webhooks/stripe',
    init: { method: 'POST', ...init },
  });
  return [
    garmin('a ping without the client id', { body: '{"activityFiles":[]}', headers: { 'content-type': 'application/json' } }),
    garmin('a NUL body with the client id', { body: '\u0000', headers: garminId }),
    garmin('a ping whose name has a NUL', {
      body: JSON.stringify({
        activityFiles: [
          { userId: 'a'.repeat(32), summaryId: '1', fileType: 'FIT', callbackURL: 'https://x.example/', activityName: 'a\u0000b' },
        ],
      }),
      headers: garminId,
    }),
    garmin('a ping with a 100k user id', {
      body: JSON.stringify({ deregistrations: [{ userId: 'x'.repeat(100_000) }] }),
      headers: garminId,
    }),
    garmin('a body over the 10 MiB limit', { body: `{"x":"${'x'.repeat(11 * 1024 * 1024)}"}`, headers: garminId }),
    twilio('a JSON body', { body: { Body: 'Y' } }),
    twilio('an unsigned form', { body: 'Body=Y&From=%2B15550100001', headers: form }),
    twilio('an unsigned form with NUL', { body: 'Body=%00&From=%00&MessageSid=%00', headers: form }),
    twilio('a signed form whose Body has a NUL', {
      body: new URLSearchParams(signedNul.params).toString(),
      headers: { ...form, 'x-twilio-signature': signedNul.signature },
    }),
    twilio('a signed form with a 100k Body', {
      body: new URLSearchParams(signedHuge.params).toString(),
      headers: { ...form, 'x-twilio-signature': signedHuge.signature },
    }),
    twilio('a form over the body limit', { body: `Body=${'x'.repeat(2 * 1024 * 1024)}`, headers: form }),
    twilio('broken form encoding', { body: 'Body=%E0%A4%A&%ZZ', headers: { ...form, 'x-twilio-signature': 'x' } }),
    upload('a multipart file named with a NUL', 'a\u0000b.gpx'),
    upload('a multipart file named with a line break', 'a\nb.gpx'),
    upload('a multipart file with a 100k name', `${'x'.repeat(100_000)}.gpx`),
    stripe('a raw NUL body, garbage signature', {
      body: '\u0000',
      headers: { 'stripe-signature': 't=1,v1=00', 'content-type': 'application/json' },
    }),
    stripe('a signature header that is not one', {
      body: '{}',
      headers: { 'stripe-signature': 't=%00,v1=,t=-1,t=1e999', 'content-type': 'application/json' },
    }),
    stripe('a 100k body', {
      body: JSON.stringify({ id: 'evt_x', data: 'x'.repeat(100_000) }),
      headers: { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, 'content-type': 'application/json' },
    }),
    stripe('a signature far in the future', {
      body: '{}',
      headers: { 'stripe-signature': `t=${Math.floor(Date.now() / 1000) + 4000},v1=${'0'.repeat(64)}`, 'content-type': 'application/json' },
    }),
  ];
}

/** What is wrong with an answer, or null: a 5xx, or a 4xx that is not exactly the one error shape. */
async function problemWith(res: Response): Promise<string | null> {
  const text = await res.text();
  if (res.status >= 500) return `${res.status} ${text.slice(0, 200)}`;
  if (res.status < 400) return null;
  // Deliberately untyped: the point is to check that an arbitrary answer has exactly the error shape.
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `${res.status} not JSON: ${text.slice(0, 120)}`;
  }
  const e = body?.error;
  const fieldsOk =
    e?.fields === undefined ||
    (Array.isArray(e.fields) &&
      e.fields.every(
        (f: any) => Object.keys(f).sort().join() === 'message,path' && typeof f.path === 'string' && typeof f.message === 'string',
      ));
  const ok =
    Object.keys(body ?? {}).join() === 'error' &&
    Object.keys(e ?? {}).every((k) => ['code', 'message', 'requestId', 'reason', 'fields', 'entitlement', 'quota'].includes(k)) &&
    (e.reason === undefined || (typeof e.reason === 'string' && e.reason.length > 0)) &&
    typeof e.code === 'string' &&
    typeof e.message === 'string' &&
    e.message.length > 0 &&
    typeof e.requestId === 'string' &&
    e.requestId.length > 0 &&
    e.requestId === res.headers.get('x-request-id') &&
    fieldsOk;
  return ok ? null : `${res.status} not the error shape: ${text.slice(0, 200)}`;
}

// Three steps, each with its own time limit (one 300 s test timed out on a loaded machine while every answer was
// right): the world and the valid requests, the mutations, then what cancels or deletes and the coverage checks.
// They share the file's database and run in order, as tests in one file do.
describe('API fuzz', () => {
  // Made in the first step (its database handle closes with it); the later steps only send requests.
  let h: Harness;
  const failures: string[] = [];
  const failedBaselines: string[] = [];
  const exercised = new Set<string>();
  let ops: ReturnType<typeof operations> = [];
  let probes: Probe[] = [];
  let send: (p: Probe) => () => Promise<void> = () => async () => undefined;
  const finishing = (p: Probe) => p.init.method === 'DELETE' || FINISHING.test(p.op);
  const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

  it('makes a world and a target per operation, and every valid request succeeds', { timeout: 300_000 }, async () => {
    // Warnings (ignored webhooks, refused signatures) are expected by the thousand here; errors still show.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    h = Harness.init();
    const started = Date.now();
    const doc = (await h.json<OpenApiDoc>('/api/openapi.json')).body;
    const w = await world(h);
    ops = operations(doc);
    const keys = new Set(ops.map((o) => o.key));
    expect(
      Object.keys(TARGETS).filter((key) => !keys.has(key)),
      'targets of operations that no longer exist',
    ).toEqual([]);

    // Each operation's target: made once, or twice when its valid request uses it up (one for the mutations).
    const k = kit(h, w.people);
    const made = new Map<string, { baseline: Target; mutations: Target }>();
    await pool(
      ops.map((o) => async () => {
        const spec = TARGETS[o.key];
        if (!spec) return;
        const baseline = await spec.make(k);
        made.set(o.key, { baseline, mutations: spec.consumes ? await spec.make(k) : baseline });
      }),
      6,
    );
    const baselines = ops
      .filter((o) => !(o.key in NO_BASELINE))
      .map((o) => probesFor(doc, o, w, new Turns(), made.get(o.key)?.baseline)[0]!);
    const turns = new Turns();
    probes = [
      ...ops.flatMap((o) => probesFor(doc, o, w, turns, made.get(o.key)?.mutations).filter((p) => !p.baseline)),
      ...(await webhookProbes(w.cookies.athlete)),
    ];

    // A redirect is a success only where the operation documents one (OAuth hops, the unsubscribe page), and
    // only when it does not carry an error back to the page (`?error=…`, as those routes report failures).
    const redirects = new Set(ops.filter((o) => Object.keys(o.op.responses ?? {}).some((c) => c.startsWith('3'))).map((o) => o.key));
    const succeeded = (p: Probe, res: Response) =>
      res.status < 300 || (res.status < 400 && redirects.has(p.op) && !/[?&]error=/.test(res.headers.get('location') ?? ''));
    send = (p: Probe) => async () => {
      const res = await h.call(p.path, p.init);
      exercised.add(p.op);
      if (p.baseline && !succeeded(p, res)) failedBaselines.push(`${p.op}: ${res.status} ${(await res.clone().text()).slice(0, 200)}`);
      const problem = await problemWith(res);
      if (problem) failures.push(`${p.op} — ${p.what}: ${problem}`);
    };
    const checked = Date.now();
    await pool(baselines.map(send), 6);
    console.info(
      `api fuzz: ${baselines.length} valid requests over ${ops.length} operations in ${elapsed(checked)} (world ${elapsed(started)})`,
    );
    expect(failures).toEqual([]);
    // Each mutation differs from a valid request by one field, so it proves something only if that request succeeds.
    expect(
      failedBaselines,
      'valid requests that did not succeed: give the operation a target (<feature>.fuzz.testing.ts beside its routes)',
    ).toEqual([]);
    expect(ops.length).toBeGreaterThan(90);
  });

  // The mutations in four steps by operation (each with its own limit): on a loaded machine two halves took up to
  // 260 s each while every answer was right, and every new feature adds operations.
  const PARTS = 4;
  for (const part of [0, 1, 2, 3] as const) {
    it(`answers malformed input to every operation with a 4xx in the one error shape, never a 5xx (part ${part + 1} of ${PARTS})`, {
      timeout: 300_000,
    }, async () => {
      expect(probes.length, 'the world step ran').toBeGreaterThan(0);
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const began = Date.now();
      const keys = [...new Set(ops.map((o) => o.key))].sort();
      const mine = new Set(keys.filter((_, i) => i % PARTS === part));
      // Probes of no documented operation (the webhooks) go with the first part.
      const inPart = (op: string) => (keys.includes(op) ? mine.has(op) : part === 0);
      const middle = probes.filter((p) => !finishing(p) && inPart(p.op));
      await pool(middle.map(send), 6);
      console.info(`api fuzz: ${middle.length} mutations in ${elapsed(began)}`);
      expect(failures).toEqual([]);
    });
  }

  it('then what cancels, completes or deletes, and every operation was sent a request', { timeout: 300_000 }, async () => {
    expect(probes.length, 'the world step ran').toBeGreaterThan(0);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await pool(probes.filter(finishing).map(send), 6);
    expect(failures).toEqual([]);
    expect(
      ops.map((o) => o.key).filter((key) => !exercised.has(key)),
      'operations the fuzz never sent a request to',
    ).toEqual([]);
  });
});

describe('a NUL in the address', () => {
  it('is refused with 400 in the error shape before any route or page runs', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    for (const path of [
      '/coach/clients/%00',
      '/activities/%00',
      '/settings?tab=%00',
      '/api/v1/activities?before=%00',
      '/api/v1/nowhere/%00',
      '/webhooks/strava?hub.challenge=%00',
    ]) {
      const res = await h.call(path, { cookie });
      expect(res.status, path).toBe(400);
      expect(await problemWith(res), path).toBeNull();
    }
  });
});
