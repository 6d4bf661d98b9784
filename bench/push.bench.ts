// Web Push benchmark (issue 41): one category's notification fanned out to 10,000 subscriptions through the notify
// queue's production consumer (`handleQueue`: fan-out, then each device's push through the real WebPushSender over
// TLS) into the push sandbox, which verifies every VAPID JWT and decrypts one aes128gcm body in 50. The bench worker
// (bench/push/) feeds the consumer with Cloudflare Queues' batch rules (README "push"). Measures deliveries/s (wall,
// from the fan-out's enqueue to the last 201), workerd's CPU per delivery (/proc, less its idle rate), and enqueue →
// 201 for a coach message alone and while the fan-out runs, with the health route's p95 beside each.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { post, startBenchWorker } from './bench-worker.ts';
import { fmt, percentile } from './lib.ts';
import { workerdUnder } from './notifications.bench.ts';

const FANOUT = Number(process.env.PUSH_BENCH_SUBSCRIPTIONS ?? 10_000);
/** Consumer invocations at once (Cloudflare scales a consumer out on backlog; this machine has 2 cores). */
const CONCURRENCY = Number(process.env.PUSH_BENCH_CONCURRENCY ?? 8);
/** Consumer invocations of the urgent lane at once (its own queue, its own consumer scaling). */
const URGENT_CONCURRENCY = 2;
/** The sandbox opens one push body in this many (VAPID is verified on every one): Node on 2 cores is not the bottleneck. */
const DECRYPT_ONE_IN = Number(process.env.PUSH_BENCH_DECRYPT_ONE_IN ?? 50);
const WARM = 200;
const ALONE = 20;
const DURING = 40;
const COACH_EVERY_MS = 250;
const VAPID_PUBLIC_KEY = 'BPH-7ddMQERtT2AzLxpn409EKlPGVqyKSO0iounWOozopx_mINo5gTfVIzKugdDpRRrFsgU3BT8T7T-7B_1WE0c';
const CLK_TCK = 100;

const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: number[], q: number) => percentile(sortNum(xs), q);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** A notify consumer's batch settings in the root wrangler.toml (the dev ones): cadence-notify or its urgent lane. */
function notifyConsumer(queue = 'cadence-notify'): { maxBatchSize: number; maxBatchTimeoutS: number } {
  const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
  const block = new RegExp(`\\[\\[queues\\.consumers\\]\\]\\nqueue = "${queue}"\\n([^[]*)`).exec(toml)?.[1] ?? '';
  const num = (key: string) => Number(new RegExp(`^${key} = (\\d+)`, 'm').exec(block)?.[1] ?? NaN);
  const out = { maxBatchSize: num('max_batch_size'), maxBatchTimeoutS: num('max_batch_timeout') };
  if (!Number.isFinite(out.maxBatchSize) || !Number.isFinite(out.maxBatchTimeoutS))
    throw new Error(`no ${queue} consumer in wrangler.toml`);
  return out;
}

/** Transactions Postgres committed or rolled back so far (every statement outside a transaction is one). */
async function transactions(stack: Stack): Promise<number> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const r = await db.query<{ n: string }>(
      'select sum(xact_commit + xact_rollback)::text as n from pg_stat_database where datname = current_database()',
    );
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await db.end();
  }
}

