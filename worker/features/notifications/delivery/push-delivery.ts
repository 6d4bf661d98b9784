import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { backoffDelay, jittered } from '../../../lib/backoff';
import type { Logger } from '../../../lib/logger';
import { mapLimit } from '../../../lib/concurrency';
import { type PushMessage, type PushResult, type PushSender, PushPayloadTooLarge } from '../../../providers/push/push';
import { isNotificationType, typeSpec } from '../notification-types';
import { createPushSubscriptionsRepo, type PushSubscriptionRow } from '../push/push-subscriptions.repo';
import type { EffectivePreferences } from '../preferences/preferences.service';
import { createDeliveriesRepo, type DeliveryRow, type FinishOutcome } from './deliveries.repo';
import { pushSpec, pushTopic, pushTtl } from './push-plan';

export type PushOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'gone';

const MAX_ATTEMPTS = 5;
/** 30 s, 2, 8, 32 minutes between tries when the service is down and says nothing of when to come back. */
const retryDelayMs = (attempts: number) => backoffDelay({ first: 30_000, factor: 4 }, attempts);

/**
 * What the service worker shows: small on purpose (one aes128gcm record holds ~4 KB). `tag` is the delivery's id:
 * a retry that reaches a device the first try already reached replaces that notification instead of showing twice.
 */
export function pushPayload(item: DeliveryRow['items'][number], tag?: string): string | null {
  if (!isNotificationType(item.type)) return null;
  const spec = typeSpec(item.type);
  const parsed = spec.data.safeParse(item.data);
  if (!parsed.success) return null;
  return JSON.stringify({
    type: item.type,
    title: spec.title(parsed.data),
    body: spec.body(parsed.data),
    link: spec.link(parsed.data) ?? '/notifications',
    ...(tag ? { tag } : {}),
  });
}

/** Pushes of one batch in flight at once: enough to hide the push service's round trip, few enough for one isolate. */
export const PUSH_CONCURRENCY = 32;

type Sent = { row: DeliveryRow; sub: PushSubscriptionRow; result: PushResult } | { row: DeliveryRow; tooLarge: string };
/** A row's outcome, or the error its send threw (the row stays `sending`; the stuck sweep puts it back). */
export type PushRowResult = PushOutcome | { error: unknown };

/**
 * Sends claimed push rows (one event to one subscription each): the subscriptions and preferences read once for
 * all, the sends side by side (at most PUSH_CONCURRENCY), the outcomes written back in one statement and the
 * subscriptions' last success or error in one more. 404/410 delete the subscription and are never retried; 429
 * waits for Retry-After; 400/401/403 are our VAPID problem: logged (with the subscription's id, never its
 * endpoint: a capability URL) and not retried. One row's failure is that row's: the others are sent and settled.
 */
