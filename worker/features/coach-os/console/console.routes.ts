import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../../http/router';
import { json } from '../../../http/openapi-shared';
import { IdParam } from '../coach-os.schema';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { Booking, presentBooking } from '../bookings';

const tags = ['Coach'];
const security = coachSecurity;
const std = coachErrors;

export const ClientBookings = z.object({ upcoming: z.array(Booking), past: z.array(Booking) }).openapi('ClientBookings');

export const consoleRoutes = createRouter().openapi(
  createRoute({
    access: orgMember,
    risk: 'normal',
    dataUse: 'none',
    scope: 'coach:read',
    method: 'get',
    path: '/clients/{id}/bookings',
    tags,
    security,
    summary: 'A client’s next bookings (soonest first) and latest past ones (latest first), 20 of each',
    request: { params: IdParam },
    responses: { 200: json(ClientBookings, 'Bookings'), ...std },
  }),
  async (c) => {
    const r = await c.var.services.console.clientBookings(await member(c), c.req.valid('param').id);
    return c.json({ upcoming: r.upcoming.map((b) => presentBooking(b)), past: r.past.map((b) => presentBooking(b)) }, 200);
  },
);
