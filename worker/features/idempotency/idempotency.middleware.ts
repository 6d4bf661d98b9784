// `Idempotency-Key` on a state-changing route (ADR 080, after the IETF draft): the first request with a key acts
// and its answer is kept; the same request again gets that answer back (`Idempotent-Replayed: true`) without
// acting; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED; while the first is still running,
// 409 IDEMPOTENCY_KEY_IN_USE. Without the header the route runs as always. Put it after the route's guard.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../context';
import { requireUser } from '../../http/guards';
import { AppError, ErrorCode, ErrorReason } from '../../lib/errors';
import { createIdempotencyRepo } from './idempotency.repo';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** A pending claim older than this is the leftover of a request that died mid-way: the same request may take it over. */
export const STALE_CLAIM_MS = 60_000;
const KEY = /^[\x21-\x7e]{8,200}$/;

/** Answers worth keeping: a 5xx, a timeout or a rate limit may go another way next time, so they free the key. */
const keeps = (status: number) => status < 500 && status !== 429 && status !== 408;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function idempotent(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next();
    if (!KEY.test(key)) throw new AppError(ErrorCode.VALIDATION, `${IDEMPOTENCY_HEADER}: 8 to 200 visible ASCII characters.`);
    const { user } = await requireUser(c.var.auth);
    const route = `${c.req.method} ${c.req.routePath}`;
    // Hono keeps the text, so the route's validator still reads the body afterwards.
    const requestHash = await sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const services = c.var.services;
    const repo = createIdempotencyRepo(services.db);
    const claimed = await repo.claim(
      { userId: user.id, key, route, requestHash },
      new Date(services.clock.now().getTime() - STALE_CLAIM_MS),
    );
    if (!claimed) {
      const row = await repo.find(user.id, key);
      if (row && row.requestHash !== requestHash)
        throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request.');
      if (!row || row.responseStatus === null || row.responseBody === null)
        throw new AppError(
          ErrorCode.CONFLICT,
          'The first request with this Idempotency-Key is still being answered; send it again shortly.',
          {
            reason: ErrorReason.IDEMPOTENCY_KEY_IN_USE,
          },
        );
      return new Response(row.responseBody, {
        status: row.responseStatus,
        headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotent-replayed': 'true' },
      });
    }
    try {
      await next();
    } catch (e) {
      await repo.release(user.id, key);
      throw e;
    }
    // Hono's compose has already turned a thrown error into the error handler's answer here.
    const status = c.res.status;
    if (!keeps(status)) {
      await repo.release(user.id, key);
      return;
    }
    const body = await c.res.clone().text();
    await repo.complete(user.id, key, status, body, services.clock.now());
  };
}