export function createPushDelivery(deps: {
  db: Executor;
  clock: Clock;
  logger: Logger;
  push?: PushSender | undefined;
  preferences: { effectiveMany(userIds: string[]): Promise<Map<string, EffectivePreferences>> };
}) {
  const rows = createDeliveriesRepo(deps.db);
  const subs = createPushSubscriptionsRepo(deps.db);

  /** `known`: preferences the caller read a moment ago (the fan-out's), not read again. */
  async function deliverMany(claimed: DeliveryRow[], now: Date, known?: Map<string, EffectivePreferences>): Promise<PushRowResult[]> {
    const results = new Array<PushRowResult>(claimed.length);
    // Skips settle at the claim's time, sends at their answer's (as one row at a time did).
    const skipped: { id: string; outcome: FinishOutcome }[] = [];
    const finished: { id: string; outcome: FinishOutcome }[] = [];
    const settle = (i: number, outcome: FinishOutcome, result: PushOutcome) => {
      (result === 'skipped' ? skipped : finished).push({ id: claimed[i]!.id, outcome });
      results[i] = result;
    };
    const subIds = [...new Set(claimed.map((r) => r.pushSubscriptionId).filter((id): id is string => id !== null))];
    const byId = new Map((await subs.byIds(subIds)).map((s) => [s.id, s]));
    const live = claimed
      .map((r) => (r.pushSubscriptionId ? byId.get(r.pushSubscriptionId) : undefined))
      .map((s) => (s && !s.retiredAt ? s : null));
    const missing = deps.push ? claimed.filter((r, i) => live[i] && !known?.has(r.userId)).map((r) => r.userId) : [];
    const prefsOf =
      missing.length > 0 ? new Map([...(known ?? []), ...(await deps.preferences.effectiveMany(missing))]) : (known ?? new Map());

    const toSend: { i: number; sub: PushSubscriptionRow; message: PushMessage }[] = [];
    for (const [i, row] of claimed.entries()) {
      const sub = live[i];
      const skip = (reason: string) => settle(i, { status: 'skipped', reason }, 'skipped');
      if (!sub) {
        skip('no_subscription');
        continue;
      }
      if (!deps.push) {
        skip('push_off');
        continue;
      }
      const prefs = prefsOf.get(row.userId);
      // Preferences may have changed while it waited (do-not-disturb, a category switched off); a deleted user's row goes nowhere.
      if (!prefs?.push[row.category as keyof typeof prefs.push]) {
        skip('category_off');
        continue;
      }
      const item = row.items[0];
      const spec = pushSpec(row.type);
      const payload = item ? pushPayload(item, row.id) : null;
      if (!spec || !payload) {
        skip('not_pushed');
        continue;
      }
      const ttl = pushTtl(spec, item?.data ?? {}, deps.clock.now());
      if (ttl === null) {
        skip('expired');
        continue;
      }
      toSend.push({ i, sub, message: { payload, ttl, urgency: spec.urgency, topic: pushTopic(row.type) } });
    }

    const push = deps.push;
    const sent = push
      ? await mapLimit(toSend, PUSH_CONCURRENCY, async ({ i, sub, message }): Promise<Sent | null> => {
          const row = claimed[i]!;
          try {
            return { row, sub, result: await push.send(sub, message) };
          } catch (err) {
            if (err instanceof PushPayloadTooLarge) return { row, tooLarge: err.message };
            results[i] = { error: err };
            return null;
          }
        })
      : [];

    const at = deps.clock.now();
    const successes: string[] = [];
    const errors: { id: string; code: string }[] = [];
    const gone: string[] = [];
    for (const [k, s] of sent.entries()) {
      if (!s) continue;
      const i = toSend[k]!.i;
      const row = s.row;
      if ('tooLarge' in s) {
        settle(i, { status: 'failed', reason: 'payload_too_large', error: s.tooLarge }, 'failed');
        deps.logger.error('push payload too large', { deliveryId: row.id, userId: row.userId, type: row.type });
        continue;
      }
      const { sub, result } = s;
      const log = { deliveryId: row.id, subscriptionId: sub.id, userId: row.userId, type: row.type };
      switch (result.outcome) {
        case 'sent':
          settle(i, { status: 'sent', providerMessageId: `push:${sub.id}` }, 'sent');
          successes.push(sub.id);
          break;
        case 'gone':
          // This row fails, the subscription's waiting rows are skipped and it is deleted: nothing retries a dead endpoint.
          settle(i, { status: 'failed', reason: 'subscription_gone', error: `push service answered ${result.status}` }, 'gone');
          gone.push(sub.id);
          deps.logger.info('push subscription gone', { ...log, status: result.status });
          break;
        case 'rejected':
          settle(i, { status: 'failed', reason: 'vapid_rejected', error: `push service answered ${result.status}` }, 'failed');
          errors.push({ id: sub.id, code: String(result.status) });
          deps.logger.error('push rejected: check the VAPID keys and subject', { ...log, status: result.status });
          break;
        case 'too_large':
          settle(i, { status: 'failed', reason: 'payload_too_large', error: 'push service answered 413' }, 'failed');
          errors.push({ id: sub.id, code: '413' });
          break;
        case 'rate_limited':
        case 'error': {
          const code = result.outcome === 'rate_limited' ? '429' : String(result.status ?? 'network');
          errors.push({ id: sub.id, code });
          if (row.attempts >= MAX_ATTEMPTS) {
            settle(i, { status: 'failed', reason: 'provider_error', error: `push service answered ${code}` }, 'failed');
            deps.logger.warn('push failed', { ...log, code, count: row.attempts });
            break;
          }
          // 429: the service's Retry-After, when it gives one, is the earliest we come back.
          const wait =
            result.outcome === 'rate_limited' && result.retryAfterMs !== null
              ? result.retryAfterMs
              : jittered(retryDelayMs(row.attempts), row.id);
          settle(i, { status: 'scheduled', dueAt: new Date(now.getTime() + wait), error: `push service answered ${code}` }, 'retry');
          deps.logger.warn('push will retry', { ...log, code, count: row.attempts });
          break;
        }
      }
    }
    await rows.finishMany(skipped, now);
    await rows.finishMany(finished, at);
    await subs.recordSuccessMany([...new Set(successes)], at);
    await subs.recordErrorMany(errors, at);
    for (const id of new Set(gone)) await subs.deleteById(id, at);
    return results;
  }

  /** One claimed row (a `deliver` message): the same path as a batch of one; an unexpected send error is thrown. */
  async function deliverPush(row: DeliveryRow, now: Date): Promise<PushOutcome> {
    const [result] = await deliverMany([row], now);
    if (typeof result === 'object') throw result.error;
    return result!;
  }
  return Object.assign(deliverPush, { many: deliverMany });
}
