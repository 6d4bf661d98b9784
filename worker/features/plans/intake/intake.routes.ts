// The onboarding answers over HTTP: the athlete's own only (the session's athlete; there is no id to guess).
import { requireUser } from '../../../http/guards';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { athleteOf } from '../../analytics';
import { Intake, IntakeInput } from './intake.schema';

const tags = ['Plans'];
const security = [{ session: [] }];

export const intakeRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your onboarding answers (null until given) and the plan request they suggest',
      responses: { 200: json(Intake, 'Answers'), 401: errorResponses[401] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.intake.get(athleteOf(viewer.user)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/',
      tags,
      security,
      summary: 'Save your onboarding answers (replaces the ones before; every question optional)',
      request: { body: jsonBody(IntakeInput) },
      responses: { 200: json(Intake, 'Saved'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.intake.save(athleteOf(viewer.user), c.req.valid('json')), 200);
    },
  );
