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
