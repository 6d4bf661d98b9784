import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { emailsTo } from '../../../testing/outbox';
import { athleteIn, gateOf, inboxOf, loadWarning, outboxOf, planCreated, servicesAt } from '../notifications.testing';

// Engine times sit a day ahead of the wall clock: a due sweep at the wall clock never finds these rows due.
const ahead = (iso: string) => new Date(iso);

describe('notification fan-out', () => {
  it('writes the in-app row and sends an alert by email at once', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'Europe/Berlin', { emailMode: 'alerts' });
    const s = servicesAt(h, ahead('2027-01-12T10:00:00Z'));
    const r = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'load.warning',
      dedupeKey: `lw:${a.user.id}`,
      data: loadWarning(),
    });
    expect(r).toMatchObject({ duplicate: false, inApp: true, email: 'now', sent: 'sent' });
    const [row] = await inboxOf(h, a.user.id);
    expect(row).toMatchObject({ kind: 'load.warning', category: 'load', link: '/home#insight-ramp_rate' });
    const [delivery] = await outboxOf(h, a.user.id);
    expect(delivery).toMatchObject({ kind: 'single', status: 'sent', attempts: 1 });
    expect(await emailsTo(a.email)).toHaveLength(1);
  });

  it('a duplicate or concurrent trigger notifies once', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'alerts' });
    const s = servicesAt(h, ahead('2027-01-12T10:00:00Z'));
    const event = {
      kind: 'event' as const,
      userId: a.user.id,
      type: 'load.warning' as const,
      dedupeKey: `lw-dup:${a.user.id}`,
      data: loadWarning(),
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => s.notifications.handleEvent(event)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    await s.notifications.handleEvent(event);
    expect(await inboxOf(h, a.user.id)).toHaveLength(1);
    expect(await outboxOf(h, a.user.id)).toHaveLength(1);
    expect(await gateOf(h, a.user.id)).toHaveLength(1);
    expect(await emailsTo(a.email)).toHaveLength(1);
  });

  it('a burst: the first email now, the rest of the window in one digest after it', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'alerts' });
    const s = servicesAt(h, ahead('2027-01-12T10:00:00Z'));
    const fire = (n: number) =>
      s.notifications.handleEvent({
        kind: 'event',
        userId: a.user.id,
        type: 'load.warning',
        dedupeKey: `lw-${n}:${a.user.id}`,
        data: loadWarning(n),
      });
    expect((await fire(1)).sent).toBe('sent');
    s.clock.set(ahead('2027-01-12T10:05:00Z'));
    await Promise.all([fire(2), fire(3)]);
    s.clock.set(ahead('2027-01-12T10:20:00Z'));
    await fire(4);
    const rows = await outboxOf(h, a.user.id);
    expect(rows.map((r) => [r.kind, r.status, r.items.length])).toEqual([
      ['single', 'sent', 1],
      ['digest', 'scheduled', 3],
    ]);
    expect(rows[1]?.dueAt.toISOString()).toBe('2027-01-12T10:30:00.000Z');
    expect(await inboxOf(h, a.user.id)).toHaveLength(4);

    // Not yet due, then due: one message carrying the three.
    expect(await s.notifications.deliver(rows[1]!.id)).toBe('not_due');
    s.clock.set(ahead('2027-01-12T10:30:00Z'));
    expect(await s.notifications.deliver(rows[1]!.id)).toBe('sent');
    expect(await emailsTo(a.email)).toHaveLength(2);
    // A later event opens a new window from the digest's time.
    s.clock.set(ahead('2027-01-12T10:45:00Z'));
    await fire(5);
    expect((await outboxOf(h, a.user.id)).map((r) => [r.kind, r.status, r.dueAt.toISOString()]).at(-1)).toEqual([
      'digest',
      'scheduled',
      '2027-01-12T11:00:00.000Z',
    ]);
  });

  it('an alert in do-not-disturb waits for its end; billing mail does not', async () => {
    const h = Harness.init();
    const nights = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: 22 * 60, end: 7 * 60 }));
    const a = await athleteIn(h, 'America/New_York', { emailMode: 'daily', dnd: nights });
    // Tuesday 2027-01-12 23:30 EST.
    const s = servicesAt(h, ahead('2027-01-13T04:30:00Z'));
    const alert = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'load.warning',
      dedupeKey: `lw-dnd:${a.user.id}`,
      data: loadWarning(),
    });
    expect(alert).toMatchObject({ email: 'now', sent: null });
    const bill = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'billing.payment_failed',
      dedupeKey: `pf:${a.user.id}`,
      data: { tierName: 'Pro', amountMinor: 1200, currency: 'eur', graceEndsOn: '2027-01-20', invoiceId: 'in_test' },
    });
    expect(bill).toMatchObject({ email: 'now', sent: 'sent' });
    const rows = await outboxOf(h, a.user.id);
    expect(rows.find((r) => r.type === 'load.warning')).toMatchObject({ status: 'scheduled', reason: 'dnd' });
    // 07:00 EST on Wednesday.
    expect(rows.find((r) => r.type === 'load.warning')?.dueAt.toISOString()).toBe('2027-01-13T12:00:00.000Z');
    // The in-app rows are there at once: do-not-disturb is about email.
    expect(await inboxOf(h, a.user.id)).toHaveLength(2);
  });

  it('mode daily: everyday events wait for the send time, together in one summary', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'Asia/Tokyo', { emailMode: 'daily', sendMinute: 18 * 60 + 30 });
    // 2027-01-12 10:00 JST.
    const s = servicesAt(h, ahead('2027-01-12T01:00:00Z'));
    for (const n of [1, 2]) {
      const r = await s.notifications.handleEvent({
        kind: 'event',
        userId: a.user.id,
        type: 'plan.created',
        dedupeKey: `pc-${n}:${a.user.id}`,
        data: planCreated(),
      });
      expect(r).toMatchObject({ email: 'daily', sent: null });
    }
    const [daily] = await outboxOf(h, a.user.id);
    expect(daily).toMatchObject({ kind: 'daily', status: 'scheduled', reason: 'send_time' });
    expect(daily?.items).toHaveLength(2);
    // 18:30 JST = 09:30 UTC.
    expect(daily?.dueAt.toISOString()).toBe('2027-01-12T09:30:00.000Z');
    s.clock.set(daily!.dueAt);
    expect(await s.notifications.deliver(daily!.id)).toBe('sent');
    expect(await emailsTo(a.email)).toHaveLength(1);
  });

  it('nothing by email when the category or the mode says so; the in-app toggle is its own', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'weekly', channels: { load: { inApp: false } } });
    const s = servicesAt(h, ahead('2027-01-12T10:00:00Z'));
    const plan = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'plan.created',
      dedupeKey: `pc:${a.user.id}`,
      data: planCreated(),
    });
    expect(plan).toMatchObject({ inApp: true, email: 'none' });
    const load = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'load.warning',
      dedupeKey: `lw:${a.user.id}`,
      data: loadWarning(),
    });
    expect(load).toMatchObject({ inApp: false, email: 'now', sent: 'sent' });
    expect((await inboxOf(h, a.user.id)).map((r) => r.kind)).toEqual(['plan.created']);
  });

  it('an email waiting for its time is skipped if its category was unsubscribed meanwhile', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'daily' });
    const s = servicesAt(h, ahead('2027-01-12T10:00:00Z'));
    await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'plan.created',
      dedupeKey: `pc:${a.user.id}`,
      data: planCreated(),
    });
    expect(await s.notifications.preferences.unsubscribe(a.user.id, 'plan', 'link')).toEqual({ changed: true });
    const [daily] = await outboxOf(h, a.user.id);
    s.clock.set(daily!.dueAt);
    expect(await s.notifications.deliver(daily!.id)).toBe('skipped');
    expect((await outboxOf(h, a.user.id))[0]).toMatchObject({ status: 'skipped', reason: 'category_off' });
    expect(await emailsTo(a.email)).toHaveLength(0);
  });
});
