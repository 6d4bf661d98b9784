// The Monday tick: one outbox row per athlete and week, due at their chosen local time (DST-correct, after
// do-not-disturb), prepared ahead by the hourly cron, idempotent under re-runs and concurrent ticks, and
// sent by the due sweep through the notify queue.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import worker from '../../../index';
import { notificationDeliveries, users } from '../../../db/schema';
import { SCHEDULES } from '../../../jobs/cron';
import { addDays } from '../../../lib/dates';
import { formatDay } from '../../../lib/format';
import { eventually } from '../../../testing/eventually';
import { buildActivity } from '../../../testing/factories/activity';
import type { Harness as HarnessType } from '../../../testing/harness';
import { Harness } from '../../../testing/harness';
import { emailsTo } from '../../../testing/outbox';
import { giveTier } from '../../../testing/scenarios';
import type { UpdateNotificationPreferences } from '../preferences/notification-preferences';
import { localMonday, weeklySendAt } from '../delivery/notification-schedule';
import { inboxOf, servicesAt } from '../notifications.testing';

// The ticks here run at instants in the past: only accounts created before the summarised week ended get a
// summary, so accounts created today are never touched. Ours are dated back.
const JOINED = new Date('2026-01-01T00:00:00Z');

async function account(h: HarnessType, timeZone: string, prefs?: UpdateNotificationPreferences, joined = JOINED) {
  const a = await h.signup();
  await h.db.update(users).set({ timeZone, createdAt: joined }).where(eq(users.id, a.user.id));
  if (prefs) await servicesAt(h, new Date()).notifications.preferences.update(a.user.id, prefs);
  return a;
}

const weeklyRows = (h: HarnessType, userId: string) =>
  h.db
    .select()
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.userId, userId), like(notificationDeliveries.dedupeKey, 'weekly:%')))
    .orderBy(notificationDeliveries.dueAt);

/** Runs the tick as the hourly cron would, every hour from `from` to `to` (UTC, inclusive). */
async function hourlyTicks(h: HarnessType, from: string, to: string) {
  const s = servicesAt(h, new Date(from));
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += 3600_000) {
    s.clock.set(new Date(t));
    await s.notifications.prepareWeekly(new Date(t));
  }
}

/** Every Monday of the two DST changes of 2026 in Berlin (29 Mar, 25 Oct) and New York (8 Mar, 1 Nov), and around them. */
const MONDAYS = ['2026-03-02', '2026-03-09', '2026-03-23', '2026-03-30', '2026-10-19', '2026-10-26', '2026-11-02'];

