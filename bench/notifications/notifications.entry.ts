// Bench worker: the production notifications path inside workerd. The weekly tick and the due sweep run
// through `createServices` (the wiring a cron tick uses); deliveries run through the notify
// queue's consumer entry, `handleQueue`, given batches as the Queues runtime would (so each batch builds
// its services, runs its messages side by side, and every email is rendered by what worker/wiring/ wires and
// sent to the sandbox over HTTP). The queue bindings are stubs that count what is enqueued. Bench use only.
import { sql } from 'drizzle-orm';
import type { Env } from '../../worker/env';
import { benchEnv } from '../entry-env';
import { athleteOf } from '../../worker/features/analytics';
import { handleQueue } from '../../worker/jobs/queues';
import { createLogger } from '../../worker/lib/logger';
import { createProviders } from '../../worker/providers';
import { createServices } from '../../worker/wiring';

type RawEnv = Record<string, unknown>;

/** What the stub NOTIFY_QUEUE was handed since the last reset. */
let enqueued: unknown[] = [];
const queueStub = {
  send: async (body: unknown) => void enqueued.push(body),
  sendBatch: async (messages: Iterable<{ body: unknown }>) => {
    for (const m of messages) enqueued.push(m.body);
  },
};
let parsed: Env | null = null;
function envOf(raw: RawEnv): Env {
  parsed ??= benchEnv(raw, queueStub);
  return parsed;
}

const logger = createLogger('error');

