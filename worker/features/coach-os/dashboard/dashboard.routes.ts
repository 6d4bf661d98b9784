import { createRoute, createRouter } from '../../../http/router';
import { json } from '../../../http/openapi-shared';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { CoachDashboard } from './dashboard.schema';

/** Mounted at /api/v1/coach: the dashboard of the org's linked athletes. */
export const dashboardRoutes = createRouter().openapi(
  createRoute({
    access: orgMember,
    risk: 'normal',
    dataUse: 'coach',
    scope: 'coach:read',
    method: 'get',
    path: '/dashboard',
    tags: ['Coach'],
    security: coachSecurity,
    summary:
      'Every client who shares their training (and those asked), with this week’s planned vs done, missed and moved workouts, form, ramp and last activity, sorted by who needs attention',
    responses: { 200: json(CoachDashboard, 'Dashboard'), ...coachErrors },
  }),
  async (c) => c.json(await c.var.services.coachDashboard.forMember(await member(c)), 200),
);
