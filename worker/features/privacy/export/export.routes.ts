import { z } from '@hono/zod-openapi';
import { highRisk, signedIn } from '../../../http/access';
import { actorOf, requireUser } from '../../../http/guards';
import { errorResponses, IdParam, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { ErrorResponse } from '../../../http/openapi-shared';

const tags = ['Privacy'];
const security = [{ session: [] }];

export const ExportView = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'running', 'ready', 'expired', 'failed']),
    requestedAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    /** The download works until then (72 hours after it was ready). */
    expiresAt: z.iso.datetime().nullable(),
    progress: z.object({ steps: z.int(), step: z.int(), files: z.int(), bytes: z.number() }),
    result: z.object({ bytes: z.number(), files: z.int() }).nullable(),
    error: z.string().nullable(),
  })
  .openapi('DataExport');

// Requesting and downloading the archive are the athlete's own acts (ADR 029): an operator acting as them
// gets 403 IMPERSONATION_BLOCKED, and the list is theirs alone.
export const exportRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('export this account’s data'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Request an archive of all your data (one at a time: an open request is answered again)',
      responses: {
        200: json(ExportView, 'An export already under way'),
        202: json(ExportView, 'Queued'),
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const out = await c.var.services.privacyExport.request(actorOf(viewer));
      return out.created ? c.json(out.export, 202) : c.json(out.export, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('see this account’s data exports'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your data exports, newest first, with their state and expiry',
      responses: { 200: json(z.object({ exports: z.array(ExportView) }), 'Exports'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json({ exports: await c.var.services.privacyExport.list(user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('download this account’s data'),
      dataUse: 'owner',
      scope: 'none',
      method: 'get',
      path: '/{id}/download',
      tags,
      security,
      summary: 'The archive (a zip), for its owner only, until it expires',
      request: { params: IdParam },
      responses: {
        200: { description: 'The archive', content: { 'application/zip': { schema: z.string() } } },
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: errorResponses[409],
        410: { description: 'Expired', content: { 'application/json': { schema: ErrorResponse } } },
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const file = await c.var.services.privacyExport.download(actorOf(viewer), c.req.valid('param').id);
      return c.body(file.body, 200, {
        'Content-Type': 'application/zip',
        'Content-Length': String(file.size),
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'private, no-store',
      });
    },
  );
