import { env } from 'cloudflare:test';
import { DatabaseError, NeonDbError } from '@neondatabase/serverless';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../db/client';
import { parseEnv } from '../env';
import { AppError, ErrorCode, appErrorWithin, isDatabaseUnreachable } from './errors';
import { createLogger } from './logger';

/** A server error as the driver builds it from Postgres's ErrorResponse. */
const serverError = (message: string, code: string) => Object.assign(new DatabaseError(message, 0, 'error'), { code });

/** What drizzle throws around the driver's error. */
const wrapped = (cause: unknown) => new Error('Failed query: select 1', { cause });

const isUnavailable = (err: unknown) => appErrorWithin(err)?.code === ErrorCode.UNAVAILABLE;

describe('the database unreachable or restarting (ADR 086)', () => {
  it('a real admin_shutdown (57P01) from the server, through drizzle, is the 503 with Retry-After', async () => {
    const handle = createDb(parseEnv(env), createLogger('error'));
    // What each connection hears when Postgres stops ("fast" shutdown): terminated by an administrator command.
    const err = await handle.db.execute(sql`select pg_terminate_backend(pg_backend_pid())`).then(
      () => null,
      (e: unknown) => e,
    );
    await handle.close();
    expect(err).not.toBeNull();
    const appError = appErrorWithin(err);
    expect(appError).toBeInstanceOf(AppError);
    expect(appError?.status).toBe(503);
    expect(appError?.details?.retryAfterSeconds).toBe(5);
  });

  it('starting up or shutting down (57P03), connection failure (08006), crash shutdown (57P02) are unavailable', () => {
    for (const [message, code] of [
      ['the database system is starting up', '57P03'],
      ['the database system is shutting down', '57P03'],
      ['connection failure', '08006'],
      ['server closed the connection unexpectedly', '08000'],
      ['terminating connection because of crash of another server process', '57P02'],
    ] as const) {
      expect(isUnavailable(wrapped(serverError(message, code))), code).toBe(true);
    }
  });

  it('a connection terminated or refused under the pooled driver is unavailable', () => {
    expect(isUnavailable(wrapped(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isUnavailable(new Error('Connection terminated'))).toBe(true);
    expect(isUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    // The driver rejects with the WebSocket's own event when the socket dies before Postgres speaks.
    expect(isDatabaseUnreachable(new Event('error'))).toBe(true);
    expect(isDatabaseUnreachable(new CloseEvent('close', { code: 1006 }))).toBe(true);
  });

  it("Neon's HTTP endpoint failing (fetch failed, a 5xx, a 400 carrying 57P03) is unavailable", () => {
    const fetchFailed = Object.assign(new NeonDbError('Error connecting to database: TypeError: fetch failed'), {
      sourceError: new TypeError('fetch failed'),
    });
    expect(isUnavailable(wrapped(fetchFailed))).toBe(true);
    const computeDown = new NeonDbError(`Server error (HTTP status 500): {"message":"Couldn't connect to compute node","code":""}`);
    expect(isUnavailable(wrapped(computeDown))).toBe(true);
    expect(isUnavailable(Object.assign(new NeonDbError('the database system is starting up'), { code: '57P03' }))).toBe(true);
  });

  it('an answer over Neon’s size cap (507) is not: a retry would fail the same way', () => {
    const tooLarge = new NeonDbError('Server error (HTTP status 507): response is too large (max is 67108864 bytes)');
    expect(isUnavailable(wrapped(tooLarge))).toBe(false);
  });

  it("the HTTP driver's deadline passing mid-statement (a TimeoutError under drizzle's Failed query) is unavailable", () => {
    // What the session lookup threw while Postgres was shutting down in the soak: workerd's DOMException.
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const failed = new Error('Failed query: select "sessions"."id" from "sessions" where "sessions"."id" = $1', { cause: timeout });
    expect(appErrorWithin(failed)?.code).toBe(ErrorCode.UNAVAILABLE);
    expect(appErrorWithin(failed)?.details?.retryAfterSeconds).toBe(5);
    const neon = Object.assign(new NeonDbError('Error connecting to database: fetch failed'), { sourceError: timeout });
    expect(isDatabaseUnreachable(neon)).toBe(true);
    // A TimeoutError of anything else (a provider's fetch) is not the database's.
    expect(appErrorWithin(new Error('Stripe did not answer', { cause: timeout }))).toBeNull();
  });

  it('the same, thrown in a Durable Object and received over RPC (its class lost, its fields and cause kept)', () => {
    const remote = <T extends object>(fields: T) => Object.assign(new Error('Failed query: select 1'), { remote: true }, fields);
    expect(
      isUnavailable(remote({ cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) })),
    ).toBe(true);
    expect(isUnavailable(remote({ code: ErrorCode.UNAVAILABLE, status: 503 }))).toBe(true);
    expect(appErrorWithin(remote({ cause: Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }) }))).toBeNull();
  });

  it("the statement's own errors and ours are not: unique violation, missing table, a bug, another AppError", () => {
    expect(appErrorWithin(wrapped(serverError('duplicate key value violates unique constraint', '23505')))).toBeNull();
    expect(appErrorWithin(Object.assign(new NeonDbError('relation "nope" does not exist'), { code: '42P01' }))).toBeNull();
    expect(appErrorWithin(wrapped(serverError('canceling statement due to statement timeout', '57014')))).toBeNull();
    expect(appErrorWithin(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(appErrorWithin(new Error('Cannot use a pool after calling end on the pool'))).toBeNull();
    expect(appErrorWithin(new AppError(ErrorCode.CONFLICT, 'taken'))?.code).toBe(ErrorCode.CONFLICT);
  });
});
