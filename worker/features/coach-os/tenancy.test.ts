// One tenancy matrix for the whole coach API: org B's coach attacks every route under /api/v1/coach
// with org A's ids and must get a 404 (or, on lists, see none of A's data), while the same request with
// B's own ids succeeds, so a 404 is about the org and not a broken request. The route list comes from
// openapi.json and the router itself: a new coach route without a case here fails the first test.

import { describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import type { Body } from '../../testing/bodies';
import { eventually } from '../../testing/eventually';
import { Harness, expectErrorShape } from '../../testing/harness';
import { automationsAt } from './automations/automations-testing';
import {
  athleteWithHistory,
  coachOrg,
  uniquePhone,
  type Booking,
  type Client,
  type ClientPackages,
  type LedgerResult,
  type Org,
  type PackageType,
  type SmsMessage,
} from '../../testing/scenarios';
import { sandbox, type SmsPreview, type SmsTemplate, type SmsTemplates } from './sms/sms-testing';
import type { AthleteLink as AthleteLinkSchema, SharedTraining } from './athlete-link/athlete-link.schema';
import type { Automation as AutomationSchema, Preview, Run, Task as TaskSchema } from './automations/automations.schema';
import type { ClientBookings } from './console/console.routes';
import type { MoneyEvent as MoneyEventSchema, Pnl } from './payments/payments.schema';
import type { Invite as InviteSchema, Team } from './team/team.schema';

type Automation = Body<typeof AutomationSchema>;
type Task = Body<typeof TaskSchema>;
type MoneyEvent = Body<typeof MoneyEventSchema>;
type AthleteLink = Body<typeof AthleteLinkSchema>;
type Invited = { invite: Body<typeof InviteSchema>; created: boolean };

/**
 * A coach API answer, parsed JSON (or the text, for pnl.csv). The matrix calls every route through one `Api`,
 * so a body is `unknown` unless the call names its route's type (the 404 checks read any route's error alike).
 */
interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
}
type Api = <T = unknown>(path: string, init?: { method?: string; body?: unknown }) => Promise<Reply<T>>;

const MONTH = '2026-10';
const HOUR = 3_600_000;

