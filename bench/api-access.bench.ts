// Issue 59's figures (ADRs 105, 106): the same fitness read by a session and by an API key, and as the MCP `fitness`
// tool over the REST call it wraps, against the worker on the stack, one client, one request at a time, the four
// interleaved (health, session, key, MCP) after a warm-up, so each request's own cost is compared within one run.
// Targets: keyed p95 ÷ session p95 ≤ 1.2; MCP p95 − REST p95 ≤ 25 ms. After the timed rounds, untimed: the MCP = REST
// script (mcp-equal.ts), every tool's answer against the REST reads it wraps.
import pg from 'pg';
import { hashPassword } from '../worker/features/auth/password.ts';
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, summarize } from './lib.ts';
import { mcpEqualsRest } from './mcp-equal.ts';

const PASSWORD = 'bench password not common';
const WARMUP = 20;
const ROUNDS = 200;
const MAX_SECONDS = 180;
const DAYS = 90;

/** A Pro athlete (an operator's comp, as the membership service writes it) with 60 days of runs to read. */
async function seed(databaseUrl: string): Promise<string> {
  const email = `api-bench-${Date.now()}@bench.cadence.test`;
  const c = new pg.Client({ connectionString: databaseUrl });
  c.on('error', () => {});
  await c.connect();
  try {
    const u = await c.query<{ id: string }>('insert into users (email, password_hash, display_name) values ($1, $2, $3) returning id', [
      email,
      await hashPassword(PASSWORD),
      'API Bench',
    ]);
    const id = u.rows[0]!.id;
    await c.query(
      `insert into membership_grants (user_id, kind, tier, ends_at, reason) values ($1, 'comp', 'pro', now() + interval '30 days', 'bench')`,
      [id],
    );
    await c.query(
      `insert into activities (user_id, source, external_id, sport, sport_original, name, start_time, local_start_date,
                               moving_time_s, elapsed_time_s, distance_m, avg_hr, detail_complete, content_hash)
       select $1, 'fit_upload', 'api-bench-' || g, 'run', 'running', 'Run ' || g, now() - (g || ' days')::interval,
              (now() - (g || ' days')::interval)::date, 3600, 3700, 10800, 148, true, md5('api-bench' || g)
       from generate_series(1, 60) g`,
      [id],
    );
    await c.query('update users set analytics_version = analytics_version + 1 where id = $1', [id]);
    return email;
  } finally {
    await c.end();
  }
}

export async function apiAccessBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  const email = await seed(stack.databaseUrl);
  const json = { 'content-type': 'application/json', origin: stack.appUrl };
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0];
  if (!login.ok || !cookie) throw new Error(`api bench: login ${login.status}`);
  const made = await fetch(`${base}/api/v1/me/api-keys`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ name: 'Bench', scopes: ['analytics:read'] }),
  });
  const secret = ((await made.json()) as { secret?: string }).secret;
  if (made.status !== 201 || !secret) throw new Error(`api bench: key ${made.status}`);
  // The bench's key may answer every request of the run (an operator may raise a key's limit; 120 a minute is the default).
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  await db.query('update api_keys set rate_per_minute = 100000 where user_id = (select id from users where email = $1)', [email]);
  await db.end();

  const rest = `${base}/api/v1/analytics/fitness?days=${DAYS}`;
  const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'fitness', arguments: { days: DAYS } } };
  const mcpHeaders = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-06-18',
  };
  const requests: Record<string, () => Promise<Response>> = {
    health: () => fetch(`${base}/api/health`),
    session: () => fetch(rest, { headers: { cookie } }),
    key: () => fetch(rest, { headers: { authorization: `Bearer ${secret}` } }),
    mcp: () =>
      fetch(`${base}/mcp`, { method: 'POST', headers: { ...mcpHeaders, authorization: `Bearer ${secret}` }, body: JSON.stringify(call) }),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(requests).map((k) => [k, []]));
  const deadline = performance.now() + MAX_SECONDS * 1000;
  let failures = 0;
  for (let i = 0; i < WARMUP + ROUNDS && performance.now() < deadline; i++) {
    // The order turns each round, so drift in the machine's load favours none of them.
    const names = Object.keys(requests);
    const order = [...names.slice(i % names.length), ...names.slice(0, i % names.length)];
    for (const name of order) {
      const t0 = performance.now();
      const res = await requests[name]!();
      const body = await res.text();
      if (!res.ok || (name === 'mcp' && body.includes('"isError":true'))) failures++;
      else if (i >= WARMUP) times[name]!.push(performance.now() - t0);
    }
  }
  const s = (name: string) => summarize({ latenciesMs: times[name]!, errors: 0, seconds: 1 });
  const [h, sess, key, mcp] = [s('health'), s('session'), s('key'), s('mcp')];
  for (const [name, x] of Object.entries({ health: h, session: sess, key, mcp }))
    console.log(`${name.padEnd(8)} n=${x.n} p50=${fmt(x.p50)}ms p95=${fmt(x.p95)}ms`);
  // Untimed, after the rounds: the figures above are measured exactly as before.
  const equal = await mcpEqualsRest(base, stack.appUrl, cookie);
  return [
    'bench=api-access',
    `rounds=${times.health!.length} failures=${failures}`,
    `health_p95_ms=${fmt(h.p95)} session_p50_ms=${fmt(sess.p50)} session_p95_ms=${fmt(sess.p95)}`,
    `key_p50_ms=${fmt(key.p50)} key_p95_ms=${fmt(key.p95)} key_to_session_p95_ratio=${fmt(key.p95 / sess.p95, 2)}`,
    `mcp_p50_ms=${fmt(mcp.p50)} mcp_p95_ms=${fmt(mcp.p95)} mcp_minus_rest_p95_ms=${fmt(mcp.p95 - key.p95)}`,
    `mcp_equal_rest=${equal.equal}/${equal.compared} mcp_rest_mismatches=${equal.mismatches.length} mcp_rest_skipped=${equal.skipped.length}`,
  ].join(' ');
}
