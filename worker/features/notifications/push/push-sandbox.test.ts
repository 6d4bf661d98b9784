import { describe, expect, it } from 'vitest';
import { eventually } from '../../../testing/eventually';
import { Harness } from '../../../testing/harness';
import { athleteIn, loadWarning, servicesAt } from '../notifications.testing';
import { pushRowsOf, subscriptionsOf } from './push.testing';
import { addDays, localParts, zonedToUtc } from '../../../lib/dates';
import { reminded, workoutOn } from '../reminders/workout-reminder.testing';

// The whole path through the worker's own queue and sender into the push sandbox (RFC 8030 over TLS, the VAPID
// JWT verified, the aes128gcm body decrypted): subscribe through the API, notify, read what the device got.

const sandbox = (h: Harness) => new URL(h.env.EMAIL_API_URL).origin;
interface SandboxMessage {
  title: string | null;
  body: string | null;
  link: string | null;
  urgency: string;
  topic: string | null;
  ttl: number;
  vapid: { sub: string; aud: string; key: string };
}
interface SandboxSubscription {
  requests: { at: string; status: number }[];
}

async function device(h: Harness, cookie: string) {
  const res = await fetch(`${sandbox(h)}/push/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ applicationServerKey: h.env.VAPID_PUBLIC_KEY }),
  });
  const sub = (await res.json()) as { endpoint: string; keys: { p256dh: string; auth: string } };
  const installId = crypto.randomUUID();
  const put = await h.call('/api/v1/notifications/push-subscriptions', { method: 'PUT', cookie, body: { installId, ...sub } });
  expect(put.status).toBe(200);
  return { ...sub, installId };
}
const outbox = async (h: Harness, endpoint: string) =>
  (
    (await (await fetch(`${sandbox(h)}/push/outbox.json?subscription=${encodeURIComponent(endpoint)}`)).json()) as {
      messages: SandboxMessage[];
    }
  ).messages;
const state = async (h: Harness, endpoint: string) =>
  (await (await fetch(`${sandbox(h)}/push/subscriptions/${endpoint.split('/').pop()}`)).json()) as SandboxSubscription;
const control = (h: Harness, action: string, body: object) =>
  fetch(`${sandbox(h)}/push/_control/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const proposal = () => ({ conversationId: crypto.randomUUID(), proposalId: crypto.randomUUID(), summary: 'Move the long run to Sunday.' });

describe('web push through the sandbox', () => {
  it('a coach proposal reaches the device encrypted and signed; a 410 deletes the subscription with no retry', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const d = await device(h, a.cookie);
    const s = servicesAt(h, new Date());
    await s.notifications.notify({ userId: a.user.id, type: 'coach.proposal', dedupeKey: `sbx:${a.user.id}:1`, data: proposal() });

    const [msg] = await eventually(
      () => outbox(h, d.endpoint),
      (m) => m.length === 1,
      20_000,
    );
    expect(msg).toMatchObject({
      title: 'Your AI coach proposed a plan change',
      body: 'Move the long run to Sunday. Nothing changes until you confirm.',
      urgency: 'high',
      topic: 'coach-proposal',
      ttl: 3 * 24 * 3600,
      vapid: { sub: 'mailto:push@cadence.example', aud: new URL(d.endpoint).origin, key: h.env.VAPID_PUBLIC_KEY },
    });
    expect(msg?.link).toMatch(/^\/ai-coach\/[0-9a-f-]{36}#proposal-/);
    const [sub] = await eventually(
      () => subscriptionsOf(h, a.user.id),
      (rows) => rows[0]?.lastSuccessAt != null,
      10_000,
    );
    expect(sub?.lastSuccessAt).not.toBeNull();

    // The browser unsubscribed at the push service: 410, and the subscription is gone with its rows.
    await control(h, 'gone', { subscription: d.endpoint });
    await s.notifications.notify({ userId: a.user.id, type: 'coach.proposal', dedupeKey: `sbx:${a.user.id}:2`, data: proposal() });
    expect(
      await eventually(
        () => subscriptionsOf(h, a.user.id),
        (rows) => rows.length === 0,
        20_000,
      ),
    ).toEqual([]);
    // The history stays: one sent, one failed because the device is gone.
    expect((await pushRowsOf(h, a.user.id)).map((r) => [r.status, r.reason]).sort()).toEqual([
      ['failed', 'subscription_gone'],
      ['sent', null],
    ]);
    // A sweep finds nothing to send again: zero retries of a dead endpoint.
    expect(await s.notifications.sweepDue(new Date(Date.now() + 3600_000), { limit: 10 })).toBe(0);
    expect((await state(h, d.endpoint)).requests.map((r) => r.status)).toEqual([201, 410]);
  });

  it('429 is honoured: the push waits for Retry-After, then goes', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const d = await device(h, a.cookie);
    await control(h, 'next', { subscription: d.endpoint, next: [{ status: 429, retryAfter: 2 }] });
    const s = servicesAt(h, new Date());
    await s.notifications.notify({ userId: a.user.id, type: 'load.warning', dedupeKey: `sbx429:${a.user.id}`, data: loadWarning() });
    const [row] = await eventually(
      () => pushRowsOf(h, a.user.id),
      (rows) => rows[0]?.status === 'scheduled' && rows[0].attempts === 1,
      20_000,
    );
    const first = (await state(h, d.endpoint)).requests[0]!;
    expect(first.status).toBe(429);
    expect(row!.dueAt.getTime()).toBeGreaterThanOrEqual(new Date(first.at).getTime() + 1_000);
    expect(row!.dueAt.getTime()).toBeLessThanOrEqual(new Date(first.at).getTime() + 4_000);

    // The due sweep (the minute cron) offers it again only once it is due.
    expect(await s.notifications.sweepDue(new Date(row!.dueAt.getTime() - 500))).toBe(0);
    const messages = await eventually(
      async () => {
        await s.notifications.sweepDue(new Date());
        return outbox(h, d.endpoint);
      },
      (m) => m.length === 1,
      20_000,
    );
    expect(messages[0]).toMatchObject({ topic: 'load-warning', urgency: 'normal' });
    const requests = (await state(h, d.endpoint)).requests;
    expect(requests.map((r) => r.status)).toEqual([429, 201]);
    expect(new Date(requests[1]!.at).getTime()).toBeGreaterThanOrEqual(row!.dueAt.getTime() - 50);
  });

  it('the daily workout reminder reaches the device: urgency normal, the topic, a TTL that ends the day, the workout’s link', async () => {
    const h = Harness.init();
    // Real time here (the worker's queue and sender run it): a zone where it is daytime now, the reminder this minute.
    const now = new Date();
    const zone = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles'].find((z) => {
      const hour = localParts(now, z).hour;
      return hour >= 1 && hour <= 21;
    })!;
    const local = localParts(now, zone);
    const hhmm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
    const a = await reminded(h, zone, hhmm, { emailMode: 'off' });
    const w = await workoutOn(h, a.user.id, local.date, { title: 'Hill repeats' });
    const d = await device(h, a.cookie);
    const s = servicesAt(h, now);
    expect(await s.notifications.remindWorkouts(now)).toEqual({ due: 1 });

    const [msg] = await eventually(
      () => outbox(h, d.endpoint),
      (m) => m.length === 1,
      20_000,
    );
    expect(msg).toMatchObject({ title: 'Today: Hill repeats', urgency: 'normal', topic: 'workout-reminder' });
    expect(msg?.link).toBe(`/training?view=week&date=${local.date}&workout=${w.id}`);
    const leftOfDay = (zonedToUtc(addDays(local.date, 1), '00:00', zone).getTime() - now.getTime()) / 1000;
    expect(msg!.ttl).toBeLessThanOrEqual(Math.ceil(leftOfDay));
    expect(msg!.ttl).toBeGreaterThan(leftOfDay - 120);
  });
});
