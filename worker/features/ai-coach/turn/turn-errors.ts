// How a turn that cannot finish ends for the athlete: calm, retryable words, never the provider's or the driver's.
import { appErrorWithin, ErrorCode } from '../../../lib/errors';
import type { CoachStreamEvent } from '../coach.types';

/** What the athlete reads when a turn cannot finish: calm, retryable, never the provider's words. */
export function calmError(code: string, partial: boolean): Extract<CoachStreamEvent, { type: 'error' }> {
  const message = partial
    ? 'The answer was cut short. You can retry for a complete one.'
    : code === 'COACH_TIMEOUT'
      ? 'The coach took too long to answer. Please try again.'
      : code === ErrorCode.UNAVAILABLE
        ? 'Your training data is out of reach for a moment. Please try again in a few seconds.'
        : 'The coach could not answer just now. Please try again in a moment.';
  return { type: 'error', code, message, retryable: true, partial };
}

/** Whether the database being unreachable or restarting is what stopped the turn (ADR 086). */
export const isUnavailable = (err: unknown) => appErrorWithin(err)?.code === ErrorCode.UNAVAILABLE;
