// HTTP benchmark: 50 concurrent clients against `wrangler dev` with the embedded database.
// GET /api/health (no DB) is the reference; GET /api/v1/me is a session lookup, then the entitlements (the
// subscription mirror and the grants in one batch), all over the HTTP driver; login
// is a PBKDF2 verification + throttle bookkeeping + a session insert. Rounds interleave the three.
//
// `npm run bench -- http --baseline=<dir>`: <dir> is another checkout of the app, built (`npm run build`)
// and with node_modules; its worker runs beside this one on the same database and sandbox, and each
// round measures both (health and /me; the side that goes first alternates), so a change's before and
// after are compared within one run.
import { resolve } from 'node:path';
import pg from 'pg';
import { hashPassword } from '../worker/features/auth/password.ts';
import type { Stack } from '../scripts/lib/stack.ts';
import { startBenchWorker, type BenchWorker } from './bench-worker.ts';
import { assertLoopback, fmt, load, summarize, type Sample } from './lib.ts';

const CLIENTS = 50;
const BASELINE = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
const ROUNDS = BASELINE ? 4 : 2;
const SECONDS_PER_ROUND = 10; // 2 rounds × 10 s = 20 s of measured load per endpoint
const WARMUP_SECONDS = 3;
const SEQUENTIAL_WARMUP = 20;
const SEQUENTIAL_PAIRS = 200;
const SEQUENTIAL_MAX_SECONDS = 120;
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

/** The baseline checkout's worker on the stack's database and sandbox, answering to the stack's origin. */
function startBaseline(stack: Stack, dir: string): Promise<BenchWorker> {
  const sandbox = stack.sandboxUrl;
  return startBenchWorker(
    stack,
    'wrangler.toml',
    {
      APP_ORIGIN: stack.appUrl,
      EMAIL_API_KEY: 'sandbox-key',
      EMAIL_API_URL: `${sandbox}/email/`,
      STRAVA_API_URL: `${sandbox}/strava/api/v3/`,
      STRAVA_OAUTH_URL: `${sandbox}/strava/oauth/`,
      STRIPE_API_URL: `${sandbox}/stripe/`,
      TWILIO_API_URL: `${sandbox}/twilio/`,
      ANTHROPIC_API_URL: `${sandbox}/anthropic`,
      MISTRAL_API_URL: `${sandbox}/mistral`,
    },
    { root: resolve(dir), health: '/api/health' },
  );
}

async function loginCookie(base: string, origin: string, body: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`bench login failed at ${base}: ${res.status}`);
  return cookie;
}

export async function httpBench(stack: Stack): Promise<string> {
  const baseline = BASELINE ? await startBaseline(stack, BASELINE) : null;
  try {
    return await measure(stack, baseline);
  } finally {
    await baseline?.stop();
  }
}

