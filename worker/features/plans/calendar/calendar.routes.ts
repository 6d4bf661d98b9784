// GET /api/v1/calendar: the signed-in athlete's training calendar, with or without a plan.
import type { z } from '@hono/zod-openapi';
import { signedIn } from '../../../http/access';
import { json } from '../../../http/openapi-shared';
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
