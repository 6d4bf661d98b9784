import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { AppError, ErrorCode } from '../lib/errors';

/** Every feature router shares one validation hook, so a bad field always answers the same shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const fields = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        const first = fields[0];
        throw new AppError(ErrorCode.VALIDATION, first ? `${first.path || 'request'}: ${first.message}` : 'The request is not valid.', {
          fields,
        });
      }
    },
  });
}

/** The error shape, for OpenAPI responses. */
export { ErrorResponse, errorResponses } from './openapi-shared';
