import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../context';
import { AppError, ErrorCode, appErrorWithin, errorBody } from '../lib/errors';

/** The one error handler: AppError (or one wrapped by drizzle or the driver) → its status; framework 4xx → BAD_REQUEST; anything else → logged 500, no details. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  let appError: AppError;
  const within = appErrorWithin(err);
  if (within) appError = within;
  else if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST;
    appError = new AppError(code, err.message || 'The request could not be read.');
  } else {
    // Drizzle wraps the database's own error as `cause`; that is the useful part (the logger scrubs it).
    const cause = err.cause instanceof Error ? err.cause.message : null;
    c.get('logger')?.error('unhandled error', { errorName: err.name, errorMessage: (cause ?? err.message).slice(0, 300) });
    appError = new AppError(ErrorCode.INTERNAL, 'Something went wrong on our side. Please try again.');
  }
  const res = c.json(errorBody(appError, requestId), appError.status);
  if (appError.details?.retryAfterSeconds) res.headers.set('Retry-After', String(appError.details.retryAfterSeconds));
  return res;
}
