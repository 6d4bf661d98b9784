import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../../http/router';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';
import { Booking, BookingRangeQuery, CreateBookingInput, Deduction, RescheduleBookingInput } from './bookings.schema';
import { presentBooking } from './bookings.present';

const tags = ['Coach'];
const security = coachSecurity;
const std = coachErrors;

/** Mounted at /api/v1/coach/bookings: the calendar's bookings and what happens to them. */
export const bookingRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:read',
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
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
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
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
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
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
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
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
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
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
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