/** Services as a cron tick builds them; `at` fixes their clock. Closed when `f` settles. */
async function withServices<T>(env: Env, at: Date | null, f: (s: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
  const services = createServices(env, {
    requestId: null,
    logger,
    waitUntil: () => {},
    ...(at ? { clock: { now: () => at } } : {}),
  });
  try {
    return await f(services);
  } finally {
    await services.close();
  }
}

/** Plans for some athletes through the production plans service, on a clock in the past (a plan starts today or later). */
async function plans(env: Env, input: { userIds: string[]; clockAt: string; startDate: string; eventDate: string }) {
  return withServices(env, new Date(input.clockAt), async (s) => {
    let created = 0;
    for (const id of input.userIds) {
      const user = await s.auth.userById(id);
      if (!user) continue;
      await s.plans.create(athleteOf(user), {
        goal: { kind: 'run_half', eventDate: input.eventDate, eventName: 'Bench Half' },
        availableDays: [0, 1, 3, 5, 6],
        longDay: 6,
        hoursPerWeek: 6,
        includeStrength: false,
        startDate: input.startDate,
      });
      created++;
    }
    return { created };
  });
}

/** One tick's preparation (what notifications.weekly runs), timed after the services' first query opened their connection. */
async function tick(env: Env, input: { at: string }) {
  const at = new Date(input.at);
  return withServices(env, at, async (s) => {
    await s.db.execute(sql`select 1`);
    const t0 = Date.now();
    const r = await s.notifications.prepareWeekly(at);
    return { ms: Date.now() - t0, ...r };
  });
}

/** The due sweep (what notifications.due runs each minute), handing rows to the stub queue. */
async function sweep(env: Env, input: { at: string; limit: number }) {
  enqueued = [];
  return withServices(env, new Date(input.at), async (s) => {
    await s.db.execute(sql`select 1`);
    const t0 = Date.now();
    const count = await s.notifications.sweepDue(new Date(input.at), { limit: input.limit });
    const ms = Date.now() - t0;
    const ids = enqueued.map((m) => (m as { deliveryId: string }).deliveryId);
    enqueued = [];
    return { ms, count, ids };
  });
}

/** Reference: the rows the tick reads, selected bare through the same driver. */
async function reference(env: Env) {
  return withServices(env, null, async (s) => {
    await s.db.execute(sql`select 1`);
    const t0 = Date.now();
    const r = await s.db.execute(sql`
      select u.id, u.time_zone, p.send_minute, p.dnd from users u left join notification_preferences p on p.user_id = u.id
      where u.role = 'athlete' and u.blocked_at is null`);
    return { ms: Date.now() - t0, rows: r.rows.length };
  });
}

/**
 * Deliveries through the consumer entry: batches of `batchSize` deliver messages, `concurrency` batches at
 * a time (as many consumer invocations). Each message's time runs from its batch's start to its ack.
 */
async function consume(env: Env, input: { ids: string[]; batchSize: number; concurrency: number }) {
  const latencies: number[] = [];
  let acked = 0;
  let retried = 0;
  const batches: string[][] = [];
  for (let i = 0; i < input.ids.length; i += input.batchSize) batches.push(input.ids.slice(i, i + input.batchSize));
  let next = 0;
  const t0 = Date.now();
  const worker = async () => {
    for (;;) {
      const ids = batches[next++];
      if (!ids) return;
      const started = Date.now();
      const messages = ids.map((deliveryId, i) => ({
        id: `m-${started}-${i}`,
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'deliver', deliveryId },
        ack: () => {
          acked++;
          latencies.push(Date.now() - started);
        },
        retry: () => {
          retried++;
        },
      }));
      const pending: Promise<unknown>[] = [];
      const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException: () => {}, props: {} };
      const batch = { queue: 'cadence-notify', messages, retryAll: () => {}, ackAll: () => {} };
      await handleQueue(batch as unknown as MessageBatch<unknown>, env, ctx as unknown as ExecutionContext);
      await Promise.allSettled(pending);
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  return { wallMs: Date.now() - t0, latencies, acked, retried };
}

/** The summary alone, one after the other (what each weekly delivery reads before rendering). */
async function summaries(env: Env, input: { userIds: string[]; weekStart: string }) {
  return withServices(env, null, async (s) => {
    await s.db.execute(sql`select 1`);
    const latencies: number[] = [];
    for (const id of input.userIds) {
      const t0 = Date.now();
      await s.notifications.weeklySummary(id, input.weekStart);
      latencies.push(Date.now() - t0);
    }
    return { latencies };
  });
}

/** Reference: the same number of bare sends to the sandbox through the production email client. */
async function sends(env: Env, input: { n: number; concurrency: number; to: string }) {
  const email = createProviders(env).email;
  const latencies: number[] = [];
  let next = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (next < input.n) {
      const i = next++;
      const s = Date.now();
      await email.send({
        to: input.to,
        subject: `Reference ${i}`,
        text: 'A bare send: no claim, no summary, no rendering.',
        html: '<p>A bare send.</p>',
        tag: 'bench',
        headers: {},
        idempotencyKey: crypto.randomUUID(),
      });
      latencies.push(Date.now() - s);
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  return { wallMs: Date.now() - t0, latencies };
}

async function reset(env: Env) {
  return withServices(env, null, async (s) => {
    const d = await s.db.execute(sql`delete from notification_deliveries where kind = 'weekly'`);
    await s.db.execute(sql`delete from notifications where kind = 'weekly.summary'`);
    return { deleted: d.rowCount ?? 0 };
  });
}

export default {
  async fetch(request: Request, raw: RawEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/health') return new Response('ok');
    const env = envOf(raw);
    const body = request.method === 'POST' ? await request.json() : {};
    switch (url.pathname) {
      case '/plans':
        return Response.json(await plans(env, body as Parameters<typeof plans>[1]));
      case '/tick':
        return Response.json(await tick(env, body as Parameters<typeof tick>[1]));
      case '/sweep':
        return Response.json(await sweep(env, body as Parameters<typeof sweep>[1]));
      case '/reference':
        return Response.json(await reference(env));
      case '/consume':
        return Response.json(await consume(env, body as Parameters<typeof consume>[1]));
      case '/summaries':
        return Response.json(await summaries(env, body as Parameters<typeof summaries>[1]));
      case '/sends':
        return Response.json(await sends(env, body as Parameters<typeof sends>[1]));
      case '/reset':
        return Response.json(await reset(env));
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
