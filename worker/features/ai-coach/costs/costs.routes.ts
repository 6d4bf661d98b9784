// Operators: the AI coach's model costs per athlete and month, against revenue (billing.manage).
import { z } from '@hono/zod-openapi';
import { requirePermission } from '../../../http/guards';
import { errorResponses, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { withPermission } from '../../../http/access';
import { CostsQuery } from './costs.schema';

const Tokens = {
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  costNanoUsd: z.number().int(),
  costUsd: z.number(),
};
const Costs = z
  .object({
    month: z.string(),
    athletes: z.array(z.object({ userId: z.string(), displayName: z.string(), ...Tokens })),
    total: z.object(Tokens),
    revenue: z.object({ mrrCents: z.number().int(), basis: z.literal('current_mrr') }),
    costToRevenue: z.number().nullable(),
  })
  .openapi('CoachCosts');

export const coachCostsAdminRoutes = createRouter().openapi(
  createRoute({
    access: withPermission('billing.manage'),
    risk: 'normal',
    dataUse: 'none',
    scope: 'none',
    method: 'get',
    path: '/ai-coach/costs',
    tags: ['Admin: AI coach'],
    security: [{ session: [] }],
    summary: 'Model cost per athlete for a UTC month, totals, and cost ÷ revenue (MRR)',
    request: { query: CostsQuery },
    responses: {
      200: json(Costs, 'Costs'),
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
    },
  }),
  async (c) => {
    await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'billing.manage');
    return c.json(await c.var.services.coachCosts.month(c.req.valid('query').month), 200);
  },
);
