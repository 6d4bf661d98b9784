// /api/v1/garmin-training: the athlete's consent to send planned workouts to Garmin, and "Send to Garmin" on one
// of their workouts with its state (ADR 057). Thin: the rules are in garmin-training.service.ts.
import { highRisk, signedIn } from '../../http/access';
import { requireUser } from '../../http/guards';
import { errorResponses, IdParam, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { GarminConsent, GarminConsentInput, GarminSendInput, GarminWorkoutState } from './garmin-training.schema';

const tags = ['Connections'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404], 409: errorResponses[409] };

export const garminTrainingRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/consent',
      tags,
      security,
      summary: 'Whether your planned workouts may be sent to Garmin Connect',
      responses: { 200: json(GarminConsent, 'Consent'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.garminTraining.consent(user.id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change what is sent to an athlete’s Garmin'),
      effect: 'write',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/consent',
      tags,
      security,
      summary: 'Turn “Send planned workouts to Garmin” on (needs the Garmin connection with workout import) or off',
      request: { body: jsonBody(GarminConsentInput) },
      responses: { 200: json(GarminConsent, 'Consent'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.garminTraining.setConsent(user.id, c.req.valid('json').enabled), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/workouts/{id}',
      tags,
      security,
      summary: 'One of your workouts on Garmin: state, last sent, error, and what Garmin cannot represent',
      request: { params: IdParam },
      responses: { 200: json(GarminWorkoutState, 'State'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.garminTraining.state(user.id, c.req.valid('param').id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('send a workout to an athlete’s Garmin'),
      effect: 'write',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/workouts/{id}/send',
      tags,
      security,
      summary: 'Send one of your workouts to Garmin Connect, scheduled on its day; it then follows your plan’s changes',
      description:
        'Queued: the state says when it arrived. Part of it without a Garmin equivalent: 409 GARMIN_UNREPRESENTABLE listing it, unless acknowledged.',
      request: { params: IdParam, body: jsonBody(GarminSendInput) },
      responses: { 202: json(GarminWorkoutState, 'Queued'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const body = c.req.valid('json');
      return c.json(await c.var.services.garminTraining.send(user.id, c.req.valid('param').id, body.acknowledged === true), 202);
    },
  );