async function measure(stack: Stack, baseline: BenchWorker | null): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  const email = await createBenchUser(stack.databaseUrl);
  const loginBody = JSON.stringify({ email, password: PASSWORD });
  const headers = { 'content-type': 'application/json', origin: stack.appUrl };
  const login = () => fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers, body: loginBody });
  const cookie = await loginCookie(base, stack.appUrl, loginBody);

  const endpoints: Record<string, () => Promise<Response>> = {
    health: () => fetch(`${base}/api/health`),
    me: () => fetch(`${base}/api/v1/me`, { headers: { cookie } }),
    login,
  };
  const baselineEndpoints: Record<string, () => Promise<Response>> = {};
  if (baseline) {
    assertLoopback(baseline.url);
    const baseCookie = await loginCookie(baseline.url, stack.appUrl, loginBody);
    baselineEndpoints.base_health = () => fetch(`${baseline.url}/api/health`);
    baselineEndpoints.base_me = () => fetch(`${baseline.url}/api/v1/me`, { headers: { cookie: baseCookie } });
  }
  for (const [name, req] of Object.entries({ ...endpoints, ...baselineEndpoints })) {
    console.log(`warm-up ${name} (${WARMUP_SECONDS}s)`);
    await load(CLIENTS, WARMUP_SECONDS, req);
  }
  const samples: Record<string, Sample[]> = { health: [], me: [], login: [], base_health: [], base_me: [] };
  const ratios: number[] = [];
  const baseRatios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const p95: Record<string, number> = {};
    // With a baseline, the side measured first alternates, so drift in the machine's load favours neither.
    const order = round % 2 === 1 ? { ...endpoints, ...baselineEndpoints } : { ...baselineEndpoints, ...endpoints };
    for (const [name, req] of Object.entries(order)) {
      const sample = await load(CLIENTS, SECONDS_PER_ROUND, req);
      samples[name]!.push(sample);
      const s = summarize(sample);
      p95[name] = s.p95;
      console.log(
        `round ${round} ${name.padEnd(11)} n=${s.n} p50=${fmt(s.p50)}ms p95=${fmt(s.p95)}ms p99=${fmt(s.p99)}ms rps=${fmt(s.rps)} errors=${s.errors}${s.errors ? ` ${JSON.stringify(sample.errorKinds)}` : ''}`,
      );
    }
    ratios.push(p95.me! / p95.health!);
    if (baseline) baseRatios.push(p95.base_me! / p95.base_health!);
  }

  // One client, one request at a time, the endpoints interleaved: each request's own cost, which the
  // 50-client figures blur on a shared machine where the load generator and the server queue for the CPU.
  const sequentialEndpoints = { health: endpoints.health!, me: endpoints.me!, ...baselineEndpoints };
  const sequential: Record<string, number[]> = Object.fromEntries(Object.keys(sequentialEndpoints).map((name) => [name, []]));
  const deadline = performance.now() + SEQUENTIAL_MAX_SECONDS * 1000;
  for (let i = 0; i < SEQUENTIAL_WARMUP + SEQUENTIAL_PAIRS && performance.now() < deadline; i++) {
    for (const [name, req] of Object.entries(sequentialEndpoints)) {
      const t0 = performance.now();
      const res = await req();
      await res.arrayBuffer();
      if (res.ok && i >= SEQUENTIAL_WARMUP) sequential[name]!.push(performance.now() - t0);
    }
  }
  const seqP50 = (name: string) => summarize({ latenciesMs: sequential[name] ?? [], errors: 0, seconds: 1 }).p50;

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
  console.log(`then one client: ${sequential.health?.length ?? 0} interleaved requests per endpoint after ${SEQUENTIAL_WARMUP} warm-up`);
  console.log(`per-round me/health p95 ratios: ${ratios.map((r) => fmt(r, 2)).join(', ')} (target ≤ 3)`);
  const line = [
    'bench=http',
    `health_p50_ms=${fmt(h.p50)} health_p95_ms=${fmt(h.p95)} health_p99_ms=${fmt(h.p99)} health_rps=${fmt(h.rps, 0)}`,
    `me_p50_ms=${fmt(m.p50)} me_p95_ms=${fmt(m.p95)} me_p99_ms=${fmt(m.p99)} me_rps=${fmt(m.rps, 0)}`,
    `login_p50_ms=${fmt(l.p50)} login_p95_ms=${fmt(l.p95)} login_p99_ms=${fmt(l.p99)} login_rps=${fmt(l.rps, 0)}`,
    `me_to_health_p95_ratio=${fmt(m.p95 / h.p95, 2)} errors=${h.errors + m.errors + l.errors}`,
    `seq_health_p50_ms=${fmt(seqP50('health'))} seq_me_p50_ms=${fmt(seqP50('me'))} seq_me_to_health_p50_ratio=${fmt(seqP50('me') / seqP50('health'), 2)}`,
  ];
  if (baseline) {
    const bh = merged('base_health');
    const bm = merged('base_me');
    console.log(`baseline (${BASELINE}) per-round me/health p95 ratios: ${baseRatios.map((r) => fmt(r, 2)).join(', ')}`);
    line.push(
      `baseline_health_p50_ms=${fmt(bh.p50)} baseline_health_p95_ms=${fmt(bh.p95)} baseline_me_p50_ms=${fmt(bm.p50)} baseline_me_p95_ms=${fmt(bm.p95)}`,
      `baseline_me_to_health_p95_ratio=${fmt(bm.p95 / bh.p95, 2)} baseline_errors=${bh.errors + bm.errors}`,
      `baseline_seq_health_p50_ms=${fmt(seqP50('base_health'))} baseline_seq_me_p50_ms=${fmt(seqP50('base_me'))} baseline_seq_me_to_health_p50_ratio=${fmt(seqP50('base_me') / seqP50('base_health'), 2)}`,
    );
  }
  return line.join(' ');
}
