// The bell's poll: what one `GET /api/v1/notifications/unread-count` costs on the dev stack. One client,
// 200 polls interleaved with 200 `GET /api/health` (no database) as the same-run reference, after a
// warm-up. Reported: client time (loopback) and the worker's own time per request (the access log's
// durationMs, matched by X-Request-Id), p50/p95, the answer's bytes (body and headers), and Postgres's
// plan for the count over a table of 100,000 other rows.
import pg from 'pg';
import { hashPassword } from '../worker/features/auth/password.ts';
import type { Stack, StackOptions } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, percentile } from './lib.ts';

const POLLS = 200;
const WARMUP = 20;
const PASSWORD = 'bench password not common';

/** The worker's access-log lines, kept by request id (the stack's output is otherwise not printed). */
const serverMs = new Map<string, number>();
export const bellStackOptions: StackOptions = {
  quiet: false,
  log: (line) => {
    const json = line.slice(line.indexOf('{'));
    if (!json.startsWith('{"level"') || !json.includes('"msg":"request"')) return;
    try {
      const entry = JSON.parse(json) as { requestId?: string; durationMs?: number };
      if (entry.requestId && typeof entry.durationMs === 'number') serverMs.set(entry.requestId, entry.durationMs);
    } catch {
      // a wrapped or partial line: not a figure
    }
  },
};

async function seed(databaseUrl: string): Promise<{ email: string; userId: string }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    const email = `bell-${Date.now()}@bench.cadence.test`;
    const {
      rows: [user],
    } = await db.query<{ id: string }>('insert into users (email, password_hash, display_name) values ($1, $2, $3) returning id', [
      email,
      await hashPassword(PASSWORD),
      'Bell',
    ]);
    // The athlete: 40 unread, 400 read, 60 deleted (half of them never read).
    await db.query(
      `insert into notifications (user_id, dedupe_key, kind, category, title, read_at, deleted_at, created_at)
       select $1::uuid, 'bench-bell-' || $1::text || '-' || g, 'coach.update', 'coach', 'Bench',
              case when g > 40 and g <= 440 then now() when g > 470 then now() end,
              case when g > 440 then now() end,
              now() - g * interval '1 hour'
         from generate_series(1, 500) g`,
      [user!.id],
    );
    // Everyone else: 2,000 athletes with 50 notifications each, a fifth of them unread.
    await db.query(
      `insert into users (email, password_hash, display_name)
       select 'bell-other-' || g || '-' || $1::text || '@bench.cadence.test', 'x', 'Other' from generate_series(1, 2000) g`,
      [String(Date.now())],
    );
    await db.query(
      `insert into notifications (user_id, dedupe_key, kind, category, title, read_at, created_at)
       select u.id, 'bench-other-' || u.id || '-' || g, 'coach.update', 'coach', 'Bench',
              case when g % 5 <> 0 then now() end, now() - g * interval '1 hour'
         from users u cross join generate_series(1, 50) g
        where u.email like 'bell-other-%'`,
    );
    // Steady state, as autovacuum leaves a table: the visibility map lets the count skip the heap.
    await db.query('vacuum analyze notifications');
    return { email, userId: user!.id };
  } finally {
    await db.end();
  }
}

/** Postgres's own plan and time for the bell's statement (as drizzle writes it). */
async function explain(databaseUrl: string, userId: string): Promise<string[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers)
       select count(*) from "notifications"
        where ("notifications"."user_id" = $1 and "notifications"."read_at" is null and "notifications"."deleted_at" is null)`,
      [userId],
    );
    return rows.map((r) => r['QUERY PLAN']);
  } finally {
    await db.end();
  }
}

const headerBytes = (res: Response) =>
  `HTTP/1.1 ${res.status} ${res.statusText}\r\n`.length + [...res.headers].reduce((n, [k, v]) => n + k.length + v.length + 4, 0) + 2;

export async function bellBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  const { email, userId } = await seed(stack.databaseUrl);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.appUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0];
  if (!login.ok || !cookie) throw new Error(`bench login failed: ${login.status}`);

  const poll = () => fetch(`${base}/api/v1/notifications/unread-count`, { headers: { cookie, accept: 'application/json' } });
  const health = () => fetch(`${base}/api/health`);
  const timed = async (req: () => Promise<Response>) => {
    const t0 = performance.now();
    const res = await req();
    const body = await res.text();
    return { ms: performance.now() - t0, res, body };
  };

  for (let i = 0; i < WARMUP; i++) {
    await timed(poll);
    await timed(health);
  }
  const client = { poll: [] as number[], health: [] as number[] };
  const ids = { poll: [] as string[], health: [] as string[] };
  let sample: { res: Response; body: string } | null = null;
  let errors = 0;
  for (let i = 0; i < POLLS; i++) {
    const p = await timed(poll);
    if (!p.res.ok || p.body !== '{"unread":40}') errors++;
    client.poll.push(p.ms);
    ids.poll.push(p.res.headers.get('x-request-id') ?? '');
    sample = p;
    const h = await timed(health);
    client.health.push(h.ms);
    ids.health.push(h.res.headers.get('x-request-id') ?? '');
  }
  // The access log reaches us through wrangler's stdout: give the last lines a moment.
  await new Promise((r) => setTimeout(r, 1500));
  const server = (which: 'poll' | 'health') => ids[which].map((id) => serverMs.get(id)).filter((v): v is number => v !== undefined);
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) ?? NaN };
  };
  const cp = stats(client.poll);
  const ch = stats(client.health);
  const sp = stats(server('poll'));
  const sh = stats(server('health'));
  const plan = await explain(stack.databaseUrl, userId);

  console.log(`${POLLS} polls after ${WARMUP} warm-up, one client, interleaved with /api/health`);
  console.log(`unread-count client  p50=${fmt(cp.p50)}ms p95=${fmt(cp.p95)}ms max=${fmt(cp.max)}ms errors=${errors}`);
  console.log(`unread-count worker  p50=${fmt(sp.p50)}ms p95=${fmt(sp.p95)}ms max=${fmt(sp.max)}ms (n=${sp.n} log lines)`);
  console.log(`health       client  p50=${fmt(ch.p50)}ms p95=${fmt(ch.p95)}ms; worker p50=${fmt(sh.p50)}ms p95=${fmt(sh.p95)}ms`);
  console.log(`answer: body ${sample?.body.length ?? 0} bytes (${sample?.body}), headers ${sample ? headerBytes(sample.res) : 0} bytes`);
  console.log(`  header names: ${sample ? [...sample.res.headers.keys()].join(', ') : ''}`);
  console.log(`postgres plan for the count (500 rows of this athlete, 100,000 of others):\n  ${plan.join('\n  ')}`);
  const exec = plan.find((l) => l.startsWith('Execution Time'))?.match(/[\d.]+/)?.[0] ?? 'n/a';
  const indexOnly = plan.some((l) => l.includes('Index Only Scan using notifications_unread_idx'));
  return [
    'bench=bell',
    `count_client_p50_ms=${fmt(cp.p50)} count_client_p95_ms=${fmt(cp.p95)}`,
    `count_worker_p50_ms=${fmt(sp.p50)} count_worker_p95_ms=${fmt(sp.p95)}`,
    `health_client_p50_ms=${fmt(ch.p50)} health_client_p95_ms=${fmt(ch.p95)}`,
    `body_bytes=${sample?.body.length ?? 0} header_bytes=${sample ? headerBytes(sample.res) : 0}`,
    `pg_exec_ms=${exec} index_only=${indexOnly} errors=${errors}`,
  ].join(' ');
}
