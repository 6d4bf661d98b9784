import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../../http/router';
import { json } from '../../../http/openapi-shared';
import { Booking, IdParam } from '../coach-os.schema';
import type { ConsoleBookingRow } from './console.repo';
import { coachErrors, coachSecurity, member } from '../coach-os.http';

const tags = ['Coach'];
const security = coachSecurity;
const std = coachErrors;

const present = (b: ConsoleBookingRow) => ({
  id: b.id,
  clientId: b.clientId,
  coachId: b.coachId,
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
  location: b.location,
  notes: b.notes,
  status: b.status,
  confirmedAt: b.confirmedAt?.toISOString() ?? null,
  completedAt: b.completedAt?.toISOString() ?? null,
});

export const ClientBookings = z.object({ upcoming: z.array(Booking), past: z.array(Booking) }).openapi('ClientBookings');

export const consoleRoutes = createRouter().openapi(
  createRoute({
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
    return c.json({ upcoming: r.upcoming.map(present), past: r.past.map(present) }, 200);
  },
);
