import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { backoffDelay } from '../../../lib/backoff';
import type { Logger } from '../../../lib/logger';
import { type PushSender, PushPayloadTooLarge } from '../../../providers/push/push';
import { isNotificationType, typeSpec } from '../notification-types';
import { createPushSubscriptionsRepo } from '../push/push-subscriptions.repo';
import type { EffectivePreferences } from '../preferences/preferences.service';
import { createDeliveriesRepo, type DeliveryRow } from './deliveries.repo';
import { pushSpec, pushTopic, pushTtl } from './push-plan';

export type PushOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'gone';

const MAX_ATTEMPTS = 5;
/** 30 s, 2, 8, 32 minutes between tries when the service is down and says nothing of when to come back. */
const retryDelayMs = (attempts: number) => backoffDelay({ first: 30_000, factor: 4 }, attempts);

/** What the service worker shows: small on purpose (one aes128gcm record holds ~4 KB). */
export function pushPayload(item: DeliveryRow['items'][number]): string | null {
  if (!isNotificationType(item.type)) return null;
  const spec = typeSpec(item.type);
  const parsed = spec.data.safeParse(item.data);
  if (!parsed.success) return null;
  return JSON.stringify({
    type: item.type,
    title: spec.title(parsed.data),
    body: spec.body(parsed.data),
    link: spec.link(parsed.data) ?? '/notifications',
  });
}

/**
 * Sends one push row (an event to one subscription), claimed by the delivery service. 404/410 delete the
 * subscription and are never retried; 429 waits for Retry-After; 400/401/403 are our VAPID problem: logged
 * (with the subscription's id, never its endpoint: a capability URL) and not retried.
 */
export function createPushDelivery(deps: {
  db: Executor;
  clock: Clock;
  logger: Logger;
  push?: PushSender | undefined;
  preferences: { effective(userId: string): Promise<EffectivePreferences> };
}) {
  const rows = createDeliveriesRepo(deps.db);
  const subs = createPushSubscriptionsRepo(deps.db);

  return async function deliverPush(row: DeliveryRow, now: Date): Promise<PushOutcome> {
    const skip = async (reason: string) => {
      await rows.finish(row.id, { status: 'skipped', reason }, now);
      return 'skipped' as const;
    };
    const sub = row.pushSubscriptionId ? await subs.byId(row.pushSubscriptionId) : null;
    if (!sub || sub.retiredAt) return skip('no_subscription');
    if (!deps.push) return skip('push_off');
    const prefs = await deps.preferences.effective(row.userId);
    // Preferences may have changed while it waited (do-not-disturb, a category switched off).
    if (!prefs.push[row.category as keyof typeof prefs.push]) return skip('category_off');
    const item = row.items[0];
    const spec = pushSpec(row.type);
    const payload = item ? pushPayload(item) : null;
    if (!spec || !payload) return skip('not_pushed');
    const ttl = pushTtl(spec, item?.data ?? {}, deps.clock.now());
    if (ttl === null) return skip('expired');

    const log = { deliveryId: row.id, subscriptionId: sub.id, userId: row.userId, type: row.type };
    let result: Awaited<ReturnType<PushSender['send']>>;
    try {
      result = await deps.push.send(sub, { payload, ttl, urgency: spec.urgency, topic: pushTopic(row.type) });
    } catch (err) {
      if (!(err instanceof PushPayloadTooLarge)) throw err;
      await rows.finish(row.id, { status: 'failed', reason: 'payload_too_large', error: err.message }, now);
      deps.logger.error('push payload too large', log);
      return 'failed';
    }
    const at = deps.clock.now();
    switch (result.outcome) {
      case 'sent':
        await rows.finish(row.id, { status: 'sent', providerMessageId: `push:${sub.id}` }, at);
        await subs.recordSuccess(sub.id, at);
        return 'sent';
      case 'gone':
        // This row fails, the subscription's waiting rows are skipped and it is deleted: nothing retries a dead endpoint.
        await rows.finish(row.id, { status: 'failed', reason: 'subscription_gone', error: `push service answered ${result.status}` }, at);
        await subs.deleteById(sub.id, at);
        deps.logger.info('push subscription gone', { ...log, status: result.status });
        return 'gone';
      case 'rejected':
        await rows.finish(row.id, { status: 'failed', reason: 'vapid_rejected', error: `push service answered ${result.status}` }, at);
        await subs.recordError(sub.id, String(result.status), at);
        deps.logger.error('push rejected: check the VAPID keys and subject', { ...log, status: result.status });
        return 'failed';
      case 'too_large':
        await rows.finish(row.id, { status: 'failed', reason: 'payload_too_large', error: 'push service answered 413' }, at);
        await subs.recordError(sub.id, '413', at);
        return 'failed';
      case 'rate_limited':
      case 'error': {
        const code = result.outcome === 'rate_limited' ? '429' : String(result.status ?? 'network');
        await subs.recordError(sub.id, code, at);
        if (row.attempts >= MAX_ATTEMPTS) {
          await rows.finish(row.id, { status: 'failed', reason: 'provider_error', error: `push service answered ${code}` }, at);
          deps.logger.warn('push failed', { ...log, code, count: row.attempts });
          return 'failed';
        }
        // 429: the service's Retry-After, when it gives one, is the earliest we come back.
        const wait = result.outcome === 'rate_limited' && result.retryAfterMs !== null ? result.retryAfterMs : retryDelayMs(row.attempts);
        await rows.finish(
          row.id,
          { status: 'scheduled', dueAt: new Date(now.getTime() + wait), error: `push service answered ${code}` },
          at,
        );
        deps.logger.warn('push will retry', { ...log, code, count: row.attempts });
        return 'retry';
      }
    }
  };
}
