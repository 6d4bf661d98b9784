// In-memory state of the push sandbox: subscriptions (with the private keys a browser would keep), scripted
// answers, every request's outcome per subscription, and the outbox of decrypted messages.
import { randomBytes, randomUUID } from 'node:crypto';
import { generateReceiverKeys, type ReceiverKeys } from './rfc8291.ts';

export type Urgency = 'very-low' | 'low' | 'normal' | 'high';

/** A scripted answer: a status (201 means "handle it normally") and, for 429, the Retry-After seconds. */
export interface ScriptedAnswer {
  status: number;
  retryAfter?: number;
}

export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface Subscription {
  id: string;
  endpoint: string;
  keys: ReceiverKeys;
  /** Set when created with one (RFC 8292 §3.2): pushes signed with another key get 403. */
  applicationServerKey: string | null;
  createdAt: string;
  /** Marked gone: every push answers 410 from then on. */
  gone: boolean;
  next: ScriptedAnswer[];
  /** Every push request to it, oldest first: what a sender did (retries, pruning) is read from here. */
  requests: { at: string; status: number; reason?: string }[];
}

export interface PushMessage {
  id: string;
  subscription: string;
  receivedAt: string;
  ttl: number;
  urgency: Urgency;
  topic: string | null;
  /** The decrypted payload as text, and parsed when it is JSON. */
  text: string;
  data: unknown;
  title: string | null;
  body: string | null;
  link: string | null;
  bytes: { body: number; plaintext: number; padding: number; recordSize: number };
  vapid: { sub: string; aud: string; exp: number; key: string };
  /** Ids of queued messages with the same Topic this one replaced (RFC 8030 §5.4). */
  replaced: string[];
  deliveredAt: string | null;
}

const OUTBOX_CAP = 20_000;

export class PushState {
  subscriptions = new Map<string, Subscription>();
  /** Newest last; read newest first. */
  messages: PushMessage[] = [];
  /** Pushes to ids the sandbox never issued. */
  unknown: { id: string; at: string }[] = [];

  create(origin: string, applicationServerKey: string | null): Subscription {
    const id = randomUUID();
    const sub: Subscription = {
      id,
      endpoint: `${origin}/push/${id}`,
      keys: generateReceiverKeys(randomBytes(16)),
      applicationServerKey,
      createdAt: new Date().toISOString(),
      gone: false,
      next: [],
      requests: [],
    };
    this.subscriptions.set(id, sub);
    return sub;
  }

  /** Records a 201'd message; a queued one with the same Topic on the same subscription is dropped. */
  accept(message: Omit<PushMessage, 'replaced'>): PushMessage {
    const replaced: string[] = [];
    if (message.topic) {
      this.messages = this.messages.filter((m) => {
        const same = m.subscription === message.subscription && m.topic === message.topic && !m.deliveredAt;
        if (same) replaced.push(m.id);
        return !same;
      });
    }
    const full = { ...message, replaced };
    this.messages.push(full);
    if (this.messages.length > OUTBOX_CAP) this.messages.splice(0, this.messages.length - OUTBOX_CAP);
    return full;
  }

  outbox(subscription?: string): PushMessage[] {
    const list = subscription ? this.messages.filter((m) => m.subscription === subscription) : this.messages;
    return [...list].reverse();
  }

  clear(): void {
    this.subscriptions.clear();
    this.messages = [];
    this.unknown = [];
  }
}

export function subscriptionJson(sub: Subscription): PushSubscriptionJson {
  return {
    endpoint: sub.endpoint,
    expirationTime: null,
    keys: { p256dh: sub.keys.publicKey.toString('base64url'), auth: sub.keys.authSecret.toString('base64url') },
  };
}

/** What the control API shows of a subscription (never the private key). */
export function subscriptionState(sub: Subscription) {
  return {
    id: sub.id,
    ...subscriptionJson(sub),
    applicationServerKey: sub.applicationServerKey,
    createdAt: sub.createdAt,
    gone: sub.gone,
    next: sub.next,
    requests: sub.requests,
  };
}
