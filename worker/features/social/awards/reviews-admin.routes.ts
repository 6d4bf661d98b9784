// /api/v1/admin/moderation/leaderboard-reviews: the console's side of leaderboard reviews (the `moderation`
// permission, high risk like every moderation act). Thin: the service decides and audits (ADR 084).
import { highRisk, withPermission } from '../../../http/access';
import { actorOf, requirePermission } from '../../../http/guards';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { AdminReviews, ReviewDecideInput, ReviewDecision, ReviewIdParam } from './awards.schema';

const tags = ['Admin: moderation'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

export const reviewsAdminRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('moderation'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/leaderboard-reviews',
      tags,
      security,
      summary: 'Leaderboard review requests: open first (oldest first), each with the activity and why it was left out (moderation)',
      responses: { 200: json(AdminReviews, 'The queue'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'moderation');
      return c.json(await c.var.services.reviewsAdmin.queue(), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('moderation'),
      risk: highRisk('moderate'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/leaderboard-reviews/{id}/decide',
      tags,
      security,
      summary:
        'Decide a leaderboard review once, with a reason: accepted, the activity counts from the next evaluation on; declined, the athlete reads the reason (moderation)',
      request: { params: ReviewIdParam, body: jsonBody(ReviewDecideInput) },
      responses: { 200: json(ReviewDecision, 'Decided'), ...std, 409: errorResponses[409] },
    }),
    async (c) => {
      const viewer = await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'moderation');
      return c.json(await c.var.services.reviewsAdmin.decide(actorOf(viewer), c.req.valid('param').id, c.req.valid('json')), 200);
    },
  );
