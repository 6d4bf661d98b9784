// The bench workers' env: the real vars and Hyperdrive from wrangler, the notify queue the entry gives, and inert
// stand-ins for every other binding the env's validation asks for (those paths are not what a bench measures).
import { type Env, parseEnv } from '../worker/env';

interface QueueLike {
  send(body: unknown): Promise<void>;
  sendBatch(messages: Iterable<{ body: unknown }>): Promise<void>;
}

const inertQueue: QueueLike = { send: async () => {}, sendBatch: async () => {} };
const namespaceStub = { idFromName: () => ({}), get: () => ({}) };
const bucketStub = { put: async () => null, get: async () => null, delete: async () => {} };

/** `extra`: bindings a bench gives beyond the notify queue (the push bench's urgent lane). */
export function benchEnv(raw: Record<string, unknown>, notifyQueue: QueueLike, extra: Record<string, unknown> = {}): Env {
  return parseEnv({
    ...raw,
    ...extra,
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
}
