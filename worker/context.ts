import type { UserRow } from './db/schema/users';
import type { Env } from './env';
import type { Logger } from './lib/logger';

/**
 * The services of one unit of work. Declared empty here and filled in by the wiring (worker/wiring/index.ts,
 * with `declare module`), so this file, which every route imports, imports no feature (ADR 026).
 */
// biome-ignore lint/suspicious/noEmptyInterface: the wiring merges its members in
export interface Services {}

/** The signed-in user as every guard, route and loader sees them. */
export interface Viewer {
  user: UserRow;
  sessionId: string;
  /** The operator acting as this user (an impersonation session); high-risk actions refuse it. */
  impersonatorId: string | null;
  /** When the impersonation session ends (set only on impersonation sessions; never renewed). */
  impersonationExpiresAt?: Date;
  /** Set when an API key authenticated the request (ADR 105): the key's id; never an impersonation. */
  apiKeyId?: string;
}

/**
 * An API key that authenticated this request (ADR 105), or on /mcp an OAuth access token (ADR 107, `oauth:` ids):
 * what the route guard checks, and the rate-limit headers.
 */
export interface KeyAuth {
  id: string;
  /** The visible prefix (lists and logs show only it). */
  prefix: string;
  scopes: readonly string[];
  /** A team key's org (it reaches only the coach routes); null for a personal key. */
  orgId: string | null;
  viewer: Viewer;
}

/** A key's or an OAuth connection's minute window as the rate-limit headers tell it (ADR 105, 107). */
export interface KeyRate {
  limit: number;
  remaining: number;
  resetAt: Date;
}

/** Per-request authentication, resolved lazily so routes that need no user never touch the database. */
export interface AuthState {
  token: string | null;
  viewer(): Promise<Viewer | null>;
  /** Set by login/logout/rotation; the request middleware turns it into a Set-Cookie header. */
  setCookie: string | null;
  /** The impersonation cookie to set or clear; the owner's session cookie is never touched by it. */
  impersonationCookie?: string | null;
  /** The user a login or signup just authenticated (for the access log), before any viewer lookup. */
  subjectId: string | null;
  /** The `Authorization: Bearer` secret of an /api/v1 request: the session cookie is then ignored (ADR 105). */
  bearer?: string | null;
  /** The key once the key middleware authenticated it; on /mcp, an OAuth access token in the same shape (ADR 107). */
  key?: KeyAuth | null;
  /** The key's window after this request, for the RateLimit-* headers (set even when the request is refused). */
  keyRate?: KeyRate | null;
}

export interface AppVariables {
  requestId: string;
  logger: Logger;
  services: Services;
  auth: AuthState;
  secureHeadersNonce?: string;
  /** Origins the page's forms may redirect to, beyond 'self' (CSP form-action; the OAuth consent page, ADR 107). */
  formActionOrigins?: string[];
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