/** User and system CPU seconds of the given processes (/proc/<pid>/stat fields 14 and 15). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLK_TCK;
}

interface Seeded {
  fanout: { userId: string; subId: string }[];
  coach: { userId: string; subId: string }[];
  warm: { userId: string; subId: string }[];
}

/** Users (email off, so only push and the in-app row go out) and one sandbox subscription each, stored set-based. */
async function seed(stack: Stack): Promise<Seeded> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    const groups = { fanout: FANOUT, coach: ALONE + DURING, warm: WARM };
    const out = { fanout: [], coach: [], warm: [] } as Seeded;
    await db.query('begin');
    for (const [group, n] of Object.entries(groups) as [keyof Seeded, number][]) {
      const users = (
        await db.query<{ id: string }>(
          `insert into users (email, password_hash, role, display_name, time_zone, units, created_at)
           select 'push-bench-' || $2 || '-' || g || '@bench.cadence.test', 'x', 'athlete', 'Athlete ' || g, 'Europe/London', 'km', now()
           from generate_series(1, $1) g returning id`,
          [n, group],
        )
      ).rows.map((r) => r.id);
      const subs = users.map(() => stack.sandbox.push.createSubscription({ applicationServerKey: VAPID_PUBLIC_KEY }));
      await db.query(
        `insert into notification_preferences (user_id, email_mode, send_minute, channels, dnd, updated_at)
         select u, 'off', 420, '{}'::jsonb, '[]'::jsonb, now() from unnest($1::uuid[]) u`,
        [users],
      );
      await db.query(
        `insert into push_subscriptions (user_id, install_id, endpoint, p256dh, auth, label)
         select u, gen_random_uuid(), e, k, a, 'Bench browser' from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as t(u, e, k, a)`,
        [users, subs.map((s) => s.endpoint), subs.map((s) => s.keys.p256dh), subs.map((s) => s.keys.auth)],
      );
      out[group] = users.map((userId, i) => ({ userId, subId: subs[i]!.endpoint.split('/').pop()! }));
    }
    await db.query('commit');
    await db.query('analyze');
    return out;
  } finally {
    await db.end();
  }
}

/** When the sandbox answered 201 to the subscription's first accepted push (ms, Node's clock), or null. */
function first201(stack: Stack, subId: string): number | null {
  const ok = stack.sandbox.push.subscription(subId)?.requests.find((r) => r.status === 201);
  return ok ? Date.parse(ok.at) : null;
}

const planEvent = (userId: string, run: string) => ({
  userId,
  type: 'plan.created',
  dedupeKey: `push-bench:${run}:${userId}`,
  data: { planId: crypto.randomUUID(), planName: 'Spring 10K', weeks: 12, rebuilt: true, startsOn: new Date().toISOString().slice(0, 10) },
});
const coachEvent = (userId: string, i: number) => ({
  userId,
  type: 'coach.update',
  dedupeKey: `push-bench:coach:${userId}:${i}`,
  data: { title: 'Your coach wrote', body: 'Easy spin tomorrow, then the long run on Sunday.', link: '/coach' },
});

/** Sends one coach message through the producer API; answers when it was sent (before the request, Node's clock). */
async function sendCoach(url: string, userId: string, i: number): Promise<number> {
  const t0 = Date.now();
  await post(`${url}/notify`, { events: [coachEvent(userId, i)] });
  return t0;
}

async function waitFor201(stack: Stack, subId: string, deadline: number): Promise<number> {
  for (;;) {
    const at = first201(stack, subId);
    if (at !== null) return at;
    if (Date.now() > deadline) throw new Error(`no 201 for subscription ${subId}`);
    await sleep(5);
  }
}

