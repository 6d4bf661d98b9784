// What the coach tenancy matrix checks with: a case's context, the answers it expects, A's snapshot (which must
// not move), and the list of coach routes the app serves. The orgs themselves are made in tenancy-world.testing.ts.
import { expect } from 'vitest';
import { createApp } from '../../app';
import type { Body } from '../../testing/bodies';
import { type Harness, expectErrorShape } from '../../testing/harness';
import { addDays } from '../../lib/dates';
import type { Client, ClientPackages, Org, PackageType, SmsMessage } from '../../testing/scenarios';
import type { SmsTemplates } from './sms/sms-testing';
import type { ClientBookings } from './console/console.routes';
import type { Pnl } from './payments/payments.schema';
import { type Api, type AthleteLink, type Automation, HOUR, MONTH, type Reply, type Task, type World } from './tenancy-world.testing';

export interface Ctx {
  a: World;
  b: World;
  /** B's coach calling; throws if the answer contains any of A's ids or its marker. */
  asB: Api;
}

export const notFound = (r: Reply) => {
  expect(r.status, r.text).toBe(404);
  expectErrorShape(r.body, 'NOT_FOUND');
};
export const ok = <T>(r: Reply<T>, status = 200): T => {
  expect(r.status, r.text).toBe(status);
  return r.body;
};
export const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);
export const range = (w: World) =>
  `from=${new Date(w.startsAt.getTime() - 24 * HOUR).toISOString()}&to=${new Date(w.startsAt.getTime() + 48 * HOUR).toISOString()}`;

/** Everything A can read about itself; taken before and after the attacks, it must not move. */
export async function snapshot(w: World) {
  // Typed as the route answers where a fact is read below; the rest is only compared whole.
  const get = async <T = unknown>(path: string) => ok(await w.api<T>(path));
  // Upcoming run times are computed from "now", not stored: leave them out of the comparison.
  const stable = ({ nextRuns: _, ...rest }: Automation) => rest;
  return {
    org: await get<Org>('/org'),
    team: await get('/team'),
    clients: await get<{ clients: Client[] }>('/clients'),
    client: await get<Client>(`/clients/${w.client.id}`),
    packageTypes: await get<{ packageTypes: PackageType[] }>('/package-types'),
    packages: await get<ClientPackages>(`/clients/${w.client.id}/packages`),
    calendar: await get(`/bookings?${range(w)}`),
    clientBookings: await get<Body<typeof ClientBookings>>(`/clients/${w.client.id}/bookings`),
    templates: await get<SmsTemplates>('/sms/templates'),
    messages: await get<{ messages: SmsMessage[] }>(`/clients/${w.client.id}/messages`),
    payments: await get(`/clients/${w.client.id}/payments`),
    pnl: await get<Body<typeof Pnl>>(`/pnl?month=${MONTH}&currency=usd`),
    csv: (await w.api(`/pnl.csv?month=${MONTH}&currency=usd`)).text,
    automations: (await get<{ automations: Automation[] }>('/automations')).automations.map(stable),
    automation: stable(await get<Automation>(`/automations/${w.automation.id}`)),
    runs: await get(`/automations/${w.automation.id}/runs`),
    clientAutomations: await get(`/clients/${w.client.id}/automations`),
    tasks: await get<{ tasks: Task[] }>('/tasks?status=all'),
    athleteLink: await get<{ link: AthleteLink | null }>(`/clients/${w.client.id}/athlete-link`),
    training: await get(`/clients/${w.client.id}/training`),
    clientPlan: await get(`/clients/${w.client.id}/plan`),
    planChanges: await get(`/clients/${w.client.id}/plan/changes`),
    adaptations: await get(`/clients/${w.client.id}/plan/adaptations`),
    planCalendar: await get(`/clients/${w.client.id}/plan/calendar?from=${w.clientPlan.today}&to=${addDays(w.clientPlan.today, 13)}`),
  };
}

/** Every coach operation the app serves: openapi.json, plus plain router routes (pnl.csv) the spec cannot list. */
export async function coachRoutes(h: Harness): Promise<string[]> {
  const doc = await h.json<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
  expect(doc.status).toBe(200);
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  const fromSpec = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => methods.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
  const fromRouter = createApp()
    .routes.filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set([...fromSpec, ...fromRouter, 'GET /api/v1/coach/pnl.csv'])]
    .filter((k) => /^\w+ \/api\/v1\/coach(\/|$)/.test(k))
    .sort();
}
