import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { AppError, ErrorCode } from '../lib/errors';

// What a user holding an operator's temporary password may still call: signing in and out and the
// password routes (all under /auth), and what needs no session at all.
const OPEN_PREFIXES = [
  '/api/v1/auth/',
  '/api/v1/calendar-feed/',
  '/api/v1/notifications/unsubscribe',
  '/api/health',
  '/api/openapi.json',
  '/api/docs',
];

/**
 * Every other API route answers 403 PASSWORD_CHANGE_REQUIRED until the temporary password is replaced
 * (POST /api/v1/auth/password/required). Only requests carrying a session cookie pay the lookup.
 */
export const passwordChangeGate = createMiddleware<AppEnv>(async (c, next) => {
  // A key acts as its owner: while an operator's temporary password stands, the owner's keys wait too.
  if ((c.var.auth.token || c.var.auth.key) && !OPEN_PREFIXES.some((p) => c.req.path.startsWith(p))) {
    const viewer = await c.var.auth.viewer();
    if (viewer?.user.mustChangePassword) {
      throw new AppError(ErrorCode.PASSWORD_CHANGE_REQUIRED, 'Set a new password to continue: your temporary password must be replaced.');
    }
  }
  await next();
});
