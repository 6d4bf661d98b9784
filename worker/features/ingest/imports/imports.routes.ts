import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { errorResponses, json } from '../../../http/openapi-shared';
import { AppError, ErrorCode } from '../../../lib/errors';
import { actorOf, requireUser } from '../../../http/guards';
import { ImportFilename, ImportIdParam, ImportJob, UploadQuery } from './imports.schema';
import { IMPORT_UPLOAD_CAPS } from './imports.service';
import { readUpload } from '../../../lib/upload-reader';

const tags = ['Imports'];
const security = [{ session: [] }];

export const importsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Upload a Garmin export zip, a FIT/GPX/TCX file or a zip of them; answers with the job at once',
      description:
        'Either multipart/form-data with a `file` field (up to 25 MiB), or the raw file as the body (`application/octet-stream`, with `?filename=`; streamed to storage, up to 200 MiB).',
      request: { query: UploadQuery },
      responses: { 202: json(ImportJob, 'Queued'), 400: errorResponses[400], 401: errorResponses[401], 413: { description: 'Too large' } },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const { filename } = c.req.valid('query');
      const upload = await readUpload(c.req.raw, IMPORT_UPLOAD_CAPS, filename ?? null);
      if (!upload.name)
        throw new AppError(ErrorCode.VALIDATION, 'Name the file with ?filename= for a raw upload.', {
          fields: [{ path: 'filename', message: 'Required' }],
        });
      const name = ImportFilename.safeParse(upload.name);
      if (!name.success) {
        const message = `File name: ${name.error.issues[0]?.message ?? 'not valid'}`;
        throw new AppError(ErrorCode.VALIDATION, message, { fields: [{ path: 'file', message }] });
      }
      const file = { ...upload, name: name.data };
      return c.json(await c.var.services.imports.accept(actorOf(viewer), file), 202);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your recent imports',
      responses: { 200: json(z.object({ imports: z.array(ImportJob) }), 'Imports'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json({ imports: await c.var.services.imports.list(user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'get',
      path: '/{id}',
      tags,
      security,
      summary: 'One import job with its counts and skipped entries',
      request: { params: ImportIdParam },
      responses: { 200: json(ImportJob, 'Import'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.imports.get(user.id, c.req.valid('param').id), 200);
    },
  );
