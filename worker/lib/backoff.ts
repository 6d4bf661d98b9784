// The one retry backoff: the queue's redeliveries, the email outbox and the SMS sends space their tries
// with it, each with its own first delay, factor and ceiling.

export interface Backoff {
  /** The wait before the first retry (attempt 1). */
  readonly first: number;
  /** How much each further attempt multiplies the wait by. */
  readonly factor: number;
  /** The longest wait; none when absent (the caller's attempt limit ends it). */
  readonly cap?: number;
}

/** The wait before retrying after `attempts` tries (1-based; 0 counts as 1), in the unit of `first`. */
export function backoffDelay({ first, factor, cap = Number.POSITIVE_INFINITY }: Backoff, attempts: number): number {
  return Math.min(first * factor ** Math.max(0, attempts - 1), cap);
}

/**
 * `ms` stretched by up to `spread` (0.3 = +30%), the same for the same `seed` (a row id): rows that failed together
 * come back spread over later ticks instead of as one wave, and a test can still say when a row is due.
 * Never shorter than `ms`, so "not before its time" holds.
 */
export function jittered(ms: number, seed: string, spread = 0.3): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return Math.round(ms * (1 + spread * ((h >>> 0) / 2 ** 32)));
}

/**
 * The wait with "equal jitter": between half of it and all of it, at random. Many jobs failing at once (a
 * provider's outage) then come back spread over the window, never in step (issue 43, ADR 087).
 */
export function withJitter(delay: number): number {
  return delay / 2 + (delay / 2) * Math.random();
}

/**
 * A provider's Retry-After, spread: never earlier than it said, up to a quarter later (at most 30 s more), so the
 * jobs one 429 wave deferred do not all come back in the same second.
 */
export function afterRetryAfter(seconds: number): number {
  return seconds + Math.min(30, seconds / 4) * Math.random();
}
