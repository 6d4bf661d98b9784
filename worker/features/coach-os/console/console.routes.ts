import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { createRouter } from '../../../http/router';
import { errorResponses, json } from '../../../http/openapi-shared';
import { AppError, ErrorCode } from '../../../lib/errors';
import { actorOf, requireUser } from '../../auth/guards';
import { Booking, IdParam } from '../coach-os.schema';
import type { Member } from '../coach-os.service';
import type { ConsoleBookingRow } from './console.repo';

const tags = ['Coach'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

/** The signed-in coach's org (as in coach-os.routes.ts): another org's client is simply not found. */
async function member(c: Context<AppEnv>): Promise<Member> {
  const viewer = await requireUser(c.var.auth);
  const m = await c.var.services.coach.membership(actorOf(viewer));
  if (!m) throw new AppError(ErrorCode.NOT_FOUND, 'You are not part of a coaching organisation yet.');
  return m;
}

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