describe('the Monday tick', () => {
  it('prepares one row per athlete and week at their local send time, across both DST changes in two zones', async () => {
    const h = Harness.init();
    const berlin = await account(h, 'Europe/Berlin');
    const newYork = await account(h, 'America/New_York');
    // A chosen send time, and one inside a do-not-disturb window (Monday 05:00–07:30): sent at the window's end.
    const evening = await account(h, 'Europe/Berlin', { sendMinute: 18 * 60 + 30 });
    const early = await account(h, 'Europe/Berlin', { sendMinute: 6 * 60, dnd: [{ day: 1, start: 5 * 60, end: 7 * 60 + 30 }] });
    // Joined on Monday 9 March at 08:00 New York time: no summary of the week before it.
    const joined = await account(h, 'America/New_York', undefined, new Date('2026-03-09T12:00:00Z'));

    for (const monday of MONDAYS) await hourlyTicks(h, `${addDays(monday, -1)}T12:00:00Z`, `${monday}T19:00:00Z`);

    const table = async (userId: string) =>
      (await weeklyRows(h, userId)).map((r) => [r.items[0]?.data.weekStart, r.dueAt.toISOString().slice(0, 16), r.reason]);
    // 07:00 local every time: 06:00Z in CET, 05:00Z in CEST; 12:00Z in EST, 11:00Z in EDT.
    expect(await table(berlin.user.id)).toEqual([
      ['2026-02-23', '2026-03-02T06:00', 'send_time'],
      ['2026-03-02', '2026-03-09T06:00', 'send_time'],
      ['2026-03-16', '2026-03-23T06:00', 'send_time'],
      ['2026-03-23', '2026-03-30T05:00', 'send_time'],
      ['2026-10-12', '2026-10-19T05:00', 'send_time'],
      ['2026-10-19', '2026-10-26T06:00', 'send_time'],
      ['2026-10-26', '2026-11-02T06:00', 'send_time'],
    ]);
    expect(await table(newYork.user.id)).toEqual([
      ['2026-02-23', '2026-03-02T12:00', 'send_time'],
      ['2026-03-02', '2026-03-09T11:00', 'send_time'],
      ['2026-03-16', '2026-03-23T11:00', 'send_time'],
      ['2026-03-23', '2026-03-30T11:00', 'send_time'],
      ['2026-10-12', '2026-10-19T11:00', 'send_time'],
      ['2026-10-19', '2026-10-26T11:00', 'send_time'],
      ['2026-10-26', '2026-11-02T12:00', 'send_time'],
    ]);
    // 18:30 local around the spring change; 07:30 local (after the window), not 06:00.
    expect((await table(evening.user.id)).slice(2, 4)).toEqual([
      ['2026-03-16', '2026-03-23T17:30', 'send_time'],
      ['2026-03-23', '2026-03-30T16:30', 'send_time'],
    ]);
    expect((await table(early.user.id)).slice(4, 6)).toEqual([
      ['2026-10-12', '2026-10-19T05:30', 'dnd'],
      ['2026-10-19', '2026-10-26T06:30', 'dnd'],
    ]);
    expect((await table(joined.user.id)).map((r) => r[0])).toEqual(['2026-03-16', '2026-03-23', '2026-10-12', '2026-10-19', '2026-10-26']);

    // Each row was there before it was due (prepared by an earlier tick), carrying its week and key.
    for (const r of await weeklyRows(h, berlin.user.id)) {
      expect(r.createdAt.getTime()).toBeLessThan(r.dueAt.getTime());
      expect(r.dueAt.getTime() - r.createdAt.getTime()).toBeLessThanOrEqual(65 * 60_000);
      expect(r).toMatchObject({ kind: 'weekly', category: 'analysis', type: 'weekly.summary' });
      expect(r.dedupeKey).toBe(`weekly:${berlin.user.id}:${r.items[0]?.data.weekStart}`);
    }
  });

  it('only athletes and people with a training history, never blocked accounts', async () => {
    const h = Harness.init();
    const coach = await h.userWithRole('coach');
    const trainingCoach = await h.userWithRole('coach');
    const blocked = await account(h, 'UTC');
    await h.db.update(users).set({ createdAt: JOINED }).where(eq(users.id, coach.id));
    await h.db.update(users).set({ createdAt: JOINED }).where(eq(users.id, trainingCoach.id));
    await h.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.user.id));
    await servicesAt(h, new Date()).activities.ingest(trainingCoach.id, buildActivity({}));
    const athlete = await account(h, 'UTC');

    await hourlyTicks(h, '2026-05-04T05:00:00Z', '2026-05-04T06:00:00Z');
    expect(await weeklyRows(h, athlete.user.id)).toHaveLength(1);
    expect(await weeklyRows(h, trainingCoach.id)).toHaveLength(1);
    expect(await weeklyRows(h, coach.id)).toHaveLength(0);
    expect(await weeklyRows(h, blocked.user.id)).toHaveLength(0);
  });

  it('is idempotent: concurrent ticks and re-runs prepare each athlete’s row once', async () => {
    const h = Harness.init();
    const mine = await Promise.all(
      ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Australia/Sydney'].map((z) => account(h, z)),
    );
    // Sunday 12:00Z: Monday 07:00 in Sydney (20:00Z) and Kolkata (01:30Z) within the catch-up and horizon of
    // the ticks below; the others' the next morning.
    const ticks = ['2026-06-07T20:00:00Z', '2026-06-08T01:00:00Z', '2026-06-08T05:00:00Z', '2026-06-08T11:00:00Z'];
    for (const t of ticks) {
      const at = new Date(t);
      // Five ticks at once, each with its own services and connections, then the same tick again.
      await Promise.all([1, 2, 3, 4, 5].map(() => servicesAt(h, at).notifications.prepareWeekly(at)));
      await servicesAt(h, at).notifications.prepareWeekly(at);
    }
    for (const a of mine) {
      const rows = await weeklyRows(h, a.user.id);
      expect(rows.map((r) => r.items[0]?.data.weekStart)).toEqual(['2026-06-01']);
    }
  });

  it('the hourly cron prepares it, the due sweep sends it through the queue: in-app for everyone, email by mode and plan', async () => {
    const h = Harness.init();
    const zone = 'Europe/Berlin';
    const modes = ['daily', 'weekly', 'alerts', 'off', 'daily'] as const;
    const accounts = await Promise.all(modes.map((emailMode) => account(h, zone, { emailMode, dnd: [] })));
    // The Monday email is Pro's (email_summaries): the last account, on Free, gets the summary in the app only.
    for (const a of accounts.slice(0, 4)) await giveTier(h, a.user.id, 'pro');
    const now = new Date();
    // The latest Monday 07:00 in Berlin that has passed; the week before it is the one summarised.
    let monday = localMonday(now, zone);
    if (weeklySendAt(monday, 7 * 60, [], zone).at > now) monday = addDays(monday, -7);
    const due = weeklySendAt(monday, 7 * 60, [], zone).at;
    const weekStart = addDays(monday, -7);
    for (const a of accounts) {
      await servicesAt(h, now).activities.ingest(
        a.user.id,
        buildActivity({ startTime: new Date(`${addDays(weekStart, 2)}T08:00:00Z`), localStartDate: addDays(weekStart, 2), timezone: zone }),
      );
    }

    // The hourly cron half an hour before the send time.
    const controller = createScheduledController({ scheduledTime: new Date(due.getTime() - 30 * 60_000), cron: SCHEDULES.hourly });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    for (const a of accounts) {
      expect((await weeklyRows(h, a.user.id)).map((r) => [r.status, r.dueAt.getTime(), r.items[0]?.data.weekStart])).toEqual([
        ['scheduled', due.getTime(), weekStart],
      ]);
    }

    // The every-minute sweep hands due rows to the notify queue; its consumer delivers them.
    await servicesAt(h, now).notifications.sweepDue(now);
    const final = await eventually(
      () => Promise.all(accounts.map(async (a) => (await weeklyRows(h, a.user.id))[0])),
      (rows) => rows.every((r) => r?.status === 'sent' || r?.status === 'skipped'),
      15_000,
    );
    expect(final.map((r) => [r?.status, r?.reason])).toEqual([
      ['sent', 'send_time'],
      ['sent', 'send_time'],
      ['skipped', 'email_off'],
      ['skipped', 'email_off'],
      ['skipped', 'needs_pro'],
    ]);
    for (const [i, a] of accounts.entries()) {
      const inbox = (await inboxOf(h, a.user.id)).filter((n) => n.kind === 'weekly.summary');
      expect(inbox.map((n) => [n.title, n.link])).toEqual([[`Your week of ${formatDay(weekStart)}`, '/home']]);
      expect(inbox[0]?.body).toMatch(/^1 activity, 10\.0 km, load \d+\.$/);
      expect(await emailsTo(a.email)).toHaveLength(i < 2 ? 1 : 0);
    }
    // The sandbox got the weekly email (its words are the renderer's; here only that it went).
    expect((await emailsTo(accounts[0]!.email))[0]).toMatchObject({ subject: expect.any(String) });
  });
});
