// The per-key fixed window and the key's visible form (ADR 105). Pure: no clock, no database.
import { API_SCOPES, type ApiScope, ATHLETE_SCOPES, TEAM_SCOPES } from '../../lib/access-vocabulary';

/** Requests a key may make in one window (ADR 105: a dashboard polling every second stays well under it). */
export const DEFAULT_RATE_PER_MINUTE = 120;
export const WINDOW_MS = 60_000;

/** What every key starts with: it names us to secret scanners and to the person reading a log. */
export const KEY_PREFIX = 'cdn_live_';
/** The visible part after KEY_PREFIX: 6 random bytes, 8 base64url characters (lists and logs show only these). */
export const VISIBLE_BYTES = 6;
/** The secret after the visible part: 32 random bytes (256 bits), 43 base64url characters. */
export const SECRET_BYTES = 32;

/** The fixed window holding `now`: its start, when it resets, and the whole seconds until then (Retry-After, ≥ 1). */
export function windowOf(now: Date): { start: Date; resetAt: Date; resetSeconds: number } {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  const resetAt = start + WINDOW_MS;
  return { start: new Date(start), resetAt: new Date(resetAt), resetSeconds: Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000)) };
}

/** The RateLimit-* headers (IETF draft "RateLimit header fields for HTTP": limit, remaining, seconds to reset). */
export function rateHeaders(r: { limit: number; remaining: number; resetAt: Date }, now: Date): Record<string, string> {
  return {
    'RateLimit-Limit': String(r.limit),
    'RateLimit-Remaining': String(Math.max(0, r.remaining)),
    'RateLimit-Reset': String(Math.max(0, Math.ceil((r.resetAt.getTime() - now.getTime()) / 1000))),
  };
}

/** Whether a string has the shape of one of our keys (anything else in a Bearer header is not looked up). */
export const looksLikeKey = (s: string): boolean => /^cdn_live_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/.test(s);

/** The scopes a personal key (athlete) or a team key (org) may hold. */
export const scopesFor = (kind: 'user' | 'org'): readonly ApiScope[] => (kind === 'user' ? ATHLETE_SCOPES : TEAM_SCOPES);

/** The scopes, deduplicated and in the vocabulary's order (so a key's list reads the same everywhere). */
export const normaliseScopes = (scopes: readonly ApiScope[]): ApiScope[] => API_SCOPES.filter((s) => scopes.includes(s));
