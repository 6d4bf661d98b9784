// Bench worker: the notify queue's production consumer entry (`handleQueue`) inside workerd, fed by an in-worker
// queue with Cloudflare Queues' delivery rules for cadence-notify as wrangler.toml sets them: batches of at most
// max_batch_size, a batch that is not full waits up to max_batch_timeout from its oldest message, one invocation
// per batch (`POST /batch`, called by the bench from several loops at once, as the queue scales consumers out).
// Miniflare's local queue runs one batch at a time, which no production queue does, so it would measure miniflare.
// Every message the code enqueues goes through these queues (cadence-notify and its urgent lane, `lane` of /batch),
// and every push goes through the real WebPushSender over TLS to the push sandbox.
// Bench use only.
import type { Env } from '../../worker/env';
import { benchEnv } from '../entry-env';
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

type Lane = 'notify' | 'urgent';
/** The two queues of the notify consumer: cadence-notify and its urgent lane, each with its own consumer invocations. */
const backlogs: Record<Lane, Queued[]> = { notify: [], urgent: [] };
const QUEUE_NAMES: Record<Lane, string> = { notify: 'cadence-notify', urgent: 'cadence-notify-urgent' };
let seq = 0;
const enqueue = (lane: Lane, body: unknown, attempts = 1) =>
  void backlogs[lane].push({ id: `m${++seq}`, body, enqueuedAt: Date.now(), attempts });
const queueOf = (lane: Lane) => ({
  send: async (body: unknown) => enqueue(lane, body),
  sendBatch: async (messages: Iterable<{ body: unknown }>) => {
    for (const m of messages) enqueue(lane, m.body);
  },
});

let parsed: Env | null = null;
function envOf(raw: RawEnv): Env {
  parsed ??= benchEnv(raw, queueOf('notify'), { NOTIFY_URGENT_QUEUE: queueOf('urgent') });
  return parsed;
}

/** Takes the next batch: a full one at once, a partial one once its oldest message has waited the batch timeout. */
function takeBatch(backlog: Queued[], maxBatch: number, timeoutMs: number): Queued[] | null {
  if (backlog.length >= maxBatch) return backlog.splice(0, maxBatch);
  if (backlog.length > 0 && Date.now() - backlog[0]!.enqueuedAt >= timeoutMs) return backlog.splice(0, backlog.length);
  return null;
}

/**
 * One consumer invocation: the next batch through `handleQueue`, as the Queues runtime calls the worker's `queue()`
 * once per batch (each request here is its own invocation, with its own subrequests). Nothing due within a second:
 * answers empty.
 */
async function batch(env: Env, input: { maxBatchSize: number; maxBatchTimeoutS: number; lane?: Lane }) {
  const lane = input.lane ?? 'notify';
  const backlog = backlogs[lane];
  // Long-polled for up to a second inside the isolate (a timer, not an HTTP round trip per empty look).
  let taken = takeBatch(backlog, input.maxBatchSize, input.maxBatchTimeoutS * 1000);
  for (const until = Date.now() + 1000; !taken && Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 5));
    taken = takeBatch(backlog, input.maxBatchSize, input.maxBatchTimeoutS * 1000);
  }
  if (!taken) return { size: 0, backlog: backlog.length };
  const started = Date.now();
  let acked = 0;
  let retried = 0;
  const messages = taken.map((m) => ({
    id: m.id,
    timestamp: new Date(m.enqueuedAt),
    attempts: m.attempts,
    body: m.body,
    ack: () => void acked++,
    retry: () => {
      retried++;
      enqueue(lane, m.body, m.attempts + 1);
    },
  }));
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException: () => {}, props: {} };
  const b = { queue: QUEUE_NAMES[lane], messages, retryAll: () => {}, ackAll: () => {} };
  await handleQueue(b as unknown as MessageBatch<unknown>, env, ctx as unknown as ExecutionContext);
  await Promise.allSettled(pending);
  return {
    size: taken.length,
    acked,
    retried,
    ms: Date.now() - started,
    waitedMs: taken.map((m) => started - m.enqueuedAt),
    backlog: backlog.length,
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
      case '/batch':
        return Response.json(await batch(env, body as Parameters<typeof batch>[1]));
      case '/backlog':
        return Response.json({ backlog: backlogs.notify.length, urgent: backlogs.urgent.length });
      case '/notify':
        return Response.json(await notify(env, body as Parameters<typeof notify>[1]));
      case '/clear':
        backlogs.notify = [];
        backlogs.urgent = [];
        return Response.json({ ok: true });
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
