import { describe, expect, it } from 'vitest';
import { HttpEmailSender } from '../../../providers/email/email.http';
import { eventually } from '../../../testing/eventually';
import { Harness, uniqueEmail } from '../../../testing/harness';
import { emailsTo, type OutboxEmail, waitForEmail } from '../../../testing/outbox';
import type { NotificationPreferences } from '../preferences/notification-preferences';
import { athleteIn, inboxOf, loadWarning, outboxOf, servicesAt } from '../notifications.testing';

// The whole path: notify() → the notify queue → fan-out → the outbox row → render, links, headers → the
// provider client → the sandbox; then the email's own List-Unsubscribe address, posted as a provider does.

const oneClickPath = (m: OutboxEmail) => {
  const header = m.headers['List-Unsubscribe'] ?? '';
  const url = new URL(/^<(.+)>$/.exec(header)?.[1] ?? 'http://invalid/');
  return url.pathname + url.search;
};

describe('notification email, end to end', () => {
  it('an alert arrives rendered with the RFC 8058 headers, and posting to the header’s address turns that category off', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'America/New_York', { emailMode: 'alerts' });
    const s = servicesAt(h, new Date());
    await s.notifications.notify({ userId: a.user.id, type: 'load.warning', dedupeKey: `e2e:${a.user.id}:1`, data: loadWarning(1) });

    const mail = await waitForEmail(a.email, 20_000);
    // The row is marked sent just after the provider answers.
    const [row] = await eventually(
      () => outboxOf(h, a.user.id),
      (rows) => rows[0]?.status === 'sent',
      10_000,
    );
    expect(row).toMatchObject({ status: 'sent', kind: 'single', category: 'load' });
    expect(mail.subject).toBe('Your training load rose quickly this week');
    expect(mail.html).toMatch(/^<!DOCTYPE html/);
    expect(mail.html).toContain('Your training load rose quickly this week</h1>');
    expect(mail.text).toContain('  CTL change, 7 days: +9');
    expect(mail.text).toContain('  - Tempo 1 (Sun 22 Nov 2026): http://cadence.test/activities/');
    expect(mail.text).toContain('Notification preferences: http://cadence.test/settings/notifications');
    expect(mail.text).toMatch(/Unsubscribe from Training-load alerts: http:\/\/cadence\.test\/unsubscribe\?t=[A-Za-z0-9_-]{88}\n/);
    expect(mail.headers['List-Unsubscribe']).toMatch(
      /^<http:\/\/cadence\.test\/api\/v1\/notifications\/unsubscribe\?t=[A-Za-z0-9_-]{88}>$/,
    );
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    // A retry of this row would carry the same key: the provider delivers once.
    expect(mail.idempotencyKey).toBe(row!.id);
    expect(mail.tags).toEqual([{ name: 'category', value: 'load_warning' }]);

    const res = await h.call(oneClickPath(mail), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.com' },
    });
    expect(res.status).toBe(200);
    const prefs = (await h.json<NotificationPreferences>('/api/v1/notifications/preferences', { cookie: a.cookie })).body;
    expect(prefs.channels.load).toEqual({ inApp: true, email: false });
    expect(prefs.channels.coach).toEqual({ inApp: true, email: true });
    expect(await h.auditFor('user', a.user.id)).toContainEqual(
      expect.objectContaining({
        action: 'notifications.unsubscribed',
        payload: { category: 'load', via: 'one_click', deliveryId: row!.id },
      }),
    );

    // The next alert of that category reaches the inbox only.
    await s.notifications.notify({ userId: a.user.id, type: 'load.warning', dedupeKey: `e2e:${a.user.id}:2`, data: loadWarning(2) });
    const inbox = await eventually(
      () => inboxOf(h, a.user.id),
      (rows) => rows.length === 2,
      20_000,
    );
    expect(inbox).toHaveLength(2);
    expect(await outboxOf(h, a.user.id)).toHaveLength(1);
    expect(await emailsTo(a.email)).toHaveLength(1);
  });

  it('billing mail says it cannot be turned off and carries no unsubscribe link or header', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const s = servicesAt(h, new Date());
    await s.notifications.notify({
      userId: a.user.id,
      type: 'billing.payment_failed',
      dedupeKey: `e2e-billing:${a.user.id}`,
      data: { tierName: 'Pro', amountMinor: 1299, currency: 'eur', graceEndsOn: '2026-12-05', invoiceId: null },
    });
    const mail = await waitForEmail(a.email, 20_000);
    expect(mail.subject).toBe('Your Pro payment failed');
    expect(mail.headers).toEqual({});
    expect(mail.text).toContain('cannot be turned off');
    expect(mail.text).toContain('Notification preferences: http://cadence.test/settings/notifications');
    expect(mail.text).not.toContain('/unsubscribe');
    expect(mail.html).not.toContain('/unsubscribe');
  });
});

describe('the email provider client', () => {
  it('sends headers and the Idempotency-Key in Resend’s wire format; a repeated key delivers once', async () => {
    const h = Harness.init();
    const sender = new HttpEmailSender(h.env.EMAIL_API_URL, h.env.EMAIL_API_KEY, h.env.EMAIL_FROM);
    const to = uniqueEmail('idem');
    const message = {
      to,
      subject: 'Hello',
      text: 'Hello',
      html: '<p>Hello</p>',
      tag: 'test',
      headers: { 'List-Unsubscribe': '<http://cadence.test/x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      idempotencyKey: crypto.randomUUID(),
    };
    const first = await sender.send(message);
    const again = await sender.send(message);
    expect(again.id).toBe(first.id);
    const stored = await emailsTo(to);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: first.id, headers: message.headers, idempotencyKey: message.idempotencyKey });
    // The same key with another body is the provider's 409, not a second email.
    await expect(sender.send({ ...message, subject: 'Changed' })).rejects.toThrow(/409/);
    expect(await emailsTo(to)).toHaveLength(1);
  });
});
