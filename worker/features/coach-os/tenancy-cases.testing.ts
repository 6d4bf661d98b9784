// The tenancy matrix's cases: how org B's coach attacks each coach route with org A's ids, and the
// same request with B's own ids that must succeed.
import { expect } from 'vitest';
import type { Body } from '../../testing/bodies';
import { expectErrorShape, PASSWORD } from '../../testing/harness';
import type { Booking, Client, ClientPackages, Org, PackageType, SmsMessage } from '../../testing/scenarios';
import type { SmsPreview, SmsTemplates } from './sms/sms-testing';
import type { ActivityStreamsResponse } from '../analytics';
import type { SharedTraining } from './athlete-link/athlete-link.schema';
import type { CoachDashboard } from './dashboard/dashboard.schema';
import type { ClientBookings } from './console/console.routes';
import type { Pnl } from './payments/payments.schema';
import type { Team } from './team/team.schema';
import { idsOf, notFound, ok, range, type Ctx } from './tenancy-checks.testing';
import { HOUR, MONTH, type AthleteLink, type Invited } from './tenancy-world.testing';
import { planCases } from './tenancy-plan-cases.testing';
import { commentCases } from './tenancy-comment-cases.testing';
import { trainingCases } from './tenancy-training-cases.testing';
import { automationCases } from './tenancy-automation-cases.testing';
import { mcpCases } from './tenancy-mcp-cases.testing';

/** How B attacks each route. Keys are "METHOD path" exactly as openapi.json (or the router) names them. */
export const matrix: Record<string, (c: Ctx) => Promise<void>> = {
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

  // The dashboard is the org's own: B sees its linked client and nothing of A's (asB checks every answer for A's ids).
  'GET /api/v1/coach/dashboard': async ({ b, asB }) => {
    const d = ok(await asB<Body<typeof CoachDashboard>>('/dashboard'));
    expect(d.athletes.map((x) => x.clientId)).toEqual([b.client.id]);
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
  'GET /api/v1/coach/clients/{id}/activity-notes': async ({ a, b, asB }) => {
    // The notes follow the same consent: A's athlete shares with A only.
    notFound(await asB(`/clients/${a.client.id}/activity-notes`));
    expect(ok(await asB<{ notes: unknown[] }>(`/clients/${b.client.id}/activity-notes`)).notes).toEqual([]);
  },
  'GET /api/v1/coach/clients/{id}/curves': async ({ a, b, asB }) => {
    // The curves follow the same consent: another org's client is not found, the own linked client answers.
    notFound(await asB(`/clients/${a.client.id}/curves`));
    expect(ok(await asB<{ kind: string }>(`/clients/${b.client.id}/curves`)).kind).toBe('power');
  },
  'GET /api/v1/coach/clients/{id}/wellness': async ({ a, b, asB }) => {
    // Wellness needs a second consent: A's client is not found, B's own linked client answers "not shared".
    notFound(await asB(`/clients/${a.client.id}/wellness`));
    expect(ok(await asB<{ shared: boolean; athlete: { name: string } }>(`/clients/${b.client.id}/wellness`))).toMatchObject({
      shared: false,
      athlete: { name: `${b.marker} Athlete` },
    });
  },
  'GET /api/v1/coach/clients/{id}/models': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/models?sport=run`));
    expect(ok(await asB<{ sport: string }>(`/clients/${b.client.id}/models?sport=run`)).sport).toBe('run');
  },
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/streams': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/activities/${a.ids.activity}/streams`));
    // B's own client, A's athlete's activity: not B's athlete's, so not found either.
    notFound(await asB(`/clients/${b.client.id}/activities/${a.ids.activity}/streams`));
    const own = ok(await asB<Body<typeof ActivityStreamsResponse>>(`/clients/${b.client.id}/activities/${b.ids.activity}/streams`));
    expect(own.activityId).toBe(b.ids.activity);
  },
  'GET /api/v1/coach/clients/{id}/activities/{activityId}': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/activities/${a.ids.activity}`));
    notFound(await asB(`/clients/${b.client.id}/activities/${a.ids.activity}`));
    const own = ok(await asB<{ activity: { id: string } }>(`/clients/${b.client.id}/activities/${b.ids.activity}`));
    expect(own.activity.id).toBe(b.ids.activity);
  },
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/streams/range': async ({ a, b, asB }) => {
    notFound(await asB(`/clients/${a.client.id}/activities/${a.ids.activity}/streams/range`));
    notFound(await asB(`/clients/${b.client.id}/activities/${a.ids.activity}/streams/range`));
    ok(await asB(`/clients/${b.client.id}/activities/${b.ids.activity}/streams/range?from=60&to=120`));
  },
  ...planCases,
  ...commentCases,
  ...trainingCases,
  'POST /api/v1/coach/org': async ({ asB }) => {
    const r = await asB('/org', { body: { name: 'Second org', timeZone: 'UTC' } });
    expect(r.status, r.text).toBe(409);
    expectErrorShape(r.body, 'CONFLICT');
  },
  // The org deleted is always the caller's own: naming A's org (with B's right password) deletes nothing.
  'POST /api/v1/coach/org/deletion': async ({ a, asB }) => {
    const r = await asB('/org/deletion', { body: { password: PASSWORD, confirm: a.org.name } });
    expect(r.status, r.text).toBe(400);
    expectErrorShape(r.body, 'VALIDATION');
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

  ...automationCases,
  ...mcpCases,

  // Team API keys (ADR 105): B lists and makes its own; A's key is not found to B.
  'GET /api/v1/coach/api-keys': async ({ b, asB }) => {
    expect(idsOf(ok(await asB<{ keys: { id: string }[] }>('/api-keys')).keys)).toContain(b.apiKey.id);
  },
  'POST /api/v1/coach/api-keys': async ({ asB }) => {
    expect(ok(await asB<{ secret: string }>('/api-keys', { body: { name: 'B tool', scopes: ['coach:read'] } }), 201).secret).toMatch(
      /^cdn_live_/,
    );
  },
  'DELETE /api/v1/coach/api-keys/{keyId}': async ({ a, asB }) => {
    notFound(await asB(`/api-keys/${a.apiKey.id}`, { method: 'DELETE' }));
    const spare = ok(await asB<{ key: { id: string } }>('/api-keys', { body: { name: 'B spare', scopes: ['coach:read'] } }), 201).key;
    ok(await asB(`/api-keys/${spare.id}`, { method: 'DELETE' }));
  },
};
