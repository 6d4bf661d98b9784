/** Strava's rate-limit headers, each "<15-minute>,<daily>". */
export interface RateLimitInfo {
  limit: [number, number] | null;
  usage: [number, number] | null;
  readLimit: [number, number] | null;
  readUsage: [number, number] | null;
}

export interface StravaTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  /** Seconds the access token had left when Strava answered (6 h for a new one; less when a refresh hands back the current one). */
  lifetimeS: number;
  athlete?: { id: number; firstname?: string; lastname?: string };
}

export interface StravaResult<T> {
  data: T;
  rateLimit: RateLimitInfo;
}

/** Raw Strava JSON: mapped to our canonical shape in features/ingest/strava. */
export type StravaJson = Record<string, unknown>;

export interface StravaClient {
  authorizeUrl(params: { redirectUri: string; state: string; scope: string }): string;
  exchangeCode(code: string): Promise<StravaTokens>;
  refresh(refreshToken: string): Promise<StravaTokens>;
  /**
   * Revokes the athlete's authorization of our app (every token of it dies at Strava). Throws
   * StravaUnauthorizedError when Strava refuses the token presented (expired or revoked early): the caller
   * refreshes and tries again, as the grant itself may still be alive.
   */
  deauthorize(accessToken: string): Promise<void>;
  listActivities(accessToken: string, q: { before?: number; page: number; perPage: number }): Promise<StravaResult<StravaJson[]>>;
  getActivity(accessToken: string, id: string): Promise<StravaResult<StravaJson>>;
  getStreams(accessToken: string, id: string, keys: string[]): Promise<StravaResult<StravaJson>>;
}

/** Strava answered 429: the window is spent. Carries the headers so the budget can learn from them. */
export class StravaRateLimitedError extends Error {
  override name = 'StravaRateLimitedError';
  constructor(readonly rateLimit: RateLimitInfo) {
    super('Strava rate limit exceeded');
  }
}

/** The token is invalid or revoked (401). */
export class StravaUnauthorizedError extends Error {
  override name = 'StravaUnauthorizedError';
}

/** Strava refused a new athlete: the app has as many connected athletes as its limit allows. */
export class StravaAthleteLimitError extends Error {
  override name = 'StravaAthleteLimitError';
  constructor() {
    super('Strava: limit of connected athletes exceeded');
  }
}

/** 404: the activity is gone, private to someone else, or never existed. */
export class StravaNotFoundError extends Error {
  override name = 'StravaNotFoundError';
}

export class StravaHttpError extends Error {
  override name = 'StravaHttpError';
  constructor(readonly status: number) {
    super(`Strava answered ${status}`);
  }
}
