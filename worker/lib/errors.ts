import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error the API can answer with. The HTTP status follows from the code. */
export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CSRF: 'CSRF',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVITE_INVALID: 'INVITE_INVALID',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  TOKEN_INVALID: 'TOKEN_INVALID',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
  UNAVAILABLE: 'UNAVAILABLE',
  NO_SESSIONS_LEFT: 'NO_SESSIONS_LEFT',
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  /** A plan feature the caller's tier does not include; `entitlement` names it and the tier that does. */
  ENTITLEMENT_REQUIRED: 'ENTITLEMENT_REQUIRED',
  /** A monthly allowance is used up; `quota` says which, the limit and when it resets. */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** The AI coach is still answering this athlete's previous question (one answer at a time). */
  COACH_BUSY: 'COACH_BUSY',
  /** A high-risk action (confirming a plan change, …) refused while an operator impersonates the user. */
  IMPERSONATION_BLOCKED: 'IMPERSONATION_BLOCKED',
  /** An operator blocked this account: login, sessions, the API and the calendar feed refuse it. */
  ACCOUNT_BLOCKED: 'ACCOUNT_BLOCKED',
  /** The account holds a one-time temporary password: only "set a new password" is allowed. */
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  /** The demo role reads only; every mutation is refused. */
  DEMO_READ_ONLY: 'DEMO_READ_ONLY',
  /** The resource existed and is gone for good (an export's download past its expiry). */
  GONE: 'GONE',
  /** An `Idempotency-Key` already used for a different request (another body or route); ADR 080. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** The data's source forbids this use by its terms (an activity from the Strava API cannot be shared; ADR 083). */
  PROVIDER_TERMS: 'PROVIDER_TERMS',
  /** A moderation suspension: nothing new is shared (posts, comments, kudos) until it ends (ADR 083). */
  SUSPENDED: 'SUSPENDED',
  /** An API key without the scope the operation declares, or an operation no key may call (`details.scope`; ADR 105). */
  SCOPE_REQUIRED: 'SCOPE_REQUIRED',
  /** The MCP endpoint's transport refusals (ADR 106): a method stateless serving has no use for, an Accept or a body type it cannot answer. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Machine-readable refinements of a code, for callers (our own pages) that react to one particular
 * case. Messages are for people and may be reworded; code that needs to tell cases apart reads these.
 */
