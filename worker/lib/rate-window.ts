// The per-minute fixed window of the open API (ADR 105 for keys, ADR 107 for OAuth connections) and the headers that
// tell it. Pure: no clock, no database. Here, not in a feature, so api-keys and oauth both use it without a cycle.

/** Requests a key or a connected assistant may make in one window (ADR 105: a dashboard polling every second stays well under it). */
export const DEFAULT_RATE_PER_MINUTE = 120;
export const WINDOW_MS = 60_000;

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