async function health(stack: Stack): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${stack.workerUrl}/api/health`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`health answered ${res.status}`);
  return performance.now() - t0;
}

export async function pushBench(stack: Stack): Promise<string> {
  console.log(`load average at start: ${loadAverage()}`);
  let t = performance.now();
  const seeded = await seed(stack);
  console.log(
    `seeded ${FANOUT + ALONE + DURING + WARM} athletes with one sandbox subscription each in ${fmt((performance.now() - t) / 1000)} s`,
  );
  const consumer = notifyConsumer();
  const urgent = notifyConsumer('cadence-notify-urgent');
  console.log(
    `notify consumer (wrangler.toml): batches of ${consumer.maxBatchSize}, batch timeout ${consumer.maxBatchTimeoutS} s; ${CONCURRENCY} invocations at once; urgent lane batches of ${urgent.maxBatchSize}, ${URGENT_CONCURRENCY} invocations`,
  );
  stack.sandbox.push.decryptOneIn(DECRYPT_ONE_IN);
  console.log(`push sandbox: every VAPID JWT verified (each token once, then cached), one body in ${DECRYPT_ONE_IN} decrypted`);
  const worker = await startBenchWorker(
    stack,
    'bench/push/wrangler.toml',
    { EMAIL_API_URL: `${stack.sandboxUrl}/email/` },
    { env: { SSL_CERT_FILE: stack.sandbox.push.caFile } },
  );
  // The queue's consumer invocations: CONCURRENCY loops, each asking the bench worker for one batch at a time.
  const q = { batches: 0, messages: 0, full: 0, retried: 0, batchMs: [] as number[], waitedMs: [] as number[] };
  let dispatching = true;
  const slot = async (lane: 'notify' | 'urgent') => {
    while (dispatching) {
      const b = await post<{ size: number; acked?: number; retried?: number; ms?: number; waitedMs?: number[] }>(`${worker.url}/batch`, {
        ...(lane === 'urgent' ? urgent : consumer),
        lane,
      });
      if (b.size === 0) continue;
      q.batches++;
      q.messages += b.size;
      if (b.size === consumer.maxBatchSize) q.full++;
      q.retried += b.retried ?? 0;
      q.batchMs.push(b.ms ?? 0);
      q.waitedMs.push(...(b.waitedMs ?? []));
    }
  };
  const slots = [
    ...Array.from({ length: CONCURRENCY }, () => slot('notify')),
    ...Array.from({ length: URGENT_CONCURRENCY }, () => slot('urgent')),
  ];
  try {
    const pids = workerdUnder(worker.pid);
    if (pids.length === 0) throw new Error('no workerd process found under the bench worker');

    // Warm-up: a small fan-out (connections, JIT, the VAPID key and JWT, TLS sessions), checked.
    t = performance.now();
    await post(`${worker.url}/notify`, { events: seeded.warm.map((s) => planEvent(s.userId, 'warm')) });
    const warmDeadline = Date.now() + 120_000;
    for (const s of seeded.warm) await waitFor201(stack, s.subId, warmDeadline);
    console.log(`warm-up: ${WARM} pushes delivered in ${fmt((performance.now() - t) / 1000)} s`);

    // Alone: coach messages one at a time, the health route between them.
    const aloneMs: number[] = [];
    const healthAlone: number[] = [];
    for (let i = 0; i < ALONE; i++) {
      const s = seeded.coach[i]!;
      const sent = await sendCoach(worker.url, s.userId, i);
      aloneMs.push((await waitFor201(stack, s.subId, Date.now() + 30_000)) - sent);
      for (let k = 0; k < 5; k++) healthAlone.push(await health(stack));
    }
    console.log(
      `coach message alone, enqueue → 201: p50 ${p(aloneMs, 50)} ms, p95 ${p(aloneMs, 95)} ms; health p95 ${fmt(p(healthAlone, 95))} ms`,
    );

    // Idle rate of workerd (the dispatcher's polling, timers): subtracted from the fan-out's CPU.
    const idle0 = cpuSeconds(pids);
    const idleT0 = performance.now();
    await sleep(3000);
    const idleRate = (cpuSeconds(pids) - idle0) / ((performance.now() - idleT0) / 1000);

    // The fan-out, with coach messages and health requests while it runs.
    console.log(`load average before the fan-out: ${loadAverage()}`);
    const tx0 = await transactions(stack);
    const cpu0 = cpuSeconds(pids);
    const node0 = process.cpuUsage();
    const start = Date.now();
    const enqueued = await post<{ ms: number; enqueued: number }>(`${worker.url}/notify`, {
      events: seeded.fanout.map((s) => planEvent(s.userId, 'fanout')),
    });
    let done = false;
    const coachSent: { subId: string; sent: number }[] = [];
    const coaching = (async () => {
      for (let i = 0; i < DURING && !done; i++) {
        const s = seeded.coach[ALONE + i]!;
        coachSent.push({ subId: s.subId, sent: await sendCoach(worker.url, s.userId, ALONE + i) });
        await sleep(COACH_EVERY_MS);
      }
    })();
    const healthDuring: number[] = [];
    const healthLoop = (async () => {
      while (!done) healthDuring.push(await health(stack));
    })();
    const deadline = Date.now() + 480_000;
    const at = new Map<string, number>();
    let loadDuring = '';
    while (at.size < seeded.fanout.length) {
      for (const s of seeded.fanout) {
        if (at.has(s.subId)) continue;
        const a = first201(stack, s.subId);
        if (a !== null) at.set(s.subId, a);
      }
      if (!loadDuring && at.size > seeded.fanout.length / 2) loadDuring = loadAverage();
      if (Date.now() > deadline) {
        console.log(`fan-out incomplete: ${at.size} of ${seeded.fanout.length} delivered after 8 minutes; figures below are for those`);
        break;
      }
      await sleep(100);
    }
    const cpu1 = cpuSeconds(pids);
    const node1 = process.cpuUsage(node0);
    const txPerDelivery = ((await transactions(stack)) - tx0) / at.size;
    const end = Math.max(...at.values());
    const wallS = (end - start) / 1000;
    done = true;
    await Promise.all([coaching, healthLoop]);
    const delivered = at.size;
    const complete = delivered === seeded.fanout.length;
    const duringMs: number[] = [];
    // A coach message still behind the backlog of an incomplete run counts as its wait so far.
    for (const c of coachSent)
      duringMs.push((first201(stack, c.subId) ?? (complete ? await waitFor201(stack, c.subId, Date.now() + 60_000) : Date.now())) - c.sent);
    const firstAt = Math.min(...at.values());
    const rate = delivered / wallS;
    const cpuGross = cpu1 - cpu0;
    const cpuNet = cpuGross - idleRate * wallS;
    const cpuPerDeliveryMs = (cpuNet * 1000) / delivered;
    console.log(
      `fan-out: ${seeded.fanout.length} plan.created events enqueued in ${enqueued.ms} ms; ${delivered} delivered; first 201 after ${fmt((firstAt - start) / 1000, 2)} s, last after ${fmt(wallS, 2)} s: ${fmt(rate, 0)} deliveries/s (${fmt(delivered / ((end - firstAt) / 1000), 0)}/s from the first 201)`,
    );
    console.log(
      `workerd CPU during the fan-out ${fmt(cpuGross, 2)} s (idle rate ${fmt(idleRate, 3)} CPU-s/s subtracted: ${fmt(cpuNet, 2)} s) → ${fmt(cpuPerDeliveryMs, 2)} ms per delivery (fan-out of its event, the push, the outbox writes)`,
    );
    console.log(
      `this Node process (the push sandbox verifying and decrypting, the database proxy, the bench's polling) during the fan-out: ${fmt((node1.user + node1.system) / 1e6, 2)} CPU-s, ${fmt((node1.user + node1.system) / 1e3 / delivered, 2)} ms per delivery`,
    );
    console.log(
      `coach message during the fan-out (${duringMs.length}, one every ${COACH_EVERY_MS} ms), enqueue → 201: p50 ${p(duringMs, 50)} ms, p95 ${p(duringMs, 95)} ms, max ${Math.max(...duringMs)} ms; health p95 ${fmt(p(healthDuring, 95))} ms over ${healthDuring.length}`,
    );
    console.log(`load average half-way through the fan-out: ${loadDuring}; at the end: ${loadAverage()}`);
    console.log(
      `Postgres transactions during the fan-out (pg_stat_database; a statement outside a transaction is one): ${fmt(txPerDelivery, 3)} per delivery`,
    );

    dispatching = false;
    await Promise.all(slots);
    console.log(
      `queue: ${q.batches} batches (${q.full} full), ${q.messages} messages, ${q.retried} retried; batch time p50 ${p(q.batchMs, 50)} ms, p95 ${p(q.batchMs, 95)} ms; wait in the queue p50 ${p(q.waitedMs, 50)} ms, p95 ${p(q.waitedMs, 95)} ms`,
    );

    // Every fan-out row sent exactly once, one attempt; nothing failed or retried.
    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const rows = (
      await db.query<{ status: string; n: number; attempts: number }>(
        `select status, count(*)::int as n, max(attempts) as attempts from notification_deliveries
         where channel = 'push' and user_id = any($1::uuid[]) group by 1`,
        [seeded.fanout.map((s) => s.userId)],
      )
    ).rows;
    await db.end();
    const sandboxTotal = seeded.fanout.reduce((n, s) => n + (stack.sandbox.push.subscription(s.subId)?.requests.length ?? 0), 0);
    console.log(
      `push rows: ${rows.map((r) => `${r.status} ${r.n} (max attempts ${r.attempts})`).join(', ')}; sandbox requests ${sandboxTotal}`,
    );
    const sent = rows.find((r) => r.status === 'sent')?.n ?? 0;
    if (
      complete &&
      (sent !== seeded.fanout.length || rows.length !== 1 || rows[0]!.attempts !== 1 || sandboxTotal !== seeded.fanout.length)
    )
      throw new Error('MISMATCH in the fan-out rows');
    if (rows.some((r) => r.attempts > 1) || sandboxTotal !== sent) throw new Error('MISMATCH: a push was sent twice');

    const hp = (xs: number[]) => fmt(p(xs, 95));
    console.log(
      `\n| figure | value | target |\n| --- | --- | --- |\n` +
        `| deliveries/s, ${delivered} of ${seeded.fanout.length} subscriptions, enqueue of the fan-out → last 201 (${CONCURRENCY} consumer invocations) | ${fmt(rate, 0)}/s (${fmt(wallS, 1)} s) | ≥ 1,000/s |\n` +
        `| workerd CPU per delivery (process CPU less its idle rate ÷ deliveries) | ${fmt(cpuPerDeliveryMs, 2)} ms | ≤ 2 ms |\n` +
        `| Postgres transactions per delivery (the fan-out's, the coach messages', the health route's) | ${fmt(txPerDelivery, 3)} | — |\n` +
        `| coach message enqueue → 201, alone: p50 / p95 (${ALONE}) | ${p(aloneMs, 50)} / ${p(aloneMs, 95)} ms | ≤ 2 s p95 |\n` +
        `| coach message enqueue → 201, during the fan-out: p50 / p95 (${duringMs.length}) | ${p(duringMs, 50)} / ${p(duringMs, 95)} ms | ≤ 2 s p95 |\n` +
        `| health route p95 alone / during the fan-out | ${hp(healthAlone)} / ${hp(healthDuring)} ms | — |\n` +
        `| coach p95 ÷ health p95, alone / during | ${fmt(p(aloneMs, 95) / p(healthAlone, 95))} / ${fmt(p(duringMs, 95) / p(healthDuring, 95))} | — |`,
    );
    return `bench=push subscriptions=${seeded.fanout.length} delivered=${delivered} concurrency=${CONCURRENCY} deliveries_per_s=${fmt(rate, 0)} cpu_ms_per_delivery=${fmt(cpuPerDeliveryMs, 2)} tx_per_delivery=${fmt(txPerDelivery, 3)} decrypt_one_in=${DECRYPT_ONE_IN} coach_alone_p95_ms=${p(aloneMs, 95)} coach_during_p95_ms=${p(duringMs, 95)} health_alone_p95_ms=${hp(healthAlone)} health_during_p95_ms=${hp(healthDuring)} coach_during_to_health_p95_ratio=${fmt(p(duringMs, 95) / p(healthDuring, 95))} load_avg_end=${loadAverage().split(' ')[0]}`;
  } finally {
    dispatching = false;
    stack.sandbox.push.decryptOneIn(1);
    await Promise.allSettled(slots);
    await worker.stop();
  }
}