/** One org with one of everything that has an id, made through the public API (the task by firing the automation as the cron does). */
async function orgWorld(h: Harness, tag: string, timeZone: string) {
  // Every name A owns carries this marker, so any B response that contains it is a leak.
  const marker = `${tag}-${crypto.randomUUID().slice(0, 8)}`;
  // No quiet hours: the confirmation goes out now whatever the real time of day.
  const w = await coachOrg(h, { name: `${marker} Coaching`, timeZone, quietHours: null });
  const { coach, org } = w;
  const api: Api = async <T>(path: string, init = {}) => {
    const res = await h.call(`/api/v1/coach${path}`, { ...init, cookie: coach.cookie });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // pnl.csv answers text
    }
    // Whatever the route answered, read as the type the caller names (unknown unless it names one).
    return { status: res.status, body: body as T, text };
  };
  const made = async <T>(path: string, body: unknown, status = 201, method = 'POST') => {
    const r = await api<T>(path, { method, body });
    if (r.status !== status) throw new Error(`${tag} setup ${method} ${path}: ${r.status} ${r.text}`);
    return r.body;
  };
  const phone = uniquePhone();
  const {
    client,
    type,
    packages: [pkg],
  } = await w.clientWithPackage(
    `${marker} Client`,
    { name: `${marker} Pack`, sessions: 10, priceCents: 90_000, validityDays: 365 },
    { client: { phone, smsConsent: 'granted' } },
  );
  const use = await made<LedgerResult>(`/clients/${client.id}/sessions/use`, { idempotencyKey: `use-${marker}` }, 200);
  const template = await made<SmsTemplate>(
    '/sms/templates/confirmation',
    { body: `${marker}: see you {{session_date}} at {{session_time}}. Reply Y to confirm.` },
    200,
    'PUT',
  );
  const startsAt = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 7 * 24 * HOUR);
  const booking = await w.book(client.id, startsAt);
  const money = await made<MoneyEvent>('/money-events', {
    kind: 'income',
    amountCents: 7_700,
    currency: 'usd',
    occurredOn: `${MONTH}-03`,
    description: `${marker} cash`,
    clientId: client.id,
    packageTypeId: type.id,
  });
  const automation = await made<Automation>('/automations', {
    name: `${marker} check-in`,
    trigger: { kind: 'daily', time: '07:00' },
    action: { kind: 'task', title: `${marker} task`, message: '' },
    audience: { kind: 'active_clients' },
  });
  // Fire the automation at its own next slot: that is how tasks (and runs) come to exist.
  const due = new Date(automation.nextRunAt!);
  await automationsAt(h, due).automations.firing.runDue(due, { orgIds: [org.id] });
  const task = (await api<{ tasks: Task[] }>('/tasks')).body.tasks.find((t) => t.title === `${marker} task`);
  if (!task) throw new Error(`${tag} setup: no task from the automation`);
  const thread = await eventually(
    () => api<{ messages: SmsMessage[] }>(`/clients/${client.id}/messages`),
    (r) => r.body.messages?.some((m) => m.kind === 'confirmation' && m.status !== 'scheduled'),
  );
  const message = thread.body.messages.find((m) => m.kind === 'confirmation');
  const invite = (await made<Invited>('/team/invites', { email: `${marker}-invitee@example.test` })).invite;
  if (message?.status !== 'sent') throw new Error(`${tag} setup: confirmation not sent: ${thread.text}`);
  // The client shares their training: an athlete account asked for and agreed.
  const athlete = await athleteWithHistory(h, { displayName: `${marker} Athlete` });
  const link = await w.linkAthlete(client.id, athlete);
  // A second client whose link B's control requests can ask for and cancel.
  const spareClient = await w.addClient(`${marker} Spare`);

  // Fresh objects for B's control requests, so a mutation in one case never breaks another.
  let slot = 0;
  const fresh = {
    booking: () => w.book(client.id, new Date(startsAt.getTime() + ++slot * 2 * HOUR)),
    automation: () =>
      made<Automation>('/automations', {
        name: `${marker} spare`,
        trigger: { kind: 'daily', time: '08:00' },
        action: { kind: 'task', title: 'Spare', message: '' },
        audience: { kind: 'coach' },
      }),
    money: () =>
      made<MoneyEvent>('/money-events', {
        kind: 'expense',
        amountCents: 500,
        currency: 'usd',
        occurredOn: `${MONTH}-04`,
        category: 'rent',
      }),
  };
  if (!pkg) throw new Error(`${tag} setup: no package`);
  const ids = {
    org: org.id,
    coach: coach.id,
    client: client.id,
    type: type.id,
    pkg: pkg.id,
    ledger: use.ledgerId,
    booking: booking.id,
    automation: automation.id,
    task: task.id,
    money: money.id,
    message: message.id,
    invite: invite.id,
    link: link.id,
    athlete: athlete.user.id,
    spareClient: spareClient.id,
  };
  return {
    tag,
    marker,
    timeZone,
    coach,
    api,
    org,
    invite,
    link,
    athlete,
    spareClient,
    client: { ...client, phone },
    type,
    pkg,
    use,
    template,
    booking,
    startsAt,
    money,
    automation,
    task,
    message,
    ids,
    fresh,
  };
}
type World = Awaited<ReturnType<typeof orgWorld>>;

interface Ctx {
  a: World;
  b: World;
  /** B's coach calling; throws if the answer contains any of A's ids or its marker. */
  asB: Api;
}

const notFound = (r: Reply) => {
  expect(r.status, r.text).toBe(404);
  expectErrorShape(r.body, 'NOT_FOUND');
};
const ok = <T>(r: Reply<T>, status = 200): T => {
  expect(r.status, r.text).toBe(status);
  return r.body;
};
const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);
const range = (w: World) =>
  `from=${new Date(w.startsAt.getTime() - 24 * HOUR).toISOString()}&to=${new Date(w.startsAt.getTime() + 48 * HOUR).toISOString()}`;

