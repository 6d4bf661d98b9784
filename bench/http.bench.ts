// HTTP benchmark: 50 concurrent clients against `wrangler dev` with the embedded database.
// GET /api/health (no DB) is the reference; GET /api/v1/me is a session lookup, then the entitlements (the
// subscription mirror and the grants, one after the other on the request's connection); login
// is a PBKDF2 verification + throttle bookkeeping + a session insert. Rounds interleave the three.
import pg from 'pg';
import { hashPassword } from '../worker/features/auth/password.ts';
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, load, summarize, type Sample } from './lib.ts';

const CLIENTS = 50;
const ROUNDS = 2;
const SECONDS_PER_ROUND = 10; // 2 rounds × 10 s = 20 s of measured load per endpoint
const WARMUP_SECONDS = 3;
const PASSWORD = 'bench password not common';

async function createBenchUser(databaseUrl: string): Promise<string> {
  const email = `bench-${Date.now()}@bench.cadence.test`;
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  await client.query('insert into users (email, password_hash, display_name) values ($1, $2, $3)', [
    email,
    await hashPassword(PASSWORD),
    'Bench',
  ]);
  await client.end();
  return email;
}

export async function httpBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  const email = await createBenchUser(stack.databaseUrl);
  const loginBody = JSON.stringify({ email, password: PASSWORD });
  const headers = { 'content-type': 'application/json', origin: stack.appUrl };
  const login = () => fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers, body: loginBody });
  const res = await login();
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`bench login failed: ${res.status}`);

  const endpoints: Record<string, () => Promise<Response>> = {
    health: () => fetch(`${base}/api/health`),
    me: () => fetch(`${base}/api/v1/me`, { headers: { cookie } }),
    login,
  };
  for (const [name, req] of Object.entries(endpoints)) {
    console.log(`warm-up ${name} (${WARMUP_SECONDS}s)`);
    await load(CLIENTS, WARMUP_SECONDS, req);
  }
  const samples: Record<string, Sample[]> = { health: [], me: [], login: [] };
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const p95: Record<string, number> = {};
    for (const [name, req] of Object.entries(endpoints)) {
      const sample = await load(CLIENTS, SECONDS_PER_ROUND, req);
      samples[name]!.push(sample);
      const s = summarize(sample);
      p95[name] = s.p95;
      console.log(
        `round ${round} ${name.padEnd(6)} n=${s.n} p50=${fmt(s.p50)}ms p95=${fmt(s.p95)}ms p99=${fmt(s.p99)}ms rps=${fmt(s.rps)} errors=${s.errors}${s.errors ? ` ${JSON.stringify(sample.errorKinds)}` : ''}`,
      );
    }
    ratios.push(p95.me! / p95.health!);
  }

  const merged = (name: string) =>
    summarize({
      latenciesMs: samples[name]!.flatMap((s) => s.latenciesMs),
      errors: samples[name]!.reduce((a, s) => a + s.errors, 0),
      seconds: samples[name]!.reduce((a, s) => a + s.seconds, 0),
    });
  const h = merged('health');
  const m = merged('me');
  const l = merged('login');
  console.log(`\nclients=${CLIENTS}, ${ROUNDS} interleaved rounds × ${SECONDS_PER_ROUND}s per endpoint (+${WARMUP_SECONDS}s warm-up each)`);
  console.log(`per-round me/health p95 ratios: ${ratios.map((r) => fmt(r, 2)).join(', ')} (target ≤ 3)`);
  return [
    'bench=http',
    `health_p50_ms=${fmt(h.p50)} health_p95_ms=${fmt(h.p95)} health_p99_ms=${fmt(h.p99)} health_rps=${fmt(h.rps, 0)}`,
    `me_p50_ms=${fmt(m.p50)} me_p95_ms=${fmt(m.p95)} me_p99_ms=${fmt(m.p99)} me_rps=${fmt(m.rps, 0)}`,
    `login_p50_ms=${fmt(l.p50)} login_p95_ms=${fmt(l.p95)} login_p99_ms=${fmt(l.p99)} login_rps=${fmt(l.rps, 0)}`,
    `me_to_health_p95_ratio=${fmt(m.p95 / h.p95, 2)} errors=${h.errors + m.errors + l.errors}`,
  ].join(' ');
}
