import { z } from '@hono/zod-openapi';
import { highRisk, signedIn } from '../../../http/access';
import { actorOf, requireUser } from '../../../http/guards';
import { errorResponses, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { readUpload } from '../../../lib/upload-reader';
import { REIMPORT_UPLOAD_CAPS } from './reimport.service';

const tags = ['Privacy'];
const security = [{ session: [] }];

const Report = z.object({
  archive: z.object({ accountId: z.uuid(), createdAt: z.string(), files: z.int() }),
  settings: z.boolean(),
  preferences: z.boolean(),
  thresholds: z.int(),
  uploads: z.object({ restored: z.int(), alreadyThere: z.int() }),
  activities: z.object({ inArchive: z.int(), fromFiles: z.int(), fromRows: z.int(), alreadyThere: z.int() }),
  notes: z.int(),
  plans: z.object({ restored: z.int(), workouts: z.int(), changes: z.int(), pausedBecauseActive: z.boolean() }),
});

export const ReimportView = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    requestedAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    report: Report.nullable(),
    notRestored: z.array(z.object({ area: z.string(), why: z.string() })),
    error: z.string().nullable(),
  })
  .openapi('ArchiveReimport');

// Restoring an archive rewrites the account's settings and history: the athlete's own act, refused to an
// impersonation like the export itself (ADR 029).
export const reimportRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('import a data archive into this account'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Import a Cadence archive (from “Download my data”); every file is checked against its manifest first',
      description:
        'The raw zip as the body (`application/zip` or `application/octet-stream`, up to 2 GiB), or multipart/form-data with a `file` field (up to 25 MiB). A file that differs from the manifest is a 400 naming it.',
      responses: {
        202: json(ReimportView, 'Verified and queued'),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        409: errorResponses[409],
        413: { description: 'Too large' },
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const file = await readUpload(c.req.raw, REIMPORT_UPLOAD_CAPS);
      return c.json(await c.var.services.privacyReimport.accept(actorOf(viewer), file), 202);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('see data archive imports'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your archive imports with their reports',
      responses: { 200: json(z.object({ reimports: z.array(ReimportView) }), 'Archive imports'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json({ reimports: await c.var.services.privacyReimport.list(user.id) }, 200);
    },
  );
