// The key's half of authentication (ADR 105): on /api/v1 a `Bearer` secret replaces the session cookie. The key is
// checked at once (401 revoked, expired, blocked or deleted; 429 over its window; 403 when the tier lapsed), before
// any route runs; the route's guard then checks the scope it declares. Every answer to a key carries RateLimit-*.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../context';
import { AppError, ErrorCode } from '../../lib/errors';
import { looksLikeKey, rateHeaders } from './api-keys.calc';

/** Mounted on /api/* (only /api/v1 takes a key): the rate-limit headers on the way out (also on a refusal), then the key itself. */
export const apiKeyAuth = [
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const rate = c.var.auth.keyRate;
    if (rate) for (const [name, value] of Object.entries(rateHeaders(rate, new Date()))) c.res.headers.set(name, value);
  }),
  createMiddleware<AppEnv>(async (c, next) => {
    const { auth } = c.var;
    if (!auth.bearer) return next();
    if (!looksLikeKey(auth.bearer))
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'This is not a Cadence API key (they start with cdn_live_).');
    auth.key = await c.var.services.apiKeys.authenticate(auth.bearer, (r) => {
      auth.keyRate = r;
    });
    await next();
  }),
] as const;
