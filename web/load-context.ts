import type { AuthState, Services } from '../worker/context';

declare module '@remix-run/cloudflare' {
  interface AppLoadContext {
    services: Services;
    auth: AuthState;
    requestId: string;
    cspNonce: string;
    clientIp: string;
    waitUntil: (p: Promise<unknown>) => void;
    /** The worker's one rule (ADR 086): the Retry-After seconds when `err` means the database is unreachable, else null. */
    databaseUnavailable: (err: unknown) => number | null;
    /** Set by entry.server's handleError when a loader or action met the database unreachable: the page answers 503. */
    unavailable: { retryAfterSeconds: number } | null;
    /**
     * An origin a form of this page may end at after a redirect (CSP form-action): only the OAuth consent page uses it,
     * for the assistant's redirect URI (ADR 107). Everything else stays 'self'.
     */
    allowFormAction: (origin: string) => void;
  }
}

// Loader and action types follow single fetch (plain objects, Dates and Maps survive the trip).
declare module '@remix-run/server-runtime' {
  interface Future {
    v3_singleFetch: true;
  }
}
