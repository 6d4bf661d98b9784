// The API fuzz test's targets for notifications's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { notifications, pushSubscriptions } from '../../db/schema';
import { browserKeys } from './push/push.testing';
import { mintUnsubscribeToken } from './unsubscribe/unsubscribe-token';
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  // A browser's subscription: a real P-256 point and a 16-byte secret, as PushSubscription.toJSON() gives them.
  'PUT /api/v1/notifications/push-subscriptions': {
    make: async () => ({
      body: {
        installId: crypto.randomUUID(),
        endpoint: `https://push.example.com/fuzz/${crypto.randomUUID()}`,
        keys: await browserKeys(),
        label: 'Chrome on Android',
      },
    }),
  },
  'DELETE /api/v1/notifications/push-subscriptions/{installId}': {
    consumes: true,
    make: async (k) => {
      const installId = crypto.randomUUID();
      await k.h.db.insert(pushSubscriptions).values({
        userId: k.w.athlete.id,
        installId,
        endpoint: `https://push.example.com/fuzz/${crypto.randomUUID()}`,
        p256dh: `B${'A'.repeat(86)}`,
        auth: 'A'.repeat(22),
      });
      return { params: { installId } };
    },
  },
  'DELETE /api/v1/notifications/{id}': {
    consumes: true,
    make: async (k) => {
      const [n] = await k.h.db
        .insert(notifications)
        .values({
          userId: k.w.athlete.id,
          dedupeKey: `fuzz:${crypto.randomUUID()}`,
          kind: 'coach.update',
          category: 'coach',
          title: 'Fuzz',
          data: { title: 'Fuzz', body: 'Fuzz', link: '/settings' },
        })
        .returning({ id: notifications.id });
      return { params: { id: n!.id } };
    },
  },
  'POST /api/v1/notifications/unsubscribe': {
    make: async (k) => {
      const t = await mintUnsubscribeToken(
        { userId: k.w.athlete.id, categories: ['load'], deliveryId: crypto.randomUUID() },
        k.h.env.UNSUBSCRIBE_SECRET,
      );
      return {
        query: { t },
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.com' },
      };
    },
  },
  'GET /api/v1/notifications/unsubscribe': {
    make: async (k) => ({
      query: {
        t: await mintUnsubscribeToken(
          { userId: k.w.athlete.id, categories: ['load'], deliveryId: crypto.randomUUID() },
          k.h.env.UNSUBSCRIBE_SECRET,
        ),
      },
    }),
  },
};
