// GET /api/v1/activities/tombstones and POST …/tombstones/bring-back: the deleted activities kept out of later syncs
// (ADR 068). Mounted before the activities router, whose /{id} would otherwise take the path.
import { signedIn } from '../../http/access';
import { actorOf, requireUser } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { BringBackResult, TombstoneKeyInput, TombstoneList } from './tombstones.schema';

const tags = ['Activities'];
const security = [{ session: [] }];

export const tombstoneRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'get',
      path: '/tombstones',
      tags,
      security,
      summary: 'Activities you deleted that Strava or a live door will not bring back (the provider and its id only)',
      responses: { 200: json(TombstoneList, 'Deleted activities kept out'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json({ tombstones: await c.var.services.activities.tombstones.list(user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      effect: 'write',
      method: 'post',
      path: '/tombstones/bring-back',
      tags,
      security,
      summary: 'Let the provider deliver a deleted activity again: its next sync or backfill stores it',
      request: { body: jsonBody(TombstoneKeyInput) },
      responses: {
        200: json(BringBackResult, 'Brought back'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const { source, externalId } = c.req.valid('json');
      return c.json(await c.var.services.activities.tombstones.bringBack(actorOf(viewer), { source, externalId }), 200);
    },
  );
