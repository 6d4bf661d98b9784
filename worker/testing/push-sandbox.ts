import { env } from 'cloudflare:test';

// Tests inside workerd reach the Web Push sandbox's subscriptions, control API and outbox
// (scripts/sandbox/README.md, "Web Push") over the sandbox's plain port, through the origin of the EMAIL_API_URL
// binding. Pushes themselves go to each subscription's https endpoint with the worker's own fetch (workerd trusts
// the sandbox CA: global-setup.ts). Everything is per subscription, so parallel test files never see each other's.

// The sandbox's own types (type-only: nothing of the Node module is loaded inside workerd).
import type { PushMessage, PushSubscriptionJson, ScriptedAnswer } from '../../scripts/sandbox/push/state';

export type { PushMessage, PushSubscriptionJson, ScriptedAnswer } from '../../scripts/sandbox/push/state';

/** A subscription's state as the sandbox keeps it: every push's status, oldest first, gone, scripted answers. */
export interface PushSubscriptionState extends PushSubscriptionJson {
  id: string;
  applicationServerKey: string | null;
  gone: boolean;
  next: ScriptedAnswer[];
  requests: { at: string; status: number; reason?: string }[];
}

const sandbox = (path: string) => `${new URL(env.EMAIL_API_URL).origin}/push${path}`;
const idOf = (endpoint: string) => endpoint.split('/').pop() ?? endpoint;

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(sandbox(path), init);
  if (!res.ok) throw new Error(`push sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const post = <T>(path: string, body: unknown) =>
  call<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A browser's `pushManager.subscribe()`: the subscription's toJSON(), with an https endpoint on the sandbox. */
export function createPushSubscription(opts: { applicationServerKey?: string } = {}): Promise<PushSubscriptionJson> {
  return post('/subscriptions', opts);
}

/** Messages the sandbox accepted for this subscription, decrypted, newest first. */
export async function pushOutbox(endpoint: string): Promise<PushMessage[]> {
  return (await call<{ messages: PushMessage[] }>(`/outbox.json?subscription=${idOf(endpoint)}`)).messages;
}

export function pushSubscriptionState(endpoint: string): Promise<PushSubscriptionState> {
  return call(`/subscriptions/${idOf(endpoint)}`);
}

/** The subscription's next answers in order, e.g. [410] or [{ status: 429, retryAfter: 2 }, 201]. */
export async function setPushNext(endpoint: string, next: (number | ScriptedAnswer)[]): Promise<void> {
  await post('/_control/next', { subscription: endpoint, next });
}

/** Every later push to it answers 410, as a subscription the browser dropped. */
export async function markPushGone(endpoint: string): Promise<void> {
  await post('/_control/gone', { subscription: endpoint });
}
