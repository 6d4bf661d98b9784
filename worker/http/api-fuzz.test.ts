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
import { parseEnv } from '../env';
import { sandbox } from '../features/coach-os/sms/sms-testing';
import { Harness, type Call } from '../testing/harness';
import { Turns, pool, type OpenApiDoc } from '../testing/fuzz';
import { operations, probesFor, type Probe } from './api-fuzz-probes.testing';
import { kit, TARGETS, type Target } from './api-fuzz-targets.testing';
import { FINISHING, NO_BASELINE } from './api-fuzz-overrides.testing';
import { world } from './api-fuzz.testing';

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

// OAuth's token and registration endpoints answer in the protocol's own error shape (RFC 6749 §5.2, RFC 7591 §3.2.2),
// which clients parse (ADR 107): the fuzz holds them to that shape instead of ours, and still never a 5xx.
const OAUTH_ERROR_OPS = new Set(['POST /oauth/token', 'POST /oauth/register']);
const oauthShaped = (body: any) =>
  typeof body?.error === 'string' &&
  body.error.length > 0 &&
  Object.keys(body).every((k) => ['error', 'error_description', 'error_uri'].includes(k));

/** What is wrong with an answer, or null: a 5xx, or a 4xx that is not exactly the one error shape (or OAuth's, there). */
async function problemWith(res: Response, op = ''): Promise<string | null> {
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
  // Our own refusals before the library runs (the demo role, a body over the limit) keep the app's shape.
  if (OAUTH_ERROR_OPS.has(op) && typeof body?.error === 'string')
    return oauthShaped(body) ? null : `${res.status} not OAuth's error shape: ${text.slice(0, 200)}`;
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
      const problem = await problemWith(res, p.op);
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
