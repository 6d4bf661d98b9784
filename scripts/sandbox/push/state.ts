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
  /** By id in arrival order (newest last; read newest first). */
  messages = new Map<string, PushMessage>();
  /** The queued (undelivered) message of each subscription and Topic: a fan-out replaces without a scan. */
  private byTopic = new Map<string, string>();
  /** Pushes to ids the sandbox never issued. */
  unknown: { id: string; at: string }[] = [];
  /**
   * Decrypt one accepted push in this many (the bench's setting; 1, every one, elsewhere). VAPID, headers and
   * the body's size are checked on every push; the others are answered 201 without their aes128gcm body opened.
   */
  decryptOneIn = 1;
  private accepted = 0;

  /** Whether the next accepted push is decrypted (always, unless a bench set a sample). */
  decryptNext(): boolean {
    return this.accepted++ % this.decryptOneIn === 0;
  }

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
      const key = `${message.subscription} ${message.topic}`;
      const older = this.byTopic.get(key);
      if (older && this.messages.delete(older)) replaced.push(older);
      this.byTopic.set(key, message.id);
    }
    const full = { ...message, replaced };
    this.messages.set(full.id, full);
    if (this.messages.size > OUTBOX_CAP) this.messages.delete(this.messages.keys().next().value!);
    return full;
  }

  /** The message reached its browser: a newer one of its Topic no longer replaces it. */
  delivered(id: string): void {
    const message = this.messages.get(id);
    if (!message) return;
    message.deliveredAt = new Date().toISOString();
    const key = `${message.subscription} ${message.topic}`;
    if (message.topic && this.byTopic.get(key) === id) this.byTopic.delete(key);
  }

  outbox(subscription?: string): PushMessage[] {
    const all = [...this.messages.values()];
    return (subscription ? all.filter((m) => m.subscription === subscription) : all).reverse();
  }

  clearMessages(): void {
    this.messages.clear();
    this.byTopic.clear();
  }

  clear(): void {
    this.subscriptions.clear();
    this.clearMessages();
    this.unknown = [];
    this.decryptOneIn = 1;
    this.accepted = 0;
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
