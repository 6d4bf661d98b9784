// The tenancy matrix's cases for the org's automations and tasks (tenancy-cases.testing.ts spreads them in):
// B reads and changes its own; every id of A's is a 404.
import { expect } from 'vitest';
import type { Body } from '../../testing/bodies';
import type { Preview, Run } from './automations/automations.schema';
import { type Ctx, idsOf, notFound, ok } from './tenancy-checks.testing';
import type { Automation, Task } from './tenancy-world.testing';

export const automationCases: Record<string, (c: Ctx) => Promise<void>> = {
  'GET /api/v1/coach/automations': async ({ b, asB }) => {
    expect(idsOf(ok(await asB<{ automations: Automation[] }>('/automations')).automations)).toContain(b.automation.id);
  },
  'POST /api/v1/coach/automations': async ({ asB }) => {
    ok(
      await asB('/automations', {
        body: {
          name: 'B weekly',
          trigger: { kind: 'weekly', weekdays: [1], time: '09:00' },
          action: { kind: 'sms', message: 'Hi {{client_first_name}}' },
          audience: { kind: 'active_clients' },
        },
      }),
      201,
    );
  },
  // Previews are in the caller's org zone, never another org's.
  'POST /api/v1/coach/automations/preview': async ({ b, asB }) => {
    expect(
      ok(await asB<Body<typeof Preview>>('/automations/preview', { body: { trigger: { kind: 'daily', time: '07:00' } } })).timeZone,
    ).toBe(b.timeZone);
  },
  'GET /api/v1/coach/automations/{id}': async ({ a, b, asB }) => {
    notFound(await asB(`/automations/${a.automation.id}`));
    ok(await asB(`/automations/${b.automation.id}`));
  },
  'PATCH /api/v1/coach/automations/{id}': async ({ a, b, asB }) => {
    notFound(await asB(`/automations/${a.automation.id}`, { method: 'PATCH', body: { enabled: false, name: 'Off' } }));
    ok(await asB(`/automations/${b.automation.id}`, { method: 'PATCH', body: { name: `${b.marker} check-in (edited)` } }));
  },
  'DELETE /api/v1/coach/automations/{id}': async ({ a, b, asB }) => {
    notFound(await asB(`/automations/${a.automation.id}`, { method: 'DELETE' }));
    ok(await asB(`/automations/${(await b.fresh.automation()).id}`, { method: 'DELETE' }));
  },
  'GET /api/v1/coach/automations/{id}/runs': async ({ a, b, asB }) => {
    notFound(await asB(`/automations/${a.automation.id}/runs`));
    expect(ok(await asB<{ runs: Body<typeof Run>[] }>(`/automations/${b.automation.id}/runs`)).runs.length).toBeGreaterThan(0);
  },
  'GET /api/v1/coach/clients/{id}/automations': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/automations`));
    expect(idsOf(ok(await asB<{ automations: { id: string }[] }>(`/clients/${b.client.id}/automations`)).automations)).toContain(
      b.automation.id,
    );
  },
  'GET /api/v1/coach/tasks': async ({ b, asB }) => {
    expect(idsOf(ok(await asB<{ tasks: Task[] }>('/tasks?status=all')).tasks)).toContain(b.task.id);
  },
  'POST /api/v1/coach/tasks/{id}/done': async ({ a, b, asB }) => {
    notFound(await asB(`/tasks/${a.task.id}/done`, { method: 'POST' }));
    expect(ok(await asB<Task>(`/tasks/${b.task.id}/done`, { method: 'POST' })).doneAt).not.toBeNull();
  },
};
