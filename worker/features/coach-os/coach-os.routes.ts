import { createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { createRouter } from '../../http/router';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { actorOf, requireRole } from '../../http/guards';
import {
  AddClientPackageInput,
  Booking,
  BookingRangeQuery,
  CreateBookingInput,
  Deduction,
  RescheduleBookingInput,
  Client,
  ClientPackage,
  ClientPackages,
  CreateClientInput,
  CreateOrgInput,
  CreatePackageTypeInput,
  IdParam,
  LedgerResultSchema,
  Org,
  PackageType,
  ReleaseSessionInput,
  UpdateClientInput,
  UpdateOrgInput,
  UseSessionInput,
} from './coach-os.schema';
import { presentClient, presentOrg } from './coach-os.service';
import { z } from '@hono/zod-openapi';
import { coachErrors, coachSecurity, member, presentBooking } from './coach-os.http';

const tags = ['Coach'];
const security = coachSecurity;
const std = coachErrors;

const presentType = (t: Awaited<ReturnType<AppEnv['Variables']['services']['coach']['createPackageType']>>) => ({
  id: t.id,
  name: t.name,
  sessions: t.sessions,
  sessionMinutes: t.sessionMinutes,
  priceCents: t.priceCents,
  currency: t.currency,
  validityDays: t.validityDays,
  active: t.active,
});

export const coachRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/org',
      tags,
      security,
      summary: 'Create your coaching organisation (you become its owner)',
      request: { body: jsonBody(CreateOrgInput) },
      responses: { 201: json(Org, 'Created'), 409: errorResponses[409], ...std },
    }),
    async (c) => {
      const viewer = await requireRole(c.var.auth, 'coach', 'owner');
      const m = await c.var.services.coach.createOrg(actorOf(viewer), c.req.valid('json'));
      return c.json(presentOrg(m), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/org',
      tags,
      security,
      summary: 'Your organisation and its settings',
      responses: { 200: json(Org, 'Org'), ...std },
    }),
    async (c) => c.json(presentOrg(await member(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/org',
      tags,
      security,
      summary: 'Change the org’s name, time zone, quiet hours or reminder times (owner)',
      description:
        'Only the fields sent change. An empty patch (`{}`, or only unknown keys, which are ignored) is refused with 400 VALIDATION “Nothing to update…”, after the owner check.',
      request: { body: jsonBody(UpdateOrgInput) },
      responses: { 200: json(Org, 'Updated'), ...std },
    }),
    async (c) => c.json(presentOrg(await c.var.services.coach.updateOrg(await member(c), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients',
      tags,
      security,
      summary: 'Your org’s clients',
      responses: { 200: json(z.object({ clients: z.array(Client) }), 'Clients'), ...std },
    }),
    async (c) => c.json({ clients: (await c.var.services.coach.listClients(await member(c))).map(presentClient) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients',
      tags,
      security,
      summary: 'Add a client',
      request: { body: jsonBody(CreateClientInput) },
      responses: { 201: json(Client, 'Created'), 409: errorResponses[409], ...std },
    }),
    async (c) => c.json(presentClient(await c.var.services.coach.createClient(await member(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}',
      tags,
      security,
      summary: 'One client',
      request: { params: IdParam },
      responses: { 200: json(Client, 'Client'), ...std },
    }),
    async (c) => c.json(presentClient(await c.var.services.coach.getClient(await member(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/clients/{id}',
      tags,
      security,
      summary: 'Update a client',
      description:
        'Only the fields sent change. Another org’s (or an unknown) client id is 404 whatever the body; then an empty patch (`{}`, or only unknown keys, which are ignored) is refused with 400 VALIDATION “Nothing to update…”. A phone number another client has is 409.',
      request: { params: IdParam, body: jsonBody(UpdateClientInput) },
      responses: { 200: json(Client, 'Updated'), 409: errorResponses[409], ...std },
    }),
    async (c) =>
      c.json(presentClient(await c.var.services.coach.updateClient(await member(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/package-types',
      tags,
      security,
      summary: 'Package types your org sells',
      responses: { 200: json(z.object({ packageTypes: z.array(PackageType) }), 'Types'), ...std },
    }),
    async (c) => c.json({ packageTypes: (await c.var.services.coach.listPackageTypes(await member(c))).map(presentType) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/package-types',
      tags,
      security,
      summary: 'Define a package type (e.g. 10 × 60 min)',
      request: { body: jsonBody(CreatePackageTypeInput) },
      responses: { 201: json(PackageType, 'Created'), ...std },
    }),
    async (c) => c.json(presentType(await c.var.services.coach.createPackageType(await member(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}/packages',
      tags,
      security,
      summary: 'A client’s packages and session ledger',
      request: { params: IdParam },
      responses: { 200: json(ClientPackages, 'Packages'), ...std },
    }),
    async (c) => c.json(await c.var.services.coach.packagesOf(await member(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/packages',
      tags,
      security,
      summary: 'Give a client a package (paid outside Stripe)',
      request: { params: IdParam, body: jsonBody(AddClientPackageInput) },
      responses: {
        201: json(
          ClientPackage.pick({ id: true, name: true, sessionsTotal: true, sessionsRemaining: true, purchasedOn: true, expiresOn: true }),
          'Added',
        ),
        ...std,
      },
    }),
    async (c) => {
      const p = await c.var.services.coach.addClientPackage(await member(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(
        {
          id: p.id,
          name: p.name,
          sessionsTotal: p.sessionsTotal,
          sessionsRemaining: p.sessionsRemaining,
          purchasedOn: p.purchasedOn,
          expiresOn: p.expiresOn,
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/sessions/use',
      tags,
      security,
      summary: 'Use one session (from the package expiring soonest); once per idempotency key',
      request: { params: IdParam, body: jsonBody(UseSessionInput) },
      responses: { 200: json(LedgerResultSchema, 'Used (or already used for this key)'), 409: errorResponses[409], ...std },
    }),
    async (c) =>
      c.json(await c.var.services.coach.useSession(await member(c), c.req.valid('param').id, c.req.valid('json').idempotencyKey), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/sessions/release',
      tags,
      security,
      summary: 'Give back a used session (undo); at most once per use',
      request: { params: IdParam, body: jsonBody(ReleaseSessionInput) },
      responses: { 200: json(LedgerResultSchema, 'Released (or already released)'), 409: errorResponses[409], ...std },
    }),
    async (c) =>
      c.json(await c.var.services.coach.releaseSession(await member(c), c.req.valid('param').id, c.req.valid('json').ledgerId), 200),
  );

export const bookingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Bookings starting in [from, to) — the calendar polls exactly its visible range',
      request: { query: BookingRangeQuery },
      responses: { 200: json(z.object({ bookings: z.array(Booking) }), 'Bookings'), ...std },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await c.var.services.bookings.between(await member(c), new Date(q.from), new Date(q.to));
      return c.json({ bookings: rows.map((r) => presentBooking(r.booking, r.clientName)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Book a session (refused when it overlaps the coach’s other bookings)',
      request: { body: jsonBody(CreateBookingInput) },
      responses: { 201: json(Booking, 'Booked'), 409: errorResponses[409], ...std },
    }),
    async (c) => c.json(presentBooking(await c.var.services.bookings.create(await member(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      security,
      summary: 'Reschedule an open booking (it then needs confirming again)',
      description: '`startsAt` is required, so an empty body is a 400 VALIDATION naming it.',
      request: { params: IdParam, body: jsonBody(RescheduleBookingInput) },
      responses: { 200: json(Booking, 'Moved'), 409: errorResponses[409], ...std },
    }),
    async (c) =>
      c.json(presentBooking(await c.var.services.bookings.reschedule(await member(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/complete',
      tags,
      security,
      summary: 'Complete a booking: one session is deducted, once, however often this is called',
      request: { params: IdParam },
      responses: { 200: json(z.object({ booking: Booking, deduction: Deduction }), 'Completed'), 409: errorResponses[409], ...std },
    }),
    async (c) => {
      const r = await c.var.services.bookings.complete(await member(c), c.req.valid('param').id);
      return c.json({ booking: presentBooking(r.booking), deduction: r.deduction }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/cancel',
      tags,
      security,
      summary: 'Cancel a booking; a completed one gives its session back once',
      request: { params: IdParam },
      responses: { 200: json(z.object({ booking: Booking, released: z.boolean() }), 'Cancelled'), ...std },
    }),
    async (c) => {
      const r = await c.var.services.bookings.cancel(await member(c), c.req.valid('param').id);
      return c.json({ booking: presentBooking(r.booking), released: r.released }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/no-show',
      tags,
      security,
      summary: 'Mark an open booking as a no-show (no session is used)',
      request: { params: IdParam },
      responses: { 200: json(Booking, 'Marked'), 409: errorResponses[409], ...std },
    }),
    async (c) => c.json(presentBooking(await c.var.services.bookings.noShow(await member(c), c.req.valid('param').id)), 200),
  );
