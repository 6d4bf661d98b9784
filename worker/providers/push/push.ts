/** One browser's push subscription, as PushSubscription.toJSON() gives it (keys base64url). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

export interface PushMessage {
  /** The JSON the service worker reads: small (title, body, link). */
  payload: string;
  /** Seconds the push service keeps it for an offline device (RFC 8030 §5.2); always sent. */
  ttl: number;
  urgency: PushUrgency;
  /** RFC 8030 §5.4: a newer message with the same topic replaces an undelivered older one (≤ 32 base64url chars). */
  topic: string;
}

/**
 * What the push service said, already sorted into what delivery does with it:
 * sent (201); gone (404/410: delete the subscription, never retry); rate_limited (429: try after retryAfterMs);
 * rejected (400/401/403: our VAPID or request is wrong — log it, do not retry); too_large (413); error (5xx, network).
 */
export type PushResult =
  | { outcome: 'sent' }
  | { outcome: 'gone'; status: number }
  | { outcome: 'rate_limited'; retryAfterMs: number | null }
  | { outcome: 'rejected'; status: number }
  | { outcome: 'too_large' }
  | { outcome: 'error'; status: number | null };

export interface PushSender {
  /** The VAPID public key browsers subscribe with (applicationServerKey). */
  readonly publicKey: string;
  send(target: PushTarget, message: PushMessage): Promise<PushResult>;
}

/** The largest plaintext that fits one 4096-byte aes128gcm record with its 86-byte header (the library's limit). */
export const MAX_PUSH_PAYLOAD_BYTES = 4096 - 86 - 17;

export class PushPayloadTooLarge extends Error {
  override name = 'PushPayloadTooLarge';
  constructor(bytes: number) {
    super(`Push payload is ${bytes} bytes; at most ${MAX_PUSH_PAYLOAD_BYTES} fit one aes128gcm record`);
  }
}
