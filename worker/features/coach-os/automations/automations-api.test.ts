import { beforeEach, describe, expect, it } from 'vitest';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { emailsTo } from '../../../testing/outbox';
import { automationsAt, coachWorld, parkEarlierAutomations } from './automations-testing';
import type { Automation as AutomationSchema, Preview as PreviewSchema, Run as RunSchema, Task as TaskSchema } from './automations.schema';

type Automation = Body<typeof AutomationSchema>;
type Run = Body<typeof RunSchema>;
type Task = Body<typeof TaskSchema>;

const weekly = {
  name: 'Monday plan',
  trigger: { kind: 'weekly', weekdays: [1, 3], time: '07:00' },
  action: { kind: 'task', title: 'Plan the week' },
  audience: { kind: 'coach' },
};

// Ticks and scans run over every automation of this file's database: each test starts with none of the earlier ones'.
beforeEach(parkEarlierAutomations);

describe('automations API', () => {
  it('creates, lists, reads, patches (enable/disable) and deletes, with audited writes and the trigger in words', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const created = await w.api<Automation>('/automations', { body: weekly });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Monday plan', enabled: true, audience: { kind: 'coach' }, lastRun: null });
    expect(created.body.summary).toMatch(/^Every Mon, Wed at 07:00 M[SD]T$/);
    expect(created.body.nextRuns).toHaveLength(5);
    expect(created.body.nextRunAt).toBe(created.body.nextRuns[0]!.at);
    for (const r of created.body.nextRuns) expect(r.local).toMatch(/^(Mon|Wed) .*, 07:00 M[SD]T$/);
    const id = created.body.id;
    expect((await w.api<{ automations: Automation[] }>('/automations')).body.automations.map((a) => a.id)).toEqual([id]);
    const off = await w.api<Automation>(`/automations/${id}`, { method: 'PATCH', body: { enabled: false } });
    expect(off.body).toMatchObject({ enabled: false, nextRunAt: null, nextRuns: [] });
    const on = await w.api<Automation>(`/automations/${id}`, {
      method: 'PATCH',
      body: { enabled: true, trigger: { kind: 'daily', time: '06:15' } },
    });
    expect(on.body.summary).toMatch(/^Every day at 06:15 M[SD]T$/);
    expect(on.body.nextRunAt).not.toBeNull();
    expect((await w.api(`/automations/${id}`, { method: 'DELETE' })).body).toEqual({ deleted: true });
    expect((await w.api(`/automations/${id}`)).status).toBe(404);
    expect((await h.auditFor('automation', id)).map((a) => a.action)).toEqual([
      'automation.created',
      'automation.updated',
      'automation.updated',
      'automation.deleted',
    ]);
  });

  it('answers 400 naming the field for bad cron, weekday, time, variables and cross-field rules', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    // Deliberately invalid automations, each with the field its 400 must name.
    const cases: [Record<string, unknown>, string][] = [
      [{ ...weekly, trigger: { kind: 'cron', expression: '61 7 * * 1' } }, 'trigger.expression'],
      [{ ...weekly, trigger: { kind: 'cron', expression: '0 0 7 * * 1' } }, 'trigger.expression'],
      [{ ...weekly, trigger: { kind: 'weekly', weekdays: [1, 7], time: '07:00' } }, 'trigger.weekdays.1'],
      [{ ...weekly, trigger: { kind: 'weekly', weekdays: [], time: '07:00' } }, 'trigger.weekdays'],
      [{ ...weekly, trigger: { kind: 'daily', time: '24:00' } }, 'trigger.time'],
      [{ ...weekly, trigger: { kind: 'package_expiring', days: 0 } }, 'trigger.days'],
      [{ ...weekly, audience: { kind: 'active_clients' }, action: { kind: 'sms', message: 'Hi {{first_name}}' } }, 'action.message'],
      [{ ...weekly, audience: { kind: 'active_clients' }, action: { kind: 'sms', message: 'Hi {{client_first_name}' } }, 'action.message'],
      [{ ...weekly, action: { kind: 'sms', message: 'Hi {{client_first_name}}' } }, 'action.kind'],
      [{ ...weekly, action: { kind: 'email', subject: 'Hi', message: '{{sessions_left}} left' } }, 'action.message'],
      [{ ...weekly, audience: null }, 'audience'],
      [{ ...weekly, action: { kind: 'task', title: 'Call {{nobody}}', message: '' } }, 'action.title'],
      [{ ...weekly, action: { kind: 'task', title: '', message: '' } }, 'action.title'],
      [{ ...weekly, trigger: { kind: 'booking_completed' } }, 'audience'],
    ];
    for (const [body, field] of cases) {
      const r = await w.api<ErrorBody>('/automations', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(
        r.body.error.fields!.map((f) => f.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    const preview = await w.api<ErrorBody>('/automations/preview', { body: { trigger: { kind: 'cron', expression: 'every monday' } } });
    expect(preview.status).toBe(400);
    expect(preview.body.error.fields!.map((f) => f.path)).toContain('trigger.expression');
    expect((await w.api<{ automations: Automation[] }>('/automations')).body.automations).toEqual([]);
    // A task's note may be empty (the form always sends the field).
    expect(
      (await w.api('/automations', { body: { ...weekly, action: { kind: 'task', title: 'Plan for {{org_name}}', message: '' } } })).status,
    ).toBe(201);
  });

  it('previews a draft trigger: 5 instants in the org zone; an event trigger has none', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, 'Europe/London');
    const p = (await w.api<Body<typeof PreviewSchema>>('/automations/preview', { body: { trigger: { kind: 'daily', time: '09:30' } } }))
      .body;
    expect(p.timeZone).toBe('Europe/London');
    expect(p.nextRuns).toHaveLength(5);
    for (const r of p.nextRuns) expect(r.local).toMatch(/, 09:30 (GMT|BST)$/);
    const gaps = p.nextRuns.slice(1).map((r, i) => Date.parse(r.at) - Date.parse(p.nextRuns[i]!.at));
    for (const g of gaps) expect([23, 24, 25].map((x) => x * 3_600_000)).toContain(g);
    expect((await w.api('/automations/preview', { body: { trigger: { kind: 'client_inactive', days: 21 } } })).body).toMatchObject({
      nextRuns: [],
      summary: 'When a client has been inactive for 21 days',
    });
  });

  it('emails the coach who made the automation', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const t = automationsAt(h, new Date('2026-01-12T13:00:00Z'));
    const a = await t.automations.create(await w.member(), {
      name: 'Weekly digest',
      trigger: { kind: 'daily', time: '07:00' },
      action: { kind: 'email', subject: '{{org_name}} digest {{today}}', message: 'Good morning from {{org_name}}.' },
      audience: { kind: 'coach' },
    });
    const due = new Date('2026-01-12T14:00:00Z');
    t.set(due);
    expect((await t.automations.firing.runDue(due)).fired).toBe(1);
    const mails = await emailsTo(w.coach.email);
    expect(mails.map((m) => m.subject)).toEqual(['Summit Coaching digest 2026-01-12']);
    expect((await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs[0]).toMatchObject({ status: 'succeeded' });
  });

  it('tasks: one per run key however often the action runs, done once, listed by status', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Tia Task');
    await w.addPackage(client.id, 5);
    const t = automationsAt(h, new Date('2026-01-12T13:00:00Z'));
    const a = await t.automations.create(await w.member(), {
      name: 'Check',
      trigger: { kind: 'daily', time: '07:00' },
      action: { kind: 'task', title: 'Check on {{client_first_name}}', message: '{{sessions_left}} left' },
      audience: { kind: 'low_sessions', max: 5 },
    });
    const due = new Date('2026-01-12T14:00:00Z');
    t.set(due);
    await Promise.all([t.automations.firing.runDue(due), t.automations.firing.runDue(due)]);
    const tasks = (await w.api<{ tasks: Task[] }>('/tasks')).body.tasks;
    expect(tasks).toEqual([
      expect.objectContaining({ title: 'Check on Tia', body: '5 left', clientId: client.id, doneAt: null, assigneeId: w.coach.id }),
    ]);
    const runs = (await w.api<{ runs: Run[] }>(`/automations/${a.id}/runs`)).body.runs;
    expect(runs).toHaveLength(1);
    const done = await Promise.all([
      w.api<Task>(`/tasks/${tasks[0]!.id}/done`, { method: 'POST' }),
      w.api<Task>(`/tasks/${tasks[0]!.id}/done`, { method: 'POST' }),
    ]);
    expect(done.map((d) => d.status)).toEqual([200, 200]);
    expect(done[0]!.body.doneAt).toBe(done[1]!.body.doneAt);
    expect((await w.api<{ tasks: Task[] }>('/tasks')).body.tasks).toEqual([]);
    expect((await w.api<{ tasks: Task[] }>('/tasks?status=done')).body.tasks).toHaveLength(1);
    expect((await w.api('/tasks?status=nope')).status).toBe(400);
  });

  it('keeps every route inside the org: another org’s ids answer 404', async () => {
    const h = Harness.init();
    const a = await coachWorld(h);
    const b = await coachWorld(h);
    const client = await a.addClient('Ona Other');
    await a.addPackage(client.id, 5);
    const t = automationsAt(h, new Date('2026-01-12T13:00:00Z'));
    const auto = await t.automations.create(await a.member(), {
      name: 'Task',
      trigger: { kind: 'daily', time: '07:00' },
      action: { kind: 'task', title: 'Hi {{client_first_name}}', message: '' },
      audience: { kind: 'active_clients' },
    });
    t.set(new Date('2026-01-12T14:00:00Z'));
    await t.automations.firing.runDue(t.clock.now());
    const task = (await a.api<{ tasks: Task[] }>('/tasks')).body.tasks[0]!;
    for (const r of [
      await b.api(`/automations/${auto.id}`),
      await b.api(`/automations/${auto.id}`, { method: 'PATCH', body: { enabled: false } }),
      await b.api(`/automations/${auto.id}`, { method: 'DELETE' }),
      await b.api(`/automations/${auto.id}/runs`),
      await b.api(`/clients/${client.id}/automations`),
      await b.api(`/tasks/${task.id}/done`, { method: 'POST' }),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await b.api<{ automations: Automation[] }>('/automations')).body.automations).toEqual([]);
    expect((await b.api<{ tasks: Task[] }>('/tasks')).body.tasks).toEqual([]);
    // Untouched in org A.
    expect((await a.api<Automation>(`/automations/${auto.id}`)).body.enabled).toBe(true);
    expect((await a.api<{ tasks: Task[] }>('/tasks')).body.tasks).toHaveLength(1);
    // Without an org, or signed out.
    const stranger = await h.userWithRole('coach');
    expect((await h.json('/api/v1/coach/automations', { cookie: stranger.cookie })).status).toBe(404);
    expect((await h.json('/api/v1/coach/automations')).status).toBe(401);
    expect((await h.json('/api/v1/coach/automations/preview', { body: { trigger: { kind: 'daily', time: '07:00' } } })).status).toBe(401);
  });
});