export const ErrorReason = {
  /** CONFLICT: the booking overlaps another booking of the same coach. */
  BOOKING_OVERLAP: 'BOOKING_OVERLAP',
  /** NOT_FOUND: no API route answers this path (not a missing resource). */
  UNKNOWN_ROUTE: 'UNKNOWN_ROUTE',
  /** CONFLICT: the plan is paused, completed or cancelled; only an active plan changes. */
  PLAN_NOT_ACTIVE: 'PLAN_NOT_ACTIVE',
  /** CONFLICT: the workout has a completed activity; history is not rewritten. */
  WORKOUT_COMPLETED: 'WORKOUT_COMPLETED',
  /** CONFLICT: a later change touched the same workouts; undo that one first. */
  UNDO_CONFLICT: 'UNDO_CONFLICT',
  /** CONFLICT: the athlete already has an active plan. */
  PLAN_EXISTS: 'PLAN_EXISTS',
  /** FORBIDDEN: the linked athlete has not allowed this coach to change their plan. */
  PLAN_EDIT_NOT_GRANTED: 'PLAN_EDIT_NOT_GRANTED',
  /** CONFLICT: a rebuild was asked for but the history no longer differs from what the plan was made from. */
  REBUILD_NOT_SUGGESTED: 'REBUILD_NOT_SUGGESTED',
  /** FORBIDDEN: an operator switched the feature off (a kill switch in system_flags). */
  FEATURE_OFF: 'FEATURE_OFF',
  /** CONFLICT: Strava allows our app no more connected athletes (our count, or Strava's refusal at the exchange). */
  STRAVA_ATHLETE_LIMIT: 'STRAVA_ATHLETE_LIMIT',
  /** NOT_FOUND (a linked coach) or FORBIDDEN (the athlete): the activity's source keeps it from the coach, so no conversation on it. */
  SOURCE_NOT_SHARED: 'SOURCE_NOT_SHARED',
  /** CONFLICT: a comment's words can be changed only for a short while after posting (ADR 056). */
  EDIT_WINDOW_CLOSED: 'EDIT_WINDOW_CLOSED',
  /** CONFLICT: sending to Garmin needs the athlete's "Send planned workouts to Garmin" (and the Garmin connection with workout import). */
  GARMIN_WORKOUTS_OFF: 'GARMIN_WORKOUTS_OFF',
  /** CONFLICT: sending a course needs the Garmin connection with Garmin's Courses permission (ADR 101). */
  GARMIN_COURSES_OFF: 'GARMIN_COURSES_OFF',
  /** CONFLICT: part of the workout has no Garmin equivalent; the athlete has not yet said to send it anyway. */
  GARMIN_UNREPRESENTABLE: 'GARMIN_UNREPRESENTABLE',
  /** CONFLICT: a coach's change (an add, a template) to a client who has no active plan to hold it. */
  NO_ACTIVE_PLAN: 'NO_ACTIVE_PLAN',
  /** CONFLICT: the workout is skipped; it is restored before it can be marked done. */
  WORKOUT_SKIPPED: 'WORKOUT_SKIPPED',
  /** CONFLICT: the first request with this `Idempotency-Key` is still being answered; send it again shortly. */
  IDEMPOTENCY_KEY_IN_USE: 'IDEMPOTENCY_KEY_IN_USE',
  /** CONFLICT: an adaptive plan change was already confirmed, dismissed, approved or refused (issue 58). */
  PROPOSAL_DECIDED: 'PROPOSAL_DECIDED',
} as const;
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason];

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVITE_INVALID: 400,
  EMAIL_TAKEN: 409,
  WEAK_PASSWORD: 400,
  INVALID_CREDENTIALS: 401,
  TOKEN_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  NO_SESSIONS_LEFT: 409,
  SIGNATURE_INVALID: 400,
  ENTITLEMENT_REQUIRED: 403,
  QUOTA_EXCEEDED: 429,
  COACH_BUSY: 409,
  IMPERSONATION_BLOCKED: 403,
  ACCOUNT_BLOCKED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  DEMO_READ_ONLY: 403,
  GONE: 410,
  IDEMPOTENCY_KEY_REUSED: 422,
  PROVIDER_TERMS: 422,
  SUSPENDED: 403,
  SCOPE_REQUIRED: 403,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

export interface FieldIssue {
  path: string;
  message: string;
}

/** The one error type. Services throw it; the one handler turns it into the one JSON shape. */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: {
      fields?: FieldIssue[];
      retryAfterSeconds?: number;
      reason?: ErrorReason;
      entitlement?: EntitlementIssue;
      quota?: QuotaIssue;
      /** Where a text a person wrote is wrong (a workout's compact form): 1-based line and column, the token. */
      textErrors?: TextIssue[];
      /** SCOPE_REQUIRED: the scope the operation declares (`none`: no key may call it). */
      scope?: string;
    },
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export interface TextIssue {
  line: number;
  column: number;
  token: string;
  message: string;
}

/** What a gated action needed: the feature and the cheapest tier that includes it. */
export interface EntitlementIssue {
  feature: string;
  requiredTier: string;
}

/** The allowance that ran out, and when the month turns over in the athlete's time zone. */
export interface QuotaIssue {
  kind: string;
  limit: number;
  used: number;
  resetsAt: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    reason?: ErrorReason;
    fields?: FieldIssue[];
    entitlement?: EntitlementIssue;
    quota?: QuotaIssue;
    textErrors?: TextIssue[];
    scope?: string;
  };
}

export function errorBody(err: AppError, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      requestId,
      ...(err.details?.reason ? { reason: err.details.reason } : {}),
      ...(err.details?.fields ? { fields: err.details.fields } : {}),
      ...(err.details?.entitlement ? { entitlement: err.details.entitlement } : {}),
      ...(err.details?.quota ? { quota: err.details.quota } : {}),
      ...(err.details?.textErrors ? { textErrors: err.details.textErrors } : {}),
      ...(err.details?.scope ? { scope: err.details.scope } : {}),
    },
  };
}

