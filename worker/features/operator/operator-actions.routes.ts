import { highRisk, withPermission, type Risk } from '../../http/access';
import { actorOf, requirePermission } from '../../http/guards';
import { errorResponses, json, jsonBody, UserIdParam } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import {
  OPERATOR_ACTIONS,
  OPERATOR_ACTION_NAMES,
  OperatorActionInputs,
  OperatorActionOutcome,
  type OperatorAction,
} from './operator-actions.schema';

// One route per action (POST /api/v1/admin/users/{userId}/actions/<action>), each gated by its own
// permission, so the permission matrix finds one row per route. Thin: the service decides and audits.
const std = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
};

const SUMMARIES: Record<(typeof OPERATOR_ACTION_NAMES)[number], string> = {
  comp: 'Comp a Pro or Elite tier for a number of days',
  'revoke-comp': 'Revoke a comp',
  'grant-trial': 'Grant a no-card Pro trial (ends to Free)',
  'revoke-trial': 'End a trial now',
  'resync-billing': 'Re-read the athlete’s subscriptions from Stripe',
  'reset-onboarding': 'Forget the onboarding answers (asked again)',
  'retry-ingestion': 'Queue the athlete’s failed and stuck ingestion jobs again',
  'retry-job': 'Queue one failed or stuck ingestion job again',
  'retry-import': 'Process a failed import again from its stored file',
  'rerun-analytics': 'Rebuild the athlete’s analytics now',
  'clear-coach-thread': 'Delete the athlete’s AI coach conversations (cost records kept)',
  'disconnect-provider': 'Disconnect Strava (deauthorize, delete tokens and Strava activities)',
};

// Actions that move money or end a connection carry the high-risk mark (ADR 029), like the user's own routes
// for the same acts; the console refuses every impersonation anyway.
const RISK: Record<OperatorAction, Risk> = {
  comp: highRisk('comp a tier'),
  'revoke-comp': highRisk('revoke a comp'),
  'grant-trial': highRisk('grant a trial'),
  'revoke-trial': highRisk('end a trial'),
  'resync-billing': highRisk('re-sync billing'),
  'reset-onboarding': 'normal',
  'retry-ingestion': 'normal',
  'retry-job': 'normal',
  'retry-import': 'normal',
  'rerun-analytics': 'normal',
  'clear-coach-thread': 'normal',
  'disconnect-provider': highRisk('disconnect a provider'),
};

let router = createRouter();
for (const action of OPERATOR_ACTION_NAMES) {
  const permission = OPERATOR_ACTIONS[action];
  router = router.openapi(
    createRoute({
      access: withPermission(permission),
      risk: RISK[action],
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: `/users/{userId}/actions/${action}`,
      tags: ['Admin: operator actions'],
      security: [{ session: [] }],
      summary: `${SUMMARIES[action]} (${permission}, audited)`,
      request: { params: UserIdParam, body: jsonBody(OperatorActionInputs[action]) },
      responses: { 200: json(OperatorActionOutcome, 'Done (changed: false when there was nothing to do)'), ...std },
    }),
    async (c) => {
      const viewer = await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, permission);
      const { userId } = c.req.valid('param');
      return c.json(await c.var.services.operatorActions.perform(actorOf(viewer), userId, action, c.req.valid('json')), 200);
    },
  ) as typeof router;
}

export const operatorActionsRoutes = router;
