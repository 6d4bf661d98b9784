// The Strava sandbox's settings: its config and the options a caller gives, the apps, what a revocation
// records, and the token lifetimes Strava documents. Plain data; StravaState (state.ts) holds them.
import { DEFAULT_COUNT, DEFAULT_END_DATE } from './generator.ts';
import { DEFAULT_LIMITS } from './ratelimit.ts';
import type { RateLimits } from './ratelimit.ts';

export interface StravaConfig {
  clientId: string;
  clientSecret: string;
  limits: RateLimits;
  timeScale: number;
  activitiesPerAthlete: number;
  /** ISO instant the generated histories end at (default 2026-11-01T00:00:00Z). */
  historyEnd: string;
  /**
   * ISO instant before which generated activities are not served (null: all of them). `npm run dev`
   * sets it where the demo athlete's Garmin export ends, so Strava and her files never hold the
   * same session. Ids stay those of the whole history.
   */
  historyStart: string | null;
  /** Sandbox windows start when a client's scaled wall-clock windows do; see SandboxClock.alignToWall. */
  alignToWallClock: boolean;
  /**
   * How many athletes the app (`clientId`) may have connected at once; null: no limit. Strava starts an app at
   * 1, lets its owner raise it to 10 (Standard) and more only after a review.
   */
  athleteLimit: number | null;
}

/** An API application: its credentials and athlete limit. The default one is the config's; tests may register others. */
export interface StravaApp {
  clientId: string;
  clientSecret: string;
  athleteLimit: number | null;
}

/** One revocation the sandbox accepted: which endpoint, when (sandbox time), and how the token presented was issued. */
export interface Revocation {
  clientId: string;
  endpoint: string;
  at: string;
  tokenIssuedBy: 'authorization_code' | 'refresh_token';
}

export interface StravaOptions {
  clientId?: string | number;
  clientSecret?: string;
  limits?: Partial<RateLimits>;
  timeScale?: number;
  activitiesPerAthlete?: number;
  historyEnd?: string;
  historyStart?: string | null;
  alignToWallClock?: boolean;
  athleteLimit?: number | null;
}

export type ActivityPatch = { name?: string; type?: string; sport_type?: string; private?: boolean };

/** Strava's access tokens live 6 hours (of sandbox time); authorization codes 10 minutes. */
export const ACCESS_TTL = 6 * 3600;
/** A refresh hands back the current access token while it has more than this left (Strava: one hour). */
export const SAME_TOKEN_ABOVE = 3600;
export const CODE_TTL = 600;
export const FIRST_ATHLETE_ID = 1001;

export function configFrom(opts: StravaOptions = {}): StravaConfig {
  return {
    clientId: String(opts.clientId ?? '12345'),
    clientSecret: opts.clientSecret ?? 'sandbox-secret',
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    timeScale: opts.timeScale ?? 1,
    activitiesPerAthlete: opts.activitiesPerAthlete ?? DEFAULT_COUNT,
    historyEnd: opts.historyEnd ?? DEFAULT_END_DATE.toISOString(),
    historyStart: opts.historyStart ?? null,
    alignToWallClock: opts.alignToWallClock ?? false,
    athleteLimit: opts.athleteLimit ?? null,
  };
}
