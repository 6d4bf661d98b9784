import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '../../../env';
import type { FailRule, SandboxSms } from '../../../../scripts/sandbox/twilio/index.ts';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import type { Booking, LedgerResult } from '../../../testing/scenarios';
import { addDays, todayIn } from '../../../lib/dates';
import { automationsAt, coachWorld, eventually, parkEarlierAutomations } from './automations-testing';
import type { Automation as AutomationSchema, Run as RunSchema, Task as TaskSchema } from './automations.schema';

type Automation = Body<typeof AutomationSchema>;
type Run = Body<typeof RunSchema>;
type Task = Body<typeof TaskSchema>;
/** GET /clients/{id}/automations (its schema is inline in automations.routes.ts). */
interface ClientAutomations {
  automations: (Pick<Automation, 'id' | 'name' | 'enabled' | 'summary'> & { action: Automation['action']['kind'] })[];
  runs: Run[];
}

const DAY = 86_400_000;
const twilio = () => parseEnv(env).TWILIO_API_URL.replace(/\/?$/, '/');
const failNext = (rule: FailRule) =>
  fetch(`${twilio()}_control/fail-next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
const smsTo = async (to: string) =>
  ((await (await fetch(`${twilio()}_control/messages?to=${encodeURIComponent(to)}`)).json()) as { messages: SandboxSms[] }).messages.filter(
    (m) => m.direction === 'outbound-api',
  );

// Ticks and scans run over every automation of this file's database: each test starts with none of the earlier ones'.
beforeEach(parkEarlierAutomations);

describe('event automations', () => {
  it('a completed booking fires one run; replaying the event fires nothing more', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Robin Runner');
    await w.addPackage(client.id, 10);
    const a = (
      await w.api<Automation>('/automations', {
        body: {
          name: 'After session',
          trigger: { kind: 'booking_completed' },
          action: { kind: 'task', title: 'Send {{client_first_name}} notes', message: '{{sessions_left}} sessions left' },
        },
      })
    ).body;
    expect(a.summary).toBe('When a booking is completed');
    const booking = (
      await w.api<Booking>('/bookings', {
        body: {
          clientId: client.id,
          startsAt: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000).toISOString(),
          durationMinutes: 60,
        },
      })
    ).body;
    expect((await w.api(`/bookings/${booking.id}/complete`, { method: 'POST' })).status).toBe(200);
    const runs = await eventually(
      async () => (await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs,
      (r) => r.length === 1 && r[0]!.status === 'succeeded',
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', clientId: client.id, key: `automation:${a.id}:booking:${booking.id}:completed` });
    // The same event again (a replay, a second tab): nothing new.
    const t = automationsAt(h, new Date());
    await t.automations.firing.onEvent({ type: 'booking.completed', orgId: w.orgId, clientId: client.id, bookingId: booking.id });
    expect((await w.api(`/bookings/${booking.id}/complete`, { method: 'POST' })).status).toBe(200);
    expect((await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs).toHaveLength(1);
    const tasks = (await w.api<{ tasks: Task[] }>('/tasks')).body.tasks;
    expect(tasks).toEqual([expect.objectContaining({ title: 'Send Robin notes', body: '9 sessions left', clientId: client.id })]);
    // The client page sees the automation and its run for this client.
    const forClient = (await w.api<ClientAutomations>(`/clients/${client.id}/automations`)).body;
    expect(forClient.automations.map((x) => x.id)).toContain(a.id);
    expect(forClient.runs.map((r) => r.id)).toEqual([runs[0]!.id]);
  });

  it('a package down to its last session fires once per package, not again at 0 or on a replay', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Lee Last');
    const pkg = await w.addPackage(client.id, 3);
    const a = (
      await w.api<Automation>('/automations', {
        body: {
          name: 'Renewal nudge',
          trigger: { kind: 'package_low' },
          action: { kind: 'sms', message: 'Hi {{client_first_name}}, {{sessions_left}} session left on {{package_name}}. – {{org_name}}' },
        },
      })
    ).body;
    const use = (k: string) => w.api<LedgerResult>(`/clients/${client.id}/sessions/use`, { body: { idempotencyKey: k } });
    expect((await use('use-one-key')).body.remaining).toBe(2);
    expect((await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs).toHaveLength(0);
    expect((await use('use-two-key')).body.remaining).toBe(1);
    await eventually(
      async () => (await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs,
      (r) => r[0]?.status === 'succeeded',
    );
    expect((await use('use-three-key')).body.remaining).toBe(0);
    const t = automationsAt(h, new Date());
    await t.automations.firing.onEvent({ type: 'session.used', orgId: w.orgId, clientId: client.id, packageId: pkg.id, remaining: 1 });
    const runs = (await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', key: `automation:${a.id}:client:${client.id}:package:${pkg.id}:low` });
    const sent = await smsTo(client.phone);
    expect(sent.map((m) => m.body)).toEqual(['Hi Lee, 1 session left on 3 pack. – Summit Coaching']);
  });

  it('the expires-in-N scan fires once per package, only for packages inside the window', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const today = todayIn('America/Denver', new Date());
    const soon = await w.addClient('Sam Soon');
    const later = await w.addClient('Lou Later');
    const soonPkg = await w.addPackage(soon.id, 5, 10, addDays(today, -4)); // expires in 5 days
    await w.addPackage(later.id, 5, 40, today); // expires in 39 days
    const a = (
      await w.api<Automation>('/automations', {
        body: {
          name: 'Expiring',
          trigger: { kind: 'package_expiring', days: 7 },
          action: { kind: 'task', title: '{{client_name}}: {{package_name}} expires {{expires_on}}' },
        },
      })
    ).body;
    const t = automationsAt(h, new Date());
    const scans = await Promise.all([t.automations.firing.scan(new Date()), t.automations.firing.scan(new Date())]);
    expect(scans[0]! + scans[1]!).toBe(1);
    expect(await t.automations.firing.scan(new Date(Date.now() + DAY))).toBe(0);
    const runs = (await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs;
    expect(runs).toEqual([
      expect.objectContaining({
        clientId: soon.id,
        status: 'succeeded',
        key: `automation:${a.id}:client:${soon.id}:package:${soonPkg.id}:expires-in-7`,
      }),
    ]);
    expect((await w.api<{ tasks: Task[] }>('/tasks')).body.tasks.map((x) => x.title)).toEqual([
      `Sam Soon: 5 pack expires ${soonPkg.expiresOn}`,
    ]);
  });

  it('the inactive-N scan fires once per quiet spell, and again after the client comes back and goes quiet', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Ivy Idle');
    await w.addPackage(client.id, 5);
    const a = (
      await w.api<Automation>('/automations', {
        body: {
          name: 'Miss you',
          trigger: { kind: 'client_inactive', days: 14 },
          action: { kind: 'task', title: 'Call {{client_first_name}} ({{inactive_days}} days)' },
        },
      })
    ).body;
    const t = automationsAt(h, new Date());
    expect(await t.automations.firing.scan(new Date(Date.now() + 13 * DAY))).toBe(0);
    t.set(new Date(Date.now() + 15 * DAY));
    expect(await t.automations.firing.scan(t.clock.now())).toBe(1);
    expect(await t.automations.firing.scan(new Date(Date.now() + 16 * DAY))).toBe(0);
    // The client trains again (a session is used): a new spell starts, and 14 quiet days later it fires again.
    await w.api(`/clients/${client.id}/sessions/use`, { body: { idempotencyKey: 'back-again-key' } });
    t.set(new Date(Date.now() + 15 * DAY));
    expect(await t.automations.firing.scan(t.clock.now())).toBe(1);
    const runs = (await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs;
    expect(runs).toHaveLength(2);
    expect(new Set(runs.map((r) => r.key)).size).toBe(2);
    expect((await w.api<{ tasks: Task[] }>('/tasks')).body.tasks.map((x) => x.title)).toContain('Call Ivy (15 days)');
  });
});

describe('failures and retries', () => {
  async function smsToCoachAudience(h: Harness) {
    const w = await coachWorld(h);
    const client = await w.addClient('Fay Fail');
    await w.addPackage(client.id, 5);
    const start = new Date('2026-01-12T13:59:00Z');
    const t = automationsAt(h, start, 'debug');
    const a = await t.automations.create(await w.member(), {
      name: 'Monday SMS',
      trigger: { kind: 'weekly', weekdays: [1], time: '07:00' },
      action: { kind: 'sms', message: 'Hi {{client_first_name}}, new week!' },
      audience: { kind: 'active_clients' },
    });
    return { w, t, a, client };
  }
  const runsOf = async (w: Awaited<ReturnType<typeof coachWorld>>, id: string) =>
    (await w.api<{ runs: Run[] }>(`/automations/${id}/runs`)).body.runs;

  it('a refused SMS is recorded as failed, retried after 1 and 5 minutes, and succeeds on the third attempt', async () => {
    const h = Harness.init();
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const { w, t, a, client } = await smsToCoachAudience(h);
    await failNext({ count: 2, status: 400, code: 21211, message: 'Invalid To number', to: client.phone });
    const due = new Date('2026-01-12T14:00:00Z');
    t.set(due);
    expect((await t.automations.firing.runDue(due)).fired).toBe(1);
    let [run] = await runsOf(w, a.id);
    expect(run).toMatchObject({ status: 'failed', attempt: 1, errorCode: 'SMS_FAILED', nextAttemptAt: '2026-01-12T14:01:00.000Z' });
    expect(run!.errorMessage).toContain('Invalid To number');
    // Not before the backoff is over.
    t.set(new Date('2026-01-12T14:00:30Z'));
    expect((await t.automations.firing.runDue(t.clock.now())).retried).toBe(0);
    t.set(new Date('2026-01-12T14:01:00Z'));
    expect((await t.automations.firing.runDue(t.clock.now())).retried).toBe(1);
    [run] = await runsOf(w, a.id);
    expect(run).toMatchObject({ status: 'failed', attempt: 2, nextAttemptAt: '2026-01-12T14:06:00.000Z' });
    t.set(new Date('2026-01-12T14:06:00Z'));
    // Two ticks at once take the retry once.
    const both = await Promise.all([t.automations.firing.runDue(t.clock.now()), t.automations.firing.runDue(t.clock.now())]);
    expect(both[0]!.retried + both[1]!.retried).toBe(1);
    [run] = await runsOf(w, a.id);
    expect(run).toMatchObject({ status: 'succeeded', attempt: 3, errorCode: null, nextAttemptAt: null });
    expect((await smsTo(client.phone)).map((m) => m.body)).toEqual(['Hi Fay, new week!']);
    // The failures were logged, with ids only: no phone number, name or message text.
    expect(lines.some((l) => l.includes('automation run failed') && l.includes(run!.id))).toBe(true);
    for (const l of lines) for (const secret of [client.phone, client.phone.slice(2), 'Fay', 'new week']) expect(l).not.toContain(secret);
  });

  it('stays failed after the fifth attempt', async () => {
    const h = Harness.init();
    const { w, t, a, client } = await smsToCoachAudience(h);
    await failNext({ count: 10, status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient', to: client.phone });
    let now = new Date('2026-01-12T14:00:00Z');
    t.set(now);
    await t.automations.firing.runDue(now);
    for (const minutes of [1, 5, 15, 60]) {
      now = new Date(now.getTime() + minutes * 60_000);
      t.set(now);
      expect((await t.automations.firing.runDue(now)).retried).toBe(1);
    }
    const [run] = await runsOf(w, a.id);
    expect(run).toMatchObject({ status: 'failed', attempt: 5, nextAttemptAt: null, errorCode: 'SMS_FAILED' });
    t.set(new Date(now.getTime() + DAY));
    expect((await t.automations.firing.runDue(t.clock.now())).retried).toBe(0);
    expect(await smsTo(client.phone)).toEqual([]);
    // The automations list shows the failure as the last run.
    expect((await w.api<{ automations: Automation[] }>('/automations')).body.automations[0]!.lastRun).toMatchObject({
      status: 'failed',
      attempt: 5,
    });
  });

  it('an SMS that falls in quiet hours is handed to the SMS queue: the run succeeds, deferred, and nothing is sent yet', async () => {
    const h = Harness.init();
    const { w, t, a, client } = await smsToCoachAudience(h);
    expect((await w.api('/org', { method: 'PATCH', body: { quietHours: { start: '21:00', end: '08:00' } } })).status).toBe(200);
    const due = new Date('2026-01-12T14:00:00Z'); // 07:00 MST, inside 21:00–08:00
    t.set(due);
    await t.automations.firing.runDue(due);
    const [run] = await runsOf(w, a.id);
    expect(run).toMatchObject({ status: 'succeeded', attempt: 1, errorCode: null });
    expect(run!.detail).toMatch(/^sms deferred: quiet_hours \(/);
    expect(await smsTo(client.phone)).toEqual([]);
  });

  it('a client without SMS consent is skipped with the reason', async () => {
    const h = Harness.init();
    const { w, t, a, client } = await smsToCoachAudience(h);
    await w.api(`/clients/${client.id}`, { method: 'PATCH', body: { smsConsent: 'revoked' } });
    const due = new Date('2026-01-12T14:00:00Z');
    t.set(due);
    await t.automations.firing.runDue(due);
    expect((await runsOf(w, a.id))[0]).toMatchObject({ status: 'skipped', detail: 'consent_revoked', nextAttemptAt: null });
  });
});
