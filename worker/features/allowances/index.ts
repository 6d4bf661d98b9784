// Hourly allowances shared by every feature that limits how often a person may act (changing workouts, posting,
// commenting, following): one counter row per person, bucket and clock hour, taken exactly under concurrency.
import type { Executor } from '../../db/executor';
import { AppError, ErrorCode } from '../../lib/errors';
import { takeAction } from './allowances.repo';

const HOUR_MS = 3_600_000;

/**
 * Takes one action of `bucket` in the current clock hour, or refuses with 429 RATE_LIMITED, `refusal` as its
 * message and the seconds to the next hour as Retry-After. Run it inside the change's transaction when there is one.
 * Returns the hour's start (a key for "once per hour" notices).
 */
export async function takeHourly(
  db: Executor,
  a: { userId: string; bucket: string; limit: number; now: Date; refusal: string },
): Promise<Date> {
  const now = a.now.getTime();
  const windowStart = new Date(Math.floor(now / HOUR_MS) * HOUR_MS);
  if ((await takeAction(db, a.userId, a.bucket, windowStart, a.limit)) === null)
    throw new AppError(ErrorCode.RATE_LIMITED, a.refusal, {
      retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + HOUR_MS - now) / 1000)),
    });
  return windowStart;
}
