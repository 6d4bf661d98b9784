import { eq } from 'drizzle-orm';
import { onTestFinished } from 'vitest';
import { notificationDeliveries, pushSubscriptions } from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { createProviders } from '../../../providers';
import type { PushMessage, PushResult, PushSender, PushTarget } from '../../../providers/push/push';
import type { Harness } from '../../../testing/harness';
import { createServices } from '../../../wiring';

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A browser's subscription keys: a real P-256 public key and a 16-byte auth secret. */
export async function browserKeys() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  return { p256dh: b64url(raw), auth: b64url(crypto.getRandomValues(new Uint8Array(16))) };
}

/** A push service the test scripts: each send answers the next scripted result (201 when the script is empty). */
export class ScriptedPush implements PushSender {
  readonly publicKey = 'BPH-7ddMQERtT2AzLxpn409EKlPGVqyKSO0iounWOozopx_mINo5gTfVIzKugdDpRRrFsgU3BT8T7T-7B_1WE0c';
  readonly sent: { target: PushTarget; message: PushMessage }[] = [];
  readonly script: PushResult[] = [];
  async send(target: PushTarget, message: PushMessage): Promise<PushResult> {
    this.sent.push({ target, message });
    return this.script.shift() ?? { outcome: 'sent' };
  }
}

const recorder = (into: unknown[]) =>
  ({
    send: async (body: unknown) => void into.push(body),
    sendBatch: async (msgs: Iterable<{ body: unknown }>) => {
      for (const m of msgs) into.push(m.body);
    },
  }) as unknown as Queue<unknown>;

/** Services on a clock the test moves, with `push` as the push provider and queues (the notify queue, its urgent lane) that only record. */
export function pushServicesAt(h: Harness, start: Date, push: PushSender) {
  let now = start;
  const queued: unknown[] = [];
  const urgentQueued: unknown[] = [];
  const env = { ...h.env, NOTIFY_QUEUE: recorder(queued), NOTIFY_URGENT_QUEUE: recorder(urgentQueued) };
  const services = createServices(env, {
    requestId: null,
    logger: createLogger('error'),
    waitUntil: () => {},
    clock: { now: () => now },
    providers: { ...createProviders(env), push },
  });
  onTestFinished(() => services.close());
  return Object.assign(services, { queued, urgentQueued, clock: { now: () => now, set: (d: Date) => (now = d) } });
}

export const subscriptionsOf = (h: Harness, userId: string) =>
  h.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).orderBy(pushSubscriptions.createdAt);
export const pushRowsOf = async (h: Harness, userId: string) =>
  (await h.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, userId))).filter((r) => r.channel === 'push');
