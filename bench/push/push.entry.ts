// Bench worker: the notify queue's production consumer entry (`handleQueue`) inside workerd, fed by an in-worker
// queue with Cloudflare Queues' delivery rules for cadence-notify as wrangler.toml sets them (batches of at most
// max_batch_size; a batch that is not full waits up to max_batch_timeout from its oldest message; several consumer
// invocations at once, as the queue scales them out). Miniflare's local queue runs one batch at a time, which no production queue does, so it would
// measure miniflare. Every message the code enqueues (the triggers and the per-device deliveries the fan-out puts
// back) goes through this queue, and every push goes through the real WebPushSender over TLS to the push sandbox.
// Bench use only.
import { type Env, parseEnv } from '../../worker/env';
import { handleQueue } from '../../worker/jobs/queues';
import { createLogger } from '../../worker/lib/logger';
import { createServices } from '../../worker/wiring';

type RawEnv = Record<string, unknown>;
interface Queued {
  id: string;
  body: unknown;
  enqueuedAt: number;
  attempts: number;
}

/** The consumer's settings, from wrangler.toml (passed to /run). */
let MAX_BATCH = 10;
let BATCH_TIMEOUT_MS = 0;

let backlog: Queued[] = [];
let seq = 0;
const enqueue = (body: unknown, attempts = 1) => void backlog.push({ id: `m${++seq}`, body, enqueuedAt: Date.now(), attempts });
const notifyQueue = {
  send: async (body: unknown) => enqueue(body),
  sendBatch: async (messages: Iterable<{ body: unknown }>) => {
    for (const m of messages) enqueue(m.body);
  },
};
const inertQueue = { send: async () => {}, sendBatch: async () => {} };
const namespaceStub = { idFromName: () => ({}), get: () => ({}) };
const bucketStub = { put: async () => null, get: async () => null, delete: async () => {} };

let parsed: Env | null = null;
function envOf(raw: RawEnv): Env {
  parsed ??= parseEnv({
    ...raw,
    NOTIFY_QUEUE: notifyQueue,
    INGEST_QUEUE: inertQueue,
    WEBHOOKS_QUEUE: inertQueue,
    IMPORTS_QUEUE: inertQueue,
    PRIVACY_QUEUE: inertQueue,
    UPLOADS: bucketStub,
    PROVIDER_BUDGET: namespaceStub,
    CLIENT_LEDGER: namespaceStub,
    COACH_SESSION: namespaceStub,
    WELLNESS_ENGINE: namespaceStub,
  });
  return parsed;
}

/** The dispatcher's counters since /run started. */
const stats = { batches: 0, messages: 0, acked: 0, retried: 0, fullBatches: 0, batchMs: [] as number[], waitedMs: [] as number[] };
let stopping = false;
let inFlight = 0;

/** Takes the next batch: a full one at once, a partial one once its oldest message has waited the batch timeout. */
function takeBatch(): Queued[] | null {
  if (backlog.length >= MAX_BATCH) return backlog.splice(0, MAX_BATCH);
  if (backlog.length > 0 && Date.now() - backlog[0]!.enqueuedAt >= BATCH_TIMEOUT_MS) return backlog.splice(0, backlog.length);
  return null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One consumer invocation slot: batches through `handleQueue`, as the Queues runtime calls the worker's `queue()`. */
async function consumerSlot(env: Env) {
  while (!stopping) {
    const taken = takeBatch();
    if (!taken) {
      // Polled (not woken): the producers run in other requests, and a promise must not cross request contexts.
      await sleep(2);
      continue;
    }
    const started = Date.now();
    inFlight++;
    stats.batches++;
    stats.messages += taken.length;
    if (taken.length === MAX_BATCH) stats.fullBatches++;
    for (const m of taken) stats.waitedMs.push(started - m.enqueuedAt);
    const messages = taken.map((m) => ({
      id: m.id,
      timestamp: new Date(m.enqueuedAt),
      attempts: m.attempts,
      body: m.body,
      ack: () => void stats.acked++,
      retry: () => {
        stats.retried++;
        enqueue(m.body, m.attempts + 1);
      },
    }));
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException: () => {}, props: {} };
    const batch = { queue: 'cadence-notify', messages, retryAll: () => {}, ackAll: () => {} };
    try {
      await handleQueue(batch as unknown as MessageBatch<unknown>, env, ctx as unknown as ExecutionContext);
      await Promise.allSettled(pending);
    } finally {
      inFlight--;
      stats.batchMs.push(Date.now() - started);
    }
  }
}

/** Runs `concurrency` consumer slots until /stop; answers the dispatcher's counters. */
async function run(env: Env, input: { concurrency: number; maxBatchSize: number; maxBatchTimeoutS: number }) {
  stopping = false;
  MAX_BATCH = input.maxBatchSize;
  BATCH_TIMEOUT_MS = input.maxBatchTimeoutS * 1000;
  Object.assign(stats, { batches: 0, messages: 0, acked: 0, retried: 0, fullBatches: 0, batchMs: [], waitedMs: [] });
  const t0 = Date.now();
  await Promise.all(Array.from({ length: input.concurrency }, () => consumerSlot(env)));
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const pick = (xs: number[], p: number) => sorted(xs)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)] ?? null;
  return {
    wallMs: Date.now() - t0,
    batches: stats.batches,
    messages: stats.messages,
    fullBatches: stats.fullBatches,
    acked: stats.acked,
    retried: stats.retried,
    batchMsP50: pick(stats.batchMs, 50),
    batchMsP95: pick(stats.batchMs, 95),
    queueWaitMsP50: pick(stats.waitedMs, 50),
    queueWaitMsP95: pick(stats.waitedMs, 95),
  };
}

const logger = createLogger('error');

/** The producer API a cron or a route holds: `notifyMany` for a fan-out, `notify` for one coach message. */
async function notify(env: Env, input: { events: { userId: string; type: string; dedupeKey: string; data: unknown }[] }) {
  const services = createServices(env, { requestId: null, logger, waitUntil: () => {} });
  try {
    const t0 = Date.now();
    const events = input.events as Parameters<typeof services.notifications.notifyMany>[0];
    if (events.length === 1) await services.notifications.notify(events[0]!);
    else await services.notifications.notifyMany(events);
    return { ms: Date.now() - t0, enqueued: events.length };
  } finally {
    await services.close();
  }
}

export default {
  async fetch(request: Request, raw: RawEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/health') return new Response('ok');
    const env = envOf(raw);
    const body = request.method === 'POST' ? await request.json() : {};
    switch (url.pathname) {
      case '/run': {
        // Streamed: a space every 5 s keeps the client's body timeout away while the dispatcher runs for minutes.
        const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
        const writer = writable.getWriter();
        const bytes = new TextEncoder();
        const result = run(env, body as Parameters<typeof run>[1]);
        void (async () => {
          let finished = false;
          const answer = result.finally(() => (finished = true));
          while (!finished) {
            await writer.write(bytes.encode(' '));
            await Promise.race([answer, new Promise((r) => setTimeout(r, 5000))]);
          }
          await writer.write(bytes.encode(JSON.stringify(await answer)));
          await writer.close();
        })();
        return new Response(readable, { headers: { 'content-type': 'application/json' } });
      }
      case '/stop':
        stopping = true;
        return Response.json({ backlog: backlog.length, inFlight });
      case '/idle':
        return Response.json({ backlog: backlog.length, inFlight, acked: stats.acked, retried: stats.retried });
      case '/notify':
        return Response.json(await notify(env, body as Parameters<typeof notify>[1]));
      case '/clear':
        backlog = [];
        return Response.json({ ok: true });
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
