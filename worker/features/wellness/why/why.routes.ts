// GET /api/v1/wellness/why: "Why this trend?" under the efficiency, fitness and weight charts — which inputs changed
// over the chart's window, from the N=1 engine's own inputs, and the findings that link them to the chart, with receipts.
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { errorResponses, json } from '../../../http/openapi-shared';
import { requireUser } from '../../../http/guards';
import { athleteOf } from '../../analytics';
import { WhyAnswer, WhyQuery } from './why.schema';

export const whyRoutes = createRouter().openapi(
  createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'analytics',
    scope: 'wellness:read',
    method: 'get',
    path: '/why',
    tags: ['Wellness'],
    security: [{ session: [] }],
    summary:
      'Why this trend? For a chart’s window: each input’s change against the same length before (with its interval on effective days), and the engine’s findings linking an input to this chart, with receipts',
    request: { query: WhyQuery },
    responses: { 200: json(WhyAnswer, 'What changed'), 400: errorResponses[400], 401: errorResponses[401] },
  }),
  async (c) => c.json(await c.var.services.wellnessWhy.why(athleteOf((await requireUser(c.var.auth)).user), c.req.valid('query')), 200),
);