/** How B attacks each route. Keys are "METHOD path" exactly as openapi.json (or the router) names them. */
const matrix: Record<string, (c: Ctx) => Promise<void>> = {
  // The org is the coach's own: one per coach, never chosen by id.
  'GET /api/v1/coach/team': async ({ b, asB }) => {
    const team = ok(await asB<Body<typeof Team>>('/team'));
    expect(team.members.map((p) => p.userId)).toEqual([b.coach.id]);
    expect(idsOf(team.invites)).toContain(b.invite.id);
  },
  'POST /api/v1/coach/team/invites': async ({ b, asB }) => {
    expect(ok(await asB<Invited>('/team/invites', { body: { email: `${b.marker}-second@example.test` } }), 201).created).toBe(true);
  },
  'DELETE /api/v1/coach/team/invites/{id}': async ({ a, b, asB }) => {
    notFound(await asB(`/team/invites/${a.invite.id}`, { method: 'DELETE' }));
    const spare = ok(await asB<Invited>('/team/invites', { body: { email: `${b.marker}-spare@example.test` } }), 201).invite;
    ok(await asB(`/team/invites/${spare.id}`, { method: 'DELETE' }));
  },
  // A's coach is nobody in B's org; B's own owner is, and is refused for another reason.
  'DELETE /api/v1/coach/team/members/{userId}': async ({ a, b, asB }) => {
    notFound(await asB(`/team/members/${a.coach.id}`, { method: 'DELETE' }));
    expect((await asB(`/team/members/${b.coach.id}`, { method: 'DELETE' })).status).toBe(409);
  },

  'GET /api/v1/coach/clients/{id}/athlete-link': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/athlete-link`));
    expect(ok(await asB<{ link: AthleteLink | null }>(`/clients/${b.client.id}/athlete-link`)).link).toMatchObject({
      id: b.link.id,
      status: 'accepted',
    });
  },
  'POST /api/v1/coach/clients/{id}/athlete-link': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/athlete-link`, { body: { email: `${b.marker}-someone@example.test` } }));
    expect(
      ok(
        await asB<{ link: AthleteLink; created: boolean }>(`/clients/${b.spareClient.id}/athlete-link`, {
          body: { email: `${b.marker}-someone@example.test` },
        }),
        201,
      ).created,
    ).toBe(true);
  },
  'DELETE /api/v1/coach/clients/{id}/athlete-link': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/athlete-link`, { method: 'DELETE' }));
    ok(await asB(`/clients/${b.spareClient.id}/athlete-link`, { method: 'DELETE' }));
  },
  'GET /api/v1/coach/clients/{id}/training': async ({ a, b, asB }) => {
    // A's client has agreed to share with A, not with B.
    notFound(await asB(`/clients/${a.client.id}/training`));
    expect(ok(await asB<Body<typeof SharedTraining>>(`/clients/${b.client.id}/training`)).athlete.name).toBe(`${b.marker} Athlete`);
  },
  'POST /api/v1/coach/org': async ({ asB }) => {
    const r = await asB('/org', { body: { name: 'Second org', timeZone: 'UTC' } });
    expect(r.status, r.text).toBe(409);
    expectErrorShape(r.body, 'CONFLICT');
  },
  // The Team plan is the org's own, like the org: B sees and buys for B's org only (answers carry no A id).
  'GET /api/v1/coach/billing': async ({ asB }) => {
    // Scenario orgs are on Team by an operator's comp.
    expect(ok(await asB<{ plan: string | null; isOwner: boolean }>('/billing'))).toMatchObject({ plan: 'team', isOwner: true });
  },
  'POST /api/v1/coach/billing/checkout': async ({ asB }) => {
    expect(ok(await asB<{ url: string }>('/billing/checkout', { body: { interval: 'month' } })).url).toContain('/checkout/');
  },
  'POST /api/v1/coach/billing/portal': async ({ asB }) => {
    expect(ok(await asB<{ url: string }>('/billing/portal', { method: 'POST' })).url).toContain('/portal/');
  },
  'GET /api/v1/coach/org': async ({ b, asB }) => {
    expect(ok(await asB<Org>('/org')).id).toBe(b.org.id);
  },
  'PATCH /api/v1/coach/org': async ({ b, asB }) => {
    expect(ok(await asB<Org>('/org', { method: 'PATCH', body: { name: `${b.marker} renamed`, reminderOffsetsMinutes: [60] } })).id).toBe(
      b.org.id,
    );
  },

  'GET /api/v1/coach/clients': async ({ b, asB }) => {
    expect(idsOf(ok(await asB<{ clients: Client[] }>('/clients')).clients)).toContain(b.client.id);
  },
  // A's phone is free in B's org: a 409 here would tell B that A has a client with that number.
  'POST /api/v1/coach/clients': async ({ a, asB }) => {
    ok(await asB('/clients', { body: { name: 'Twin', phone: a.client.phone } }), 201);
  },
  'GET /api/v1/coach/clients/{id}': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}`));
    ok(await asB(`/clients/${b.client.id}`));
  },
  'PATCH /api/v1/coach/clients/{id}': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}`, { method: 'PATCH', body: { name: 'Taken over', notes: 'mine now' } }));
    ok(await asB(`/clients/${b.client.id}`, { method: 'PATCH', body: { notes: 'regular' } }));
  },
  'GET /api/v1/coach/package-types': async ({ b, asB }) => {
    expect(idsOf(ok(await asB<{ packageTypes: PackageType[] }>('/package-types')).packageTypes)).toContain(b.type.id);
  },
  'POST /api/v1/coach/package-types': async ({ asB }) => {
    ok(
      await asB('/package-types', {
        body: { name: 'B extra', sessions: 5, sessionMinutes: 45, priceCents: 40_000, currency: 'usd', validityDays: null },
      }),
      201,
    );
  },
  'GET /api/v1/coach/clients/{id}/packages': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/packages`));
    expect(idsOf(ok(await asB<ClientPackages>(`/clients/${b.client.id}/packages`)).packages)).toContain(b.pkg.id);
  },
  'POST /api/v1/coach/clients/{id}/packages': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/packages`, { body: { packageTypeId: b.type.id } }));
    notFound(await asB(`/clients/${b.client.id}/packages`, { body: { packageTypeId: a.type.id } }));
    ok(await asB(`/clients/${b.client.id}/packages`, { body: { packageTypeId: b.type.id } }), 201);
  },
  'POST /api/v1/coach/clients/{id}/sessions/use': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/sessions/use`, { body: { idempotencyKey: `use-${a.marker}` } }));
    ok(await asB(`/clients/${b.client.id}/sessions/use`, { body: { idempotencyKey: `use-${a.marker}` } }));
  },
  'POST /api/v1/coach/clients/{id}/sessions/release': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/sessions/release`, { body: { ledgerId: a.use.ledgerId } }));
    notFound(await asB(`/clients/${b.client.id}/sessions/release`, { body: { ledgerId: a.use.ledgerId } }));
    ok(await asB(`/clients/${b.client.id}/sessions/release`, { body: { ledgerId: b.use.ledgerId } }));
  },

  // A's booking sits inside the range B asks for; only B's comes back.
  'GET /api/v1/coach/bookings': async ({ a, b, asB }) => {
    expect(idsOf(ok(await asB<{ bookings: Booking[] }>(`/bookings?${range(a)}`)).bookings)).toContain(b.booking.id);
  },
  'POST /api/v1/coach/bookings': async ({ a, b, asB }) => {
    const at = new Date(b.startsAt.getTime() + 100 * HOUR).toISOString();
    notFound(await asB('/bookings', { body: { clientId: a.client.id, startsAt: at, durationMinutes: 60 } }));
    notFound(await asB('/bookings', { body: { clientId: b.client.id, coachId: a.coach.id, startsAt: at, durationMinutes: 60 } }));
    ok(await asB('/bookings', { body: { clientId: b.client.id, startsAt: at, durationMinutes: 60 } }), 201);
  },
  'PATCH /api/v1/coach/bookings/{id}': async ({ a, b, asB }) => {
    const to = { startsAt: new Date(b.startsAt.getTime() + 200 * HOUR).toISOString() };
    notFound(await asB(`/bookings/${a.booking.id}`, { method: 'PATCH', body: to }));
    ok(await asB(`/bookings/${(await b.fresh.booking()).id}`, { method: 'PATCH', body: to }));
  },
  'POST /api/v1/coach/bookings/{id}/complete': async ({ a, b, asB }) => {
    notFound(await asB(`/bookings/${a.booking.id}/complete`, { method: 'POST' }));
    ok(await asB(`/bookings/${(await b.fresh.booking()).id}/complete`, { method: 'POST' }));
  },
  'POST /api/v1/coach/bookings/{id}/cancel': async ({ a, b, asB }) => {
    notFound(await asB(`/bookings/${a.booking.id}/cancel`, { method: 'POST' }));
    ok(await asB(`/bookings/${(await b.fresh.booking()).id}/cancel`, { method: 'POST' }));
  },
  'POST /api/v1/coach/bookings/{id}/no-show': async ({ a, b, asB }) => {
    notFound(await asB(`/bookings/${a.booking.id}/no-show`, { method: 'POST' }));
    ok(await asB(`/bookings/${(await b.fresh.booking()).id}/no-show`, { method: 'POST' }));
  },
  'GET /api/v1/coach/clients/{id}/bookings': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/bookings`));
    expect(idsOf(ok(await asB<Body<typeof ClientBookings>>(`/clients/${b.client.id}/bookings`)).upcoming)).toContain(b.booking.id);
  },

  // Templates are per org with no id: B reads and writes its own, A's wording never shows or changes.
  'GET /api/v1/coach/sms/templates': async ({ b, asB }) => {
    expect(ok(await asB<SmsTemplates>('/sms/templates')).templates.find((t) => t.kind === 'confirmation')!.body).toContain(b.marker);
  },
  'PUT /api/v1/coach/sms/templates/{kind}': async ({ asB }) => {
    ok(await asB('/sms/templates/confirmation', { method: 'PUT', body: { body: 'Hijacked {{session_time}}. Reply Y to confirm.' } }));
    ok(await asB('/sms/templates/reminder', { method: 'PUT', body: { body: 'Soon: {{session_time}}' } }));
  },
  'POST /api/v1/coach/sms/templates/preview': async ({ b, asB }) => {
    expect(ok(await asB<SmsPreview>('/sms/templates/preview', { body: { kind: 'reminder', body: 'From {{org_name}}' } })).text).toContain(
      b.marker,
    );
  },
  'GET /api/v1/coach/clients/{id}/messages': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/messages`));
    expect(idsOf(ok(await asB<{ messages: SmsMessage[] }>(`/clients/${b.client.id}/messages`)).messages)).toContain(b.message.id);
  },
  'POST /api/v1/coach/clients/{id}/messages': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/messages`, { body: { body: 'Hello from B' } }));
    ok(await asB(`/clients/${b.client.id}/messages`, { body: { body: 'Hello from B' } }), 201);
  },

  'POST /api/v1/coach/clients/{id}/checkout-links': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/checkout-links`, { body: { packageTypeId: b.type.id } }));
    notFound(await asB(`/clients/${b.client.id}/checkout-links`, { body: { packageTypeId: a.type.id } }));
    ok(await asB(`/clients/${b.client.id}/checkout-links`, { body: { packageTypeId: b.type.id } }), 201);
  },
  'GET /api/v1/coach/clients/{id}/payments': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/payments`));
    ok(await asB(`/clients/${b.client.id}/payments`));
  },
  'POST /api/v1/coach/money-events': async ({ a, b, asB }) => {
    const cash = { kind: 'income', amountCents: 100, currency: 'usd', occurredOn: `${MONTH}-05` };
    notFound(await asB('/money-events', { body: { ...cash, clientId: a.client.id } }));
    notFound(await asB('/money-events', { body: { ...cash, packageTypeId: a.type.id } }));
    ok(await asB('/money-events', { body: { ...cash, clientId: b.client.id, packageTypeId: b.type.id } }), 201);
  },
  'DELETE /api/v1/coach/money-events/{id}': async ({ a, b, asB }) => {
    notFound(await asB(`/money-events/${a.money.id}`, { method: 'DELETE' }));
    ok(await asB(`/money-events/${(await b.fresh.money()).id}`, { method: 'DELETE' }));
  },
  'GET /api/v1/coach/pnl': async ({ b, asB }) => {
    expect(idsOf(ok(await asB<Body<typeof Pnl>>(`/pnl?month=${MONTH}&currency=usd`)).events)).toContain(b.money.id);
  },
  'GET /api/v1/coach/pnl.csv': async ({ b, asB }) => {
    const r = await asB(`/pnl.csv?month=${MONTH}&currency=usd`);
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain(`${b.marker} cash`);
  },

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

