// What the trigger tests share: the athlete's inbox as GET /api/v1/notifications answers it, each entry
// with the data its row was made from (the list does not carry data; it is read by the listed ids), and a
// wait for the notify queue's consumer to have written what a producer sent.
import { inArray } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { notifications } from '../../db/schema';
import type { Body } from '../../testing/bodies';
import type { Harness } from '../../testing/harness';
import type { NotificationList } from './notifications.schema';

export type InboxEntry = Body<typeof NotificationList>['notifications'][number] & { data: Record<string, unknown> };

export async function inbox(h: Harness, cookie: string, type?: string): Promise<InboxEntry[]> {
  const res = await h.json<Body<typeof NotificationList>>('/api/v1/notifications', { cookie });
  expect(res.status).toBe(200);
  const listed = res.body.notifications.filter((n) => !type || n.type === type);
  if (listed.length === 0) return [];
  const rows = await h.db
    .select({ id: notifications.id, data: notifications.data })
    .from(notifications)
    .where(
      inArray(
        notifications.id,
        listed.map((n) => n.id),
      ),
    );
  const data = new Map(rows.map((r) => [r.id, r.data]));
  return listed.map((n) => ({ ...n, data: data.get(n.id) ?? {} }));
}

/** Polls the inbox until it holds `count` notifications of `type` (the fan-out runs on the notify queue). */
export async function inboxOfType(h: Harness, cookie: string, type: string, count = 1, timeout = 15_000): Promise<InboxEntry[]> {
  let entries: InboxEntry[] = [];
  await expect
    .poll(
      async () => {
        entries = await inbox(h, cookie, type);
        return entries.length;
      },
      { timeout, interval: 100 },
    )
    .toBeGreaterThanOrEqual(count);
  return entries;
}

/**
 * Watches the notify consumer's log: each trigger it handled is one 'notification fanned out' line with the
 * user and whether the dedupe gate found it a duplicate. Waiting for the line of a duplicate trigger proves
 * the consumer saw it and wrote nothing, without waiting for time. Install before the first trigger.
 */
export function watchFanOut() {
  const log = vi.spyOn(console, 'log');
  const lines = (userId: string) =>
    log.mock.calls
      .map((c) => String(c[0]))
      .filter((l) => l.includes('"notification fanned out"'))
      .map((l) => JSON.parse(l) as { userId: string; duplicate: boolean })
      .filter((l) => l.userId === userId);
  return {
    /** Waits until the consumer has handled `n` triggers for the user; answers how many were duplicates. */
    async handled(userId: string, n: number, timeout = 15_000): Promise<{ total: number; duplicates: number }> {
      await expect.poll(() => lines(userId).length, { timeout, interval: 100 }).toBeGreaterThanOrEqual(n);
      const all = lines(userId);
      return { total: all.length, duplicates: all.filter((l) => l.duplicate).length };
    },
  };
}
