// /api/v1/social: reports and appeals (the athlete's side of moderation). Thin: the service decides.
import { highRisk, signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, IdParam, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { AppealInput, Notice, Notices, ReportInput, ReportReceipt } from './moderation.schema';

const tags = ['Social: moderation'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

export const moderationRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      // A report is the athlete's own word about someone else: never made in their name by an impersonator.
      risk: highRisk('report someone'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/reports',
      tags,
      security,
      summary:
        'Report a post, comment or profile you can see, with a reason (and a note ≤ 500): one report per target, 10 an hour (429 with Retry-After)',
      request: { body: jsonBody(ReportInput) },
      responses: {
        201: json(ReportReceipt, 'Reported'),
        200: json(ReportReceipt, 'You reported this before; that report stands'),
        ...std,
        429: errorResponses[429],
      },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const r = await c.var.services.moderation.report(user.id, c.req.valid('json'));
      return r.already ? c.json(r, 200) : c.json(r, 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/moderation/notices',
      tags,
      security,
      summary: 'What moderators did to your posts, comments and profile, newest first, each with its reason and your appeal',
      responses: { 200: json(Notices, 'Notices'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json({ notices: await c.var.services.moderation.notices(user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('appeal a moderation action'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/moderation/actions/{id}/appeal',
      tags,
      security,
      summary: 'Appeal a hide, warning or suspension of yours, once (409 a second time); a moderator decides',
      request: { params: IdParam, body: jsonBody(AppealInput) },
      responses: { 200: json(Notice, 'The notice with your appeal'), ...std, 409: errorResponses[409] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.moderation.appeal(user.id, c.req.valid('param').id, c.req.valid('json').text), 200);
    },
  );