/** The database did not answer within the unit of work's bound, or is unreachable or restarting: a 503 the caller may retry. */
export const databaseUnavailable = () =>
  new AppError(ErrorCode.UNAVAILABLE, 'The database is not answering; try again shortly.', { retryAfterSeconds: 5 });

// SQLSTATEs that say the server is going away, starting or unreachable, not that the statement was wrong:
// class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now.
const UNREACHABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;
// What node-postgres (and so the Neon WebSocket driver) throws when the socket dies or never opens, or when a
// statement went unanswered past the pool's query_timeout (db/client.ts).
const UNREACHABLE_MESSAGE =
  /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Connection ended unexpectedly|Query read timeout)$|ECONNREFUSED|ECONNRESET/;

/**
 * Whether `e` (one error, not its causes) says the database is unreachable or restarting: a SQLSTATE of
 * UNREACHABLE_SQLSTATE, the driver's terminated/refused connection, a WebSocket closed under it, or a failure
 * of Neon's HTTP endpoint itself (fetch failed or timed out, or answered 5xx: "Couldn't connect to compute node").
 */
export function isDatabaseUnreachable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { code, message, name, sourceError, type } = e as Record<string, unknown>;
  if (typeof code === 'string' && UNREACHABLE_SQLSTATE.test(code)) return true;
  // The driver rejects with the WebSocket's own error or close event (not an Error) when the socket dies.
  // workerd's DOMException (the HTTP driver's AbortSignal.timeout firing) is not an Error instance: its name says it.
  if (!(e instanceof Error)) return type === 'error' || type === 'close' || name === 'TimeoutError';
  if (name === 'NeonDbError')
    return (
      (typeof sourceError === 'object' && sourceError !== null) ||
      // Not a 507: an answer over Neon's size cap is this read's own fault, and the same again on every retry.
      (typeof message === 'string' &&
        message.startsWith('Server error (HTTP status 5') &&
        !message.startsWith('Server error (HTTP status 507'))
    );
  return typeof message === 'string' && UNREACHABLE_MESSAGE.test(message);
}

/**
 * The AppError behind `err`, if any: drizzle wraps what the driver threw as `cause`, and the Neon HTTP driver keeps
 * what fetch threw as `sourceError`. A database that is unreachable or restarting anywhere in the chain is
 * `databaseUnavailable()` (503 + Retry-After): the one place that decides it (ADR 086).
 */
export function appErrorWithin(err: unknown): AppError | null {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    if (e instanceof AppError) return e;
    if (isDatabaseUnreachable(e)) return databaseUnavailable();
    // From a Durable Object: RPC keeps an error's own fields (code, cause) but not its class.
    if ((e as { remote?: unknown }).remote === true && (e as { code?: unknown }).code === ErrorCode.UNAVAILABLE)
      return databaseUnavailable();
    if (!(e instanceof Error)) return null;
    const next = e.cause ?? (e as { sourceError?: unknown }).sourceError;
    // A statement that did not answer within the HTTP driver's deadline (DB_CONNECT_TIMEOUT_MS): drizzle's
    // "Failed query" around the fetch's TimeoutError — seen while Postgres was shutting down in the soak.
    if (e.message.startsWith('Failed query:') && (next as { name?: unknown } | undefined)?.name === 'TimeoutError')
      return databaseUnavailable();
    e = next;
  }
  return null;
}

export const notFound = (what = 'Resource') => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);

/**
 * A PATCH with no field to change (`{}` or only unknown keys). Thrown by services after the
 * tenancy/existence checks, so another org's id is still a 404 and never learns about the body.
 */
export const nothingToUpdate = (fields: readonly string[]) =>
  new AppError(ErrorCode.VALIDATION, `Nothing to update: send at least one of ${fields.join(', ')}.`, {
    fields: [{ path: '', message: 'Nothing to update' }],
  });

/** True when a parsed patch carries at least one field (zod leaves absent keys out). */
export const hasChanges = (patch: object) => Object.values(patch).some((v) => v !== undefined);
