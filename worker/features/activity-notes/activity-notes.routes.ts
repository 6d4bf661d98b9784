// GET and PATCH /api/v1/activities/{id}/notes: the athlete's own note and RPE on their activity.
import { createRoute, createRouter } from '../../http/router';
import { highRisk, signedIn } from '../../http/access';
import { errorResponses, IdParam, json, jsonBody } from '../../http/openapi-shared';
import { requireUser } from '../../http/guards';
import { ActivityNotes, ActivityNotesPatch } from './activity-notes.schema';

const tags = ['Activities'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] };

export const activityNotesRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/{id}/notes',
      tags,
      security,
      summary: 'Your note and RPE on one of your activities (nulls when none)',
      request: { params: IdParam },
      responses: { 200: json(ActivityNotes, 'Note and feel'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.activityNotes.get(user.id, c.req.valid('param').id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('write an athlete’s training notes'),
      dataUse: 'owner',
      scope: 'none',
      method: 'patch',
      path: '/{id}/notes',
      tags,
      security,
      summary: 'Write your note and RPE (1–10) on one of your activities; send the fields that change, null clears one',
      request: { params: IdParam, body: jsonBody(ActivityNotesPatch) },
      responses: { 200: json(ActivityNotes, 'Saved'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.activityNotes.update(user.id, c.req.valid('param').id, c.req.valid('json')), 200);
    },
  );
