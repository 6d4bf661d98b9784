import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { PushSender } from '../../../providers/push/push';
import { isStorableText } from '../../../lib/text.schema';
import { createPushSubscriptionsRepo, type PushSubscriptionRow } from './push-subscriptions.repo';
import type { PushDevice, PushSubscribe, PushSync } from './push-subscriptions.schema';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const deviceView = (r: PushSubscriptionRow): PushDevice => ({
  id: r.id,
  installId: r.installId,
  label: r.label,
  createdAt: r.createdAt.toISOString(),
  lastSuccessAt: iso(r.lastSuccessAt),
  lastErrorAt: iso(r.lastErrorAt),
  lastErrorCode: r.lastErrorCode,
  retiredAt: iso(r.retiredAt),
});

/**
 * The athlete's devices for Web Push (ADR 076): one live subscription per app install. Subscribing again replaces;
 * every app open re-syncs, retiring what the browser no longer holds, so a dead device stops costing sends.
 */
export function createPushSubscriptions(deps: { db: Executor; clock: Clock; push: PushSender | undefined; allowHttp: boolean }) {
  const enabled = () => {
    if (!deps.push) throw notFound('Push notifications');
    return deps.push;
  };
  // Real push services are https (RFC 8030 §8): we POST to what the browser gave, so nothing else is accepted.
  const checkEndpoint = (endpoint: string) => {
    if (!isStorableText(endpoint))
      throw new AppError(ErrorCode.VALIDATION, 'Not a push endpoint', { fields: [{ path: 'endpoint', message: 'Not a push endpoint' }] });
    if (!deps.allowHttp && !endpoint.startsWith('https://'))
      throw new AppError(ErrorCode.VALIDATION, 'A push endpoint must be an https URL', {
        fields: [{ path: 'endpoint', message: 'Must be https' }],
      });
  };

  return {
    vapidKey: () => ({ publicKey: enabled().publicKey }),

    async subscribe(userId: string, input: PushSubscribe): Promise<PushDevice> {
      enabled();
      checkEndpoint(input.endpoint);
      return deps.db.transaction(async (tx) => {
        const repo = createPushSubscriptionsRepo(tx);
        await repo.lockInstall(userId, input.installId);
        const row = await repo.upsert({
          userId,
          installId: input.installId,
          endpoint: input.endpoint,
          p256dh: input.keys.p256dh,
          auth: input.keys.auth,
          label: input.label ?? null,
          now: deps.clock.now(),
        });
        return deviceView(row);
      });
    },

    async sync(userId: string, input: PushSync) {
      if (input.endpoint !== null) checkEndpoint(input.endpoint);
      return deps.db.transaction(async (tx) => {
        const repo = createPushSubscriptionsRepo(tx);
        await repo.lockInstall(userId, input.installId);
        const retired = await repo.retireInstall(userId, input.installId, input.endpoint, deps.clock.now());
        const live = input.endpoint ? await repo.liveOfInstall(userId, input.installId) : null;
        return { subscribed: live !== null && live.endpoint === input.endpoint, retired };
      });
    },

    async unsubscribe(userId: string, installId: string) {
      if ((await createPushSubscriptionsRepo(deps.db).deleteInstall(userId, installId)) === 0) throw notFound('Push subscription');
    },

    async devices(userId: string): Promise<PushDevice[]> {
      return (await createPushSubscriptionsRepo(deps.db).listOfUser(userId)).map(deviceView);
    },
  };
}

export type PushSubscriptions = ReturnType<typeof createPushSubscriptions>;
