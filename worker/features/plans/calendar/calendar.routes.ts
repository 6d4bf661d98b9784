// GET /api/v1/calendar: the signed-in athlete's training calendar, with or without a plan.
import type { z } from '@hono/zod-openapi';
import { signedIn } from '../../../http/access';
import { json } from '../../../http/openapi-shared';
import type { RouteRider } from '../../../http/session-riders.middleware';
import { createRoute, createRouter } from '../../../http/router';
import { security, std, who } from '../plans.http';
import { presentCalendar } from './calendar.present';
import { CalendarRangeQuery, TrainingCalendarView } from './calendar.schema';

/** Mounted at /api/v1/calendar. */
export const trainingCalendarRoutes = createRouter().openapi(
  createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'analytics',
    scope: 'plan:read',
    method: 'get',
    path: '/',
    tags: ['Training calendar'],
    security,
    summary:
      'Your done activities and planned workouts from one local day to another (at most 42 days): completions as one item with their compliance, unplanned activities, skipped and missed workouts, and each week’s planned vs done and form',
    request: { query: CalendarRangeQuery },
    responses: { 200: json(TrainingCalendarView, 'Calendar'), ...std },
  }),
  async (c) => {
    const { athlete } = await who(c);
    const q = c.req.valid('query');
    const view: z.infer<typeof TrainingCalendarView> = presentCalendar(await c.var.services.trainingCalendar.read(athlete, q.from, q.to));
    return c.json(view, 200);
  },
);

/**
 * A well-formed read has its rows fetched by the session lookup's own statement (ADR 093); anything else changes
 * nothing here, and the route answers it as ever, after its guard.
 */
export const trainingCalendarRider: RouteRider = {
  method: 'GET',
  path: '/api/v1/calendar',
  ride(c) {
    const q = CalendarRangeQuery.safeParse(c.req.query());
    if (q.success) c.var.services.rideWithSession(c.var.services.trainingCalendar.rider(q.data.from, q.data.to));
  },
};
