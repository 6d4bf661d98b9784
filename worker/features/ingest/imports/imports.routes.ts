import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { errorResponses, json } from '../../../http/openapi-shared';
import { AppError, ErrorCode } from '../../../lib/errors';
import { actorOf, requireUser } from '../../../http/guards';
import { ImportFilename, ImportIdParam, ImportJob, UploadQuery } from './imports.schema';
import { MULTIPART_MAX_BYTES } from './imports.service';

const tags = ['Imports'];
const security = [{ session: [] }];

export const importsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
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
      const type = c.req.header('content-type') ?? '';
      const length = Number(c.req.header('content-length') ?? NaN);
      let file: { name: string; size: number; body: ReadableStream<Uint8Array> | Blob };
      if (type.startsWith('multipart/form-data')) {
        if (!(length <= MULTIPART_MAX_BYTES))
          throw new AppError(
            ErrorCode.PAYLOAD_TOO_LARGE,
            'Form uploads are limited to 25 MiB; larger files upload as the raw request body.',
          );
        const form = await c.req.formData().catch(() => null);
        const part = form?.get('file');
        if (!part || typeof part === 'string')
          throw new AppError(ErrorCode.VALIDATION, 'Attach the file in a "file" field.', {
            fields: [{ path: 'file', message: 'Choose a file' }],
          });
        const name = ImportFilename.safeParse(part.name);
        if (!name.success) {
          const message = `File name: ${name.error.issues[0]?.message ?? 'not valid'}`;
          throw new AppError(ErrorCode.VALIDATION, message, { fields: [{ path: 'file', message }] });
        }
        file = { name: name.data, size: part.size, body: part };
      } else {
        const { filename } = c.req.valid('query');
        if (!filename)
          throw new AppError(ErrorCode.VALIDATION, 'Name the file with ?filename= for a raw upload.', {
            fields: [{ path: 'filename', message: 'Required' }],
          });
        if (!Number.isFinite(length) || !c.req.raw.body)
          throw new AppError(ErrorCode.VALIDATION, 'A raw upload needs a Content-Length header and a body.');
        file = { name: filename, size: length, body: c.req.raw.body };
      }
      return c.json(await c.var.services.imports.accept(actorOf(viewer), file), 202);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
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