/** Everything A can read about itself; taken before and after the attacks, it must not move. */
async function snapshot(w: World) {
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
  };
}

/** Every coach operation the app serves: openapi.json, plus plain router routes (pnl.csv) the spec cannot list. */
async function coachRoutes(h: Harness): Promise<string[]> {
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

describe('coach API tenancy matrix', () => {
  it('has a case for every coach route, and none for a route that is gone', async () => {
    const routes = await coachRoutes(Harness.init());
    expect(routes.length).toBeGreaterThan(30);
    expect(
      routes.filter((k) => !(k in matrix)),
      'coach routes with no tenancy case: add them to `matrix`',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((k) => !routes.includes(k)),
      'cases for routes the app no longer serves',
    ).toEqual([]);
  });

  it('org B’s coach can neither read nor change anything of org A through any of them', async () => {
    const h = Harness.init();
    const [a, b] = await Promise.all([orgWorld(h, 'Alpha', 'America/Denver'), orgWorld(h, 'Bravo', 'Europe/Berlin')]);
    const secrets = [a.marker, ...Object.values(a.ids)];
    const asB: Api = async <T>(path: string, init?: { method?: string; body?: unknown }) => {
      const r = await b.api<T>(path, init);
      const leaked = secrets.filter((s) => r.text.includes(s));
      if (leaked.length)
        throw new Error(
          `${init?.method ?? (init?.body ? 'POST' : 'GET')} ${path} answered ${r.status} with org A's ${leaked.join(', ')}: ${r.text.slice(0, 300)}`,
        );
      return r;
    };
    const before = await snapshot(a);

    const failures: string[] = [];
    // One at a time: cases share B's world, and a failure names its route.
    for (const [route, attack] of Object.entries(matrix)) {
      try {
        await attack({ a, b, asB });
      } catch (err) {
        failures.push(`${route}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    expect(failures).toEqual([]);

    const after = await snapshot(a);
    expect(after).toEqual(before);
    // The facts the matrix most wants to protect, spelled out.
    expect(after.org).toMatchObject({ id: a.org.id, name: `${a.marker} Coaching`, timeZone: 'America/Denver' });
    expect(after.client).toMatchObject({ name: `${a.marker} Client`, phone: a.client.phone, notes: a.client.notes });
    expect(idsOf(after.clients.clients)).toEqual([a.client.id, a.spareClient.id]);
    expect(idsOf(after.packageTypes.packageTypes)).toEqual([a.type.id]);
    expect(after.packages.packages).toMatchObject([{ id: a.pkg.id, sessionsRemaining: 9, sessionsUsed: 1 }]);
    expect(after.packages.ledger.map((l) => l.id)).toEqual([a.use.ledgerId]);
    expect(after.clientBookings.upcoming).toMatchObject([{ id: a.booking.id, status: 'scheduled', startsAt: a.startsAt.toISOString() }]);
    expect(after.automations).toMatchObject([{ id: a.automation.id, name: `${a.marker} check-in`, enabled: true }]);
    expect(after.tasks.tasks).toMatchObject([{ id: a.task.id, doneAt: null }]);
    expect(after.athleteLink.link).toMatchObject({ id: a.link.id, status: 'accepted', athleteName: `${a.marker} Athlete` });
    expect(after.pnl.events).toMatchObject([{ id: a.money.id, amountCents: 7_700 }]);
    expect(after.templates.templates.find((t) => t.kind === 'confirmation')!.body).toBe(a.template.body);
    expect(after.templates.templates.find((t) => t.kind === 'reminder')!.isDefault).toBe(true);
    // The booking's own confirmation and planned reminders; nothing typed by B.
    expect(after.messages.messages.map((m) => m.kind).sort()).toEqual(['confirmation', 'reminder', 'reminder']);
    // Nothing B did reached A's client's phone either.
    expect((await sandbox.messages(a.client.phone)).map((m) => m.body)).toEqual([a.message.body]);
  });
});
