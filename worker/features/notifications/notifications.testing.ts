import { eq } from 'drizzle-orm';
import { onTestFinished } from 'vitest';
import { notificationDeliveries, notificationEvents, notifications, users } from '../../db/schema';
import { createLogger } from '../../lib/logger';
import { createServices } from '../../wiring';
import type { Harness } from '../../testing/harness';
import type { UpdateNotificationPreferences } from './preferences/notification-preferences';

/** Services on a clock the test moves (`clock.set`), closed when the test ends. */
export function servicesAt(h: Harness, start: Date) {
  let now = start;
  const services = createServices(h.env, {
    requestId: null,
    logger: createLogger('error'),
    waitUntil: () => {},
    clock: { now: () => now },
  });
  onTestFinished(() => services.close());
  return Object.assign(services, {
    clock: { now: () => now, set: (d: Date) => (now = d) },
  });
}

/** An athlete in a zone with the given notification preferences (no DND unless given). */
export async function athleteIn(h: Harness, timeZone: string, prefs: UpdateNotificationPreferences = {}) {
  const a = await h.signup();
  await h.db.update(users).set({ timeZone }).where(eq(users.id, a.user.id));
  const services = servicesAt(h, new Date());
  await services.notifications.preferences.update(a.user.id, { dnd: [], ...prefs });
  return a;
}

export const inboxOf = (h: Harness, userId: string) => h.db.select().from(notifications).where(eq(notifications.userId, userId));
/** A user's deliveries in the order they were made, then by when each is due (one transaction stamps its rows alike). */
export const outboxOf = (h: Harness, userId: string) =>
  h.db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.userId, userId))
    .orderBy(notificationDeliveries.createdAt, notificationDeliveries.dueAt);
export const gateOf = (h: Harness, userId: string) => h.db.select().from(notificationEvents).where(eq(notificationEvents.userId, userId));

export const loadWarning = (n = 1) => ({
  kind: 'ramp' as const,
  date: '2026-11-23',
  value: 8 + n,
  threshold: 7,
  receipts: [{ id: crypto.randomUUID(), name: `Tempo ${n}`, startDate: '2026-11-22' }],
});

export const planCreated = () => ({
  planId: crypto.randomUUID(),
  planName: 'Spring marathon',
  weeks: 16,
  rebuilt: false,
  startsOn: '2026-11-30',
});
