// The key's visible form and its scopes (ADR 105); the per-key window is worker/lib/rate-window's. Pure.
import { API_SCOPES, type ApiScope, ATHLETE_SCOPES, TEAM_SCOPES } from '../../lib/access-vocabulary';

// The window and its headers are shared with OAuth connections (ADR 107), so they live in worker/lib.
export { DEFAULT_RATE_PER_MINUTE, rateHeaders, WINDOW_MS, windowOf } from '../../lib/rate-window';

/** What every key starts with: it names us to secret scanners and to the person reading a log. */
export const KEY_PREFIX = 'cdn_live_';
/** The visible part after KEY_PREFIX: 6 random bytes, 8 base64url characters (lists and logs show only these). */
export const VISIBLE_BYTES = 6;
/** The secret after the visible part: 32 random bytes (256 bits), 43 base64url characters. */
export const SECRET_BYTES = 32;

/** Whether a string has the shape of one of our keys (anything else in a Bearer header is not looked up). */
export const looksLikeKey = (s: string): boolean => /^cdn_live_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/.test(s);

/** The scopes a personal key (athlete) or a team key (org) may hold. */
export const scopesFor = (kind: 'user' | 'org'): readonly ApiScope[] => (kind === 'user' ? ATHLETE_SCOPES : TEAM_SCOPES);

/** The scopes, deduplicated and in the vocabulary's order (so a key's list reads the same everywhere). */
export const normaliseScopes = (scopes: readonly ApiScope[]): ApiScope[] => API_SCOPES.filter((s) => scopes.includes(s));
