import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { gateOf, inboxOf } from '../notifications.testing';
import type { NotifyEvent } from '../notifications.schema';
import { browserKeys, pushRowsOf, pushServicesAt, ScriptedPush } from '../push/push.testing';
import { reminded, workoutOn } from './workout-reminder.testing';

// The minute tick of the daily workout reminder (ADR 079). Engine times sit in 2027, well after the wall clock:
// the worker's own crons never find these athletes due. 28 March 2027 is the day Europe moves to summer time.
const DST_DAY = '2027-03-28';
const at = (iso: string) => new Date(iso);

const reminders = (queued: unknown[], ids: Set<string>) =>
  (queued as NotifyEvent[]).filter((m) => m.kind === 'event' && m.type === 'workout.reminder' && ids.has(m.userId));

async function device(s: ReturnType<typeof pushServicesAt>, userId: string) {
  await s.pushSubscriptions.subscribe(userId, {
    installId: crypto.randomUUID(),
    endpoint: `https://push.example.com/send/${crypto.randomUUID()}`,
    keys: await browserKeys(),
  });
}

describe('the daily workout reminder', () => {
  it('picks exactly the athletes due, across zones and on a DST change day, once per local day', async () => {
    const h = Harness.init();
    // London's 07:00 on the change day is 06:00 UTC (BST), not 07:00; Tokyo's 15:00 is 06:00 UTC too.
    const london = await reminded(h, 'Europe/London', '07:00');
    const tokyo = await reminded(h, 'Asia/Tokyo', '15:00');
    // New York's 02:00 is 06:00 UTC as well, but its only workout is tomorrow: a rest day sends nothing.
    const restDay = await reminded(h, 'America/New_York', '02:00');
    const skipped = await reminded(h, 'UTC', '06:00');
    const off = await reminded(h, 'UTC', null);
    const later = await reminded(h, 'UTC', '06:30');
    const oldPlan = await reminded(h, 'UTC', '06:00');
    const ids = new Set([london, tokyo, restDay, skipped, off, later, oldPlan].map((a) => a.user.id));

    const run = await workoutOn(h, london.user.id, DST_DAY, { title: 'Long run', durationSec: 5400 });
    await workoutOn(h, london.user.id, DST_DAY, { title: 'Strides' });
    await workoutOn(h, tokyo.user.id, DST_DAY, { title: 'Intervals' });
    await workoutOn(h, restDay.user.id, '2027-03-29');
    await workoutOn(h, skipped.user.id, DST_DAY, { skipped: true });
    await workoutOn(h, off.user.id, DST_DAY);
    await workoutOn(h, later.user.id, DST_DAY);
    await workoutOn(h, oldPlan.user.id, DST_DAY, { status: 'cancelled' });

    const s = pushServicesAt(h, at('2027-03-28T05:59:00Z'), new ScriptedPush());
    // 05:59 UTC: nobody yet (a clock that ignored the change would already be an hour off the other way).
    expect(await s.notifications.remindWorkouts(at('2027-03-28T05:59:00Z'))).toEqual({ due: 0 });

    // 06:00 UTC: London and Tokyo, each with today's first workout, the day's count and the end of their day.
    await s.notifications.remindWorkouts(at('2027-03-28T06:00:00Z'));
    const first = reminders(s.queued, ids);
    expect(first.map((m) => m.userId).sort()).toEqual([london.user.id, tokyo.user.id].sort());
    const ldn = first.find((m) => m.userId === london.user.id)!;
    expect(ldn.dedupeKey).toBe(`workout.reminder:${london.user.id}:${DST_DAY}`);
    expect(ldn.data).toEqual({
      date: DST_DAY,
      workoutId: run.id,
      title: 'Long run',
      durationS: 5400,
      count: 2,
      // Midnight BST at the end of the change day.
      endsAt: '2027-03-28T23:00:00.000Z',
    });
    expect(first.find((m) => m.userId === tokyo.user.id)?.data).toMatchObject({ date: DST_DAY, endsAt: '2027-03-28T15:00:00.000Z' });

    // A tick run twice before the consumer took the first: the fan-out's gate tells once.
    await s.notifications.remindWorkouts(at('2027-03-28T06:00:00Z'));
    const all = reminders(s.queued.splice(0), ids);
    expect(all).toHaveLength(4);
    const results = await Promise.all(all.map((m) => s.notifications.handleEvent(m)));
    expect(results.filter((r) => r.duplicate)).toHaveLength(2);
    expect((await inboxOf(h, london.user.id)).map((n) => [n.kind, n.title, n.link])).toEqual([
      ['workout.reminder', 'Today: Long run and 1 more session', `/training?view=week&date=${DST_DAY}&workout=${run.id}`],
    ]);

    // Later ticks (the next minute, a late one within the catch-up) find them told; 06:30 brings the next athlete only.
    await s.notifications.remindWorkouts(at('2027-03-28T06:01:00Z'));
    await s.notifications.remindWorkouts(at('2027-03-28T06:30:00Z'));
    expect(reminders(s.queued.splice(0), ids).map((m) => m.userId)).toEqual([later.user.id]);
    expect(await gateOf(h, skipped.user.id)).toEqual([]);
    expect(await gateOf(h, restDay.user.id)).toEqual([]);
  });

  it('pushes with urgency normal, a TTL that ends the day and the topic; never by email; do-not-disturb defers it', async () => {
    const h = Harness.init();
    // Quiet until 07:00 (the defaults), reminder at 06:30: it waits for the window's end, as email does.
    const quiet = await reminded(h, 'UTC', '06:30', { dnd: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: 22 * 60, end: 7 * 60 })) });
    const w = await workoutOn(h, quiet.user.id, '2027-04-06', { title: 'Tempo' });
    const push = new ScriptedPush();
    const s = pushServicesAt(h, at('2027-04-06T06:30:00Z'), push);
    await device(s, quiet.user.id);

    await s.notifications.remindWorkouts(at('2027-04-06T06:30:00Z'));
    const [event] = reminders(s.queued.splice(0), new Set([quiet.user.id]));
    const fanned = await s.notifications.handleEvent(event!);
    expect(fanned).toMatchObject({ duplicate: false, inApp: true, email: 'none', pushDueNow: [] });
    const [row] = await pushRowsOf(h, quiet.user.id);
    expect(row).toMatchObject({ status: 'scheduled', reason: 'dnd', type: 'workout.reminder' });
    expect(row!.dueAt.toISOString()).toBe('2027-04-06T07:00:00.000Z');

    s.clock.set(at('2027-04-06T07:00:00Z'));
    expect(await s.notifications.sweepDue(at('2027-04-06T07:00:00Z'))).toBe(1);
    for (const m of s.queued.splice(0)) await s.notifications.deliver((m as { deliveryId: string }).deliveryId);
    expect(push.sent).toHaveLength(1);
    // 17 hours left of the day at 07:00 UTC.
    expect(push.sent[0]!.message).toMatchObject({ urgency: 'normal', topic: 'workout-reminder', ttl: 17 * 3600 });
    expect(JSON.parse(push.sent[0]!.message.payload)).toEqual({
      type: 'workout.reminder',
      title: 'Today: Tempo',
      body: '45 min planned. Open it for its steps and why it is there.',
      link: `/training?view=week&date=2027-04-06&workout=${w.id}`,
      // The delivery's id: a retried copy replaces the first on the device.
      tag: row!.id,
    });
  });

  it('a reminder held by do-not-disturb past the end of its day is dropped, not sent the next morning', async () => {
    const h = Harness.init();
    const owl = await reminded(h, 'UTC', '23:30', { dnd: [{ day: 2, start: 23 * 60, end: 7 * 60 }] });
    await workoutOn(h, owl.user.id, '2027-04-06');
    const push = new ScriptedPush();
    const s = pushServicesAt(h, at('2027-04-06T23:30:00Z'), push);
    await device(s, owl.user.id);
    await s.notifications.remindWorkouts(at('2027-04-06T23:30:00Z'));
    const [event] = reminders(s.queued.splice(0), new Set([owl.user.id]));
    await s.notifications.handleEvent(event!);
    expect((await pushRowsOf(h, owl.user.id))[0]?.dueAt.toISOString()).toBe('2027-04-07T07:00:00.000Z');

    s.clock.set(at('2027-04-07T07:00:00Z'));
    await s.notifications.sweepDue(at('2027-04-07T07:00:00Z'));
    for (const m of s.queued.splice(0)) await s.notifications.deliver((m as { deliveryId: string }).deliveryId);
    expect(push.sent).toEqual([]);
    expect(await pushRowsOf(h, owl.user.id)).toMatchObject([{ status: 'skipped', reason: 'expired' }]);
  });
});
