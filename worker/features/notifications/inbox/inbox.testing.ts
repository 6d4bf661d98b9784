// What the inbox tests share: an athlete whose notifications arrive through the real fan-out at chosen
// instants, and the inbox API as they read it.
import { expect } from 'vitest';
import type { Body } from '../../../testing/bodies';
import type { Harness } from '../../../testing/harness';
import type { NotificationType } from '../notification-types';
import type { NotificationList, UnreadCount } from '../notifications.schema';
import { athleteIn, servicesAt } from '../notifications.testing';

export type List = Body<typeof NotificationList>;

export const coachUpdate = (title: string, link = '/settings#coaches') => ({ title, body: `${title}.`, link });
export const analysisReady = (activityId: string = crypto.randomUUID()) => ({
  source: 'import' as const,
  activityCount: 1,
  newBests: [],
  form: null,
  receipts: [{ id: activityId, name: 'Morning run', startDate: '2027-01-11' }],
});

/**
 * An athlete in `timeZone` who receives no email (mode off), and a way to notify them through the real
 * fan-out at a chosen instant (the row's created_at).
 */
export async function inboxWorld(h: Harness, timeZone = 'America/New_York') {
  const a = await athleteIn(h, timeZone, { emailMode: 'off' });
  const s = servicesAt(h, new Date('2027-01-12T12:00:00Z'));
  const notify = async (type: NotificationType, data: Record<string, unknown>, at: string) => {
    const r = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type,
      dedupeKey: `${type}:${crypto.randomUUID()}`,
      data,
      at,
    });
    expect(r.duplicate).toBe(false);
  };
  const list = async (query = '') => {
    const r = await h.json<List>(`/api/v1/notifications${query}`, { cookie: a.cookie });
    expect(r.status).toBe(200);
    return r.body;
  };
  const unread = async () =>
    (await h.json<Body<typeof UnreadCount>>('/api/v1/notifications/unread-count', { cookie: a.cookie })).body.unread;
  return { ...a, notify, list, unread };
}
