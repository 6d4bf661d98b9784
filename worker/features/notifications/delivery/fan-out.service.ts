import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { localParts } from '../../../lib/dates';
import { PoisonMessageError } from '../../../jobs/types';
import { createDeliveriesRepo } from './deliveries.repo';
import { DIGEST_WINDOW_MS, planEmail } from './email-plan';
import { deferForDnd, nextLocalTime } from './notification-schedule';
import { planPush } from './push-plan';
import { createPushSubscriptionsRepo } from '../push/push-subscriptions.repo';
import { typeSpec } from '../notification-types';
import { createNotificationsRepo } from '../inbox/notifications.repo';
import type { NotifyEvent } from '../notifications.schema';
import type { EffectivePreferences } from '../preferences/preferences.service';

export type FanOutResult =
  | { duplicate: true }
  | {
      duplicate: false;
      inApp: boolean;
      email: 'none' | 'now' | 'digest' | 'daily';
      deliveryId: string | null;
      dueNow: boolean;
      /** One push row per live subscription; `pushDueNow` those not deferred by do-not-disturb. */
      push: string[];
      pushDueNow: string[];
    };

/**
 * One trigger → the in-app row, by preference a push to each subscribed device, and an email now, in a burst
 * digest or in the day's summary. One transaction behind the dedupe gate: a duplicate or concurrent trigger writes nothing twice.
 */
export function createFanOut(deps: {
  db: Executor;
  clock: Clock;
  preferences: { effective(userId: string): Promise<EffectivePreferences> };
}) {
  return async function fanOut(event: NotifyEvent): Promise<FanOutResult> {
    const spec = typeSpec(event.type);
    const parsed = spec.data.safeParse(event.data);
    if (!parsed.success) throw new PoisonMessageError(`notify event ${event.type} has invalid data`);
    const data = parsed.data;
    const now = deps.clock.now();
    const at = event.at ? new Date(event.at) : now;
    const prefs = await deps.preferences.effective(event.userId);
    const channels = prefs.channels[spec.category];
    const plan = planEmail(spec, prefs);

    return deps.db.transaction(async (tx) => {
      const deliveries = createDeliveriesRepo(tx);
      await deliveries.lockUserType(event.userId, event.type);
      if (!(await deliveries.gate({ dedupeKey: event.dedupeKey, userId: event.userId, type: event.type, at: now }))) {
        return { duplicate: true as const };
      }
      if (channels.inApp) {
        await createNotificationsRepo(tx).insertOnce({
          userId: event.userId,
          dedupeKey: event.dedupeKey,
          kind: event.type,
          category: spec.category,
          title: spec.title(data),
          body: spec.body(data),
          link: spec.link(data),
          data: data as Record<string, unknown>,
          createdAt: at,
        });
      }
      const item = { type: event.type, dedupeKey: event.dedupeKey, data: data as Record<string, unknown>, at: at.toISOString() };
      const base = { userId: event.userId, category: spec.category, type: event.type, item, now };
      // Billing and security mail ignores do-not-disturb; everything else waits for the window's end.
      const quiet = (t: Date) =>
        spec.urgency === 'transactional' ? { at: t, deferred: false } : deferForDnd(t, prefs.dnd, prefs.timeZone);

      // Push goes as it happens (no digest: the topic collapses repeats on the device), under the same quiet hours.
      let push: string[] = [];
      let pushDueNow: string[] = [];
      if (planPush({ type: event.type, category: spec.category }, prefs.push)) {
        const send = quiet(now);
        const rows = await createPushSubscriptionsRepo(tx).insertPushRows({
          ...base,
          dedupeKey: event.dedupeKey,
          dueAt: send.at,
          reason: send.deferred ? 'dnd' : null,
        });
        push = rows.map((r) => r.id);
        pushDueNow = rows.filter((r) => r.dueAt.getTime() <= now.getTime()).map((r) => r.id);
      }
      const pushed = { push, pushDueNow };

      if (plan === 'none')
        return { duplicate: false as const, inApp: channels.inApp, email: 'none' as const, deliveryId: null, dueNow: false, ...pushed };

      if (plan === 'daily') {
        const send = quiet(nextLocalTime(now, prefs.sendMinute, prefs.timeZone));
        const day = localParts(send.at, prefs.timeZone).date;
        const row = await deliveries.appendToGroup({
          ...base,
          groupKey: `daily:${event.userId}:${day}`,
          kind: 'daily',
          type: 'daily',
          dueAt: send.at,
          reason: send.deferred ? 'dnd' : 'send_time',
        });
        return { duplicate: false as const, inApp: channels.inApp, email: 'daily' as const, deliveryId: row.id, dueNow: false, ...pushed };
      }

      // A burst: the first email of a type goes now, the rest of the window's events in one message after it.
      const recent = await deliveries.latestDueOfType(event.userId, event.type, new Date(now.getTime() - DIGEST_WINDOW_MS));
      if (recent) {
        const send = quiet(new Date(Math.max(recent.getTime() + DIGEST_WINDOW_MS, now.getTime())));
        const row = await deliveries.appendToGroup({
          ...base,
          groupKey: `digest:${event.userId}:${event.type}`,
          kind: 'digest',
          dueAt: send.at,
          reason: send.deferred ? 'dnd' : 'digest_window',
        });
        return { duplicate: false as const, inApp: channels.inApp, email: 'digest' as const, deliveryId: row.id, dueNow: false, ...pushed };
      }
      const send = quiet(now);
      const row = await deliveries.insertSingle({
        ...base,
        dedupeKey: `email:${event.dedupeKey}`,
        dueAt: send.at,
        reason: send.deferred ? 'dnd' : null,
      });
      return {
        duplicate: false as const,
        inApp: channels.inApp,
        email: 'now' as const,
        deliveryId: row?.id ?? null,
        dueNow: row !== null && row.dueAt.getTime() <= now.getTime(),
        ...pushed,
      };
    });
  };
}
