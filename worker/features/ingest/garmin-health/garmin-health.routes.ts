// /api/v1/connections/garmin/health: the athlete's consent to keep wellness from Garmin's Health API (ADR 071).
// Thin: the rules are in garmin-health.service.ts.
import { highRisk, signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { GarminWellnessConsent, GarminWellnessInput } from './garmin-health.schema';

const tags = ['Connections'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 409: errorResponses[409] };

export const garminWellnessRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/garmin/health',
      tags,
      security,
      summary: 'Whether wellness from Garmin (sleep, HRV, resting HR, stress, weight) is kept, and whether Garmin shares health data',
      responses: { 200: json(GarminWellnessConsent, 'Consent'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.fileDoors.health.consent(user.id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change what Cadence keeps from an athlete’s Garmin'),
      effect: 'write',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/garmin/health',
      tags,
      security,
      summary:
        'Turn wellness from Garmin on (asks Garmin for your last year; needs “Health” shared at Garmin) or off (deletes the Garmin readings kept)',
      request: { body: jsonBody(GarminWellnessInput) },
      responses: { 200: json(GarminWellnessConsent, 'Consent'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.fileDoors.health.setConsent(user.id, c.req.valid('json').enabled), 200);
    },
  );
