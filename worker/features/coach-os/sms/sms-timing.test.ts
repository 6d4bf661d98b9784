import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import type { Booking, SmsMessage } from '../../../testing/scenarios';
import { coachWorld, eventually, sandbox, smsAt } from './sms-testing';
import { quietHoursEnd, sessionWhen } from './sms-templates';

const byKind = (msgs: SmsMessage[], kind: string) => msgs.filter((m) => m.kind === kind);

describe('SMS timing in the org’s zone', () => {
  it('words the confirmation in Denver time with MDT/MST and lands reminders at the right local time across the March change', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { timeZone: 'America/Denver' });
    const client = await w.addClient('Dana Dst');
    // Monday after the change (14 Mar 2027) at 09:00 MDT, and the Monday before at 09:00 MST.
    const after = await w.book(client.id, new Date('2027-03-15T15:00:00Z'));
    const before = await w.book(client.id, new Date('2027-03-08T16:00:00Z'));
    const msgs = await eventually(
      () => w.messages(client.id),
      (m) => byKind(m, 'confirmation').every((c) => c.status === 'sent') && byKind(m, 'confirmation').length === 2,
    );
    const confirmation = (bookingId: string) => msgs.find((m) => m.kind === 'confirmation' && m.bookingId === bookingId)!;
    expect(confirmation(after.id).body).toContain('Mon 15 Mar, 9:00 AM MDT');
    expect(confirmation(after.id).body).toMatch(/Reply Y to confirm/);
    expect(confirmation(before.id).body).toContain('Mon 8 Mar, 9:00 AM MST');
    expect(confirmation(after.id).status).toBe('sent');
    // The 24 h reminder is 09:00 local the day before: 15:00Z on Sunday (MDT), 16:00Z the Sunday before (MST).
    const reminders = (bookingId: string) =>
      msgs
        .filter((m) => m.kind === 'reminder' && m.bookingId === bookingId)
        .map((m) => m.dueAt)
        .sort();
    expect(reminders(after.id)).toEqual(['2027-03-14T15:00:00.000Z', '2027-03-15T13:00:00.000Z']);
    expect(reminders(before.id)).toEqual(['2027-03-07T16:00:00.000Z', '2027-03-08T14:00:00.000Z']);
    expect(msgs.find((m) => m.kind === 'reminder' && m.bookingId === after.id)!.body).toContain('9:00 AM MDT');
    // The sandbox received exactly the two confirmations.
    const sent = await sandbox.messages(client.phone);
    expect(sent.map((s) => s.body).sort()).toEqual([confirmation(before.id).body, confirmation(after.id).body].sort());
  });

  it('quiet hours 21:00–08:00 defer to 08:00 local in winter, in summer and across the change night; a reminder whose session starts first is skipped', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, {
      timeZone: 'America/Denver',
      quietHours: { start: '21:00', end: '08:00' },
      reminderOffsetsMinutes: [1440, 120],
    });
    const client = await w.addClient('Quinn Quiet');
    const winter = await w.book(client.id, new Date('2027-01-14T05:30:00Z')); // Wed 13 Jan 22:30 MST
    const summer = await w.book(client.id, new Date('2027-07-15T04:30:00Z')); // Wed 14 Jul 22:30 MDT
    const dstNight = await w.book(client.id, new Date('2027-03-15T04:30:00Z')); // Sun 14 Mar 22:30 MDT; reminder due Sat 22:30 MST
    const early = await w.book(client.id, new Date('2027-01-20T07:30:00Z')); // Wed 20 Jan 00:30 MST
    const msgs = await w.messages(client.id);
    const day = (b: Booking) => msgs.filter((m) => m.kind === 'reminder' && m.bookingId === b.id);
    // 24 h before 22:30 is 22:30 the day before: inside quiet hours → 08:00 local next morning.
    expect(day(winter).find((m) => m.status === 'deferred')).toMatchObject({ dueAt: '2027-01-13T15:00:00.000Z', reason: 'quiet_hours' });
    expect(day(summer).find((m) => m.status === 'deferred')).toMatchObject({ dueAt: '2027-07-14T14:00:00.000Z', reason: 'quiet_hours' });
    expect(day(dstNight).find((m) => m.status === 'deferred')).toMatchObject({ dueAt: '2027-03-14T14:00:00.000Z', reason: 'quiet_hours' });
    // 2 h before 22:30 is 20:30: outside the window, scheduled as is.
    expect(day(winter).find((m) => m.status === 'scheduled')).toMatchObject({ dueAt: '2027-01-14T03:30:00.000Z' });
    // 2 h before 00:30 is 22:30; quiet hours end at 08:00, after the session started → skipped, with the reason.
    expect(day(early).find((m) => m.status === 'skipped')).toMatchObject({ reason: 'quiet_hours_until_session' });

    // Driving the clock: at 07:59 local nothing of the deferred reminder goes; at 08:00 it does; 20:30 goes at once.
    const t = smsAt(h, new Date('2027-01-13T14:59:00Z'));
    await t.sms.tick();
    const winterBody = day(winter)[0]!.body;
    expect((await sandbox.messages(client.phone)).filter((m) => m.body === winterBody)).toHaveLength(0);
    t.set(new Date('2027-01-13T15:00:00Z'));
    await t.sms.tick();
    expect((await sandbox.messages(client.phone)).filter((m) => m.body === winterBody)).toHaveLength(1);
    t.set(new Date('2027-01-14T03:30:00Z'));
    await t.sms.tick();
    expect((await sandbox.messages(client.phone)).filter((m) => m.body === winterBody)).toHaveLength(2);
    const after = (await w.messages(client.id)).filter((m) => m.bookingId === winter.id && m.kind === 'reminder');
    expect(after.map((m) => m.status).sort()).toEqual(['sent', 'sent']);
  });

  it('decides quiet hours at sending time too, on both sides of the change', () => {
    const org = { timeZone: 'America/Denver', quietStart: '21:00:00', quietEnd: '08:00:00' };
    expect(quietHoursEnd(new Date('2027-01-13T05:30:00Z'), org)?.toISOString()).toBe('2027-01-13T15:00:00.000Z'); // 22:30 MST
    expect(quietHoursEnd(new Date('2027-01-13T14:30:00Z'), org)?.toISOString()).toBe('2027-01-13T15:00:00.000Z'); // 07:30 MST
    expect(quietHoursEnd(new Date('2027-03-14T05:30:00Z'), org)?.toISOString()).toBe('2027-03-14T14:00:00.000Z'); // Sat 22:30 MST → Sun 08:00 MDT
    expect(quietHoursEnd(new Date('2027-07-14T04:30:00Z'), org)?.toISOString()).toBe('2027-07-14T14:00:00.000Z'); // 22:30 MDT
    expect(quietHoursEnd(new Date('2027-07-14T15:00:00Z'), org)).toBeNull(); // 09:00 MDT
    expect(quietHoursEnd(new Date('2027-07-14T03:00:00Z'), org)?.toISOString()).toBe('2027-07-14T14:00:00.000Z'); // 21:00 MDT: the window starts
    expect(quietHoursEnd(new Date('2027-07-14T02:59:00Z'), org)).toBeNull(); // 20:59 MDT
  });

  it('formats session times with the zone’s abbreviation of that instant', () => {
    expect(sessionWhen(new Date('2027-03-10T16:00:00Z'), 'America/Denver')).toEqual({ date: 'Wed 10 Mar', time: '9:00 AM MST' });
    expect(sessionWhen(new Date('2027-03-16T15:00:00Z'), 'America/Denver')).toEqual({ date: 'Tue 16 Mar', time: '9:00 AM MDT' });
    expect(sessionWhen(new Date('2027-03-16T00:05:00Z'), 'America/Denver')).toEqual({ date: 'Mon 15 Mar', time: '6:05 PM MDT' });
  });

  it('a reminder planned before the org moved zone and reworded its template goes out in the new zone and wording, as a new confirmation would', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { timeZone: 'America/Denver', reminderOffsetsMinutes: [1440] });
    const client = await w.addClient('Zed Zone');
    const booking = await w.book(client.id, new Date('2027-02-10T17:00:00Z')); // Wed 10 Feb 10:00 MST
    const planned = (await w.messages(client.id)).find((m) => m.kind === 'reminder')!;
    expect(planned.body).toContain('Wed 10 Feb, 10:00 AM MST');
    // The owner moves the business to New York and rewords the reminder before it is due.
    expect(
      (await h.json('/api/v1/coach/org', { method: 'PATCH', body: { timeZone: 'America/New_York' }, cookie: w.coach.cookie })).status,
    ).toBe(200);
    expect(
      (
        await h.json('/api/v1/coach/sms/templates/reminder', {
          method: 'PUT',
          body: { body: 'See you {{session_date}} at {{session_time}}.' },
          cookie: w.coach.cookie,
        })
      ).status,
    ).toBe(200);
    const t = smsAt(h, new Date('2027-02-09T17:00:00Z'));
    await t.sms.tick();
    const sent = (await w.messages(client.id)).find((m) => m.kind === 'reminder' && m.bookingId === booking.id)!;
    expect(sent).toMatchObject({ status: 'sent', body: 'See you Wed 10 Feb at 12:00 PM EST.' });
    expect((await sandbox.messages(client.phone)).map((m) => m.body)).toContain('See you Wed 10 Feb at 12:00 PM EST.');
  });
});
