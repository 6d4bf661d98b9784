// What Polar AccessLink sends, as zod schemas (fields as the OpenAPI description names them), and the
// answers every call shares: the error mapping onto the port's errors and the RateLimit-* headers.
import { z } from 'zod';
import { ProviderHttpError, ProviderRateLimitedError, ProviderUnauthorizedError } from '../file-provider/file-provider';

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  /** Seconds; Polar's tokens live for years and come without a refresh token. */
  expires_in: z.number().int().positive().optional(),
  x_user_id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]),
});

/** Polar's hashed exercise ids (`aQlC83`, `2AC312F`): checked before one goes into a URL path. */
export const ExerciseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const PingPayload = z.object({ event: z.literal('PING'), timestamp: z.string().optional() });

export const ExercisePayload = z.object({
  event: z.literal('EXERCISE'),
  user_id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]),
  entity_id: ExerciseId,
  timestamp: z.string(),
  url: z.string().optional(),
});

/** Any other event the webhook may carry (SLEEP, ACTIVITY_SUMMARY, …): verified, then no files. */
export const OtherPayload = z.object({ event: z.string().min(1) });

/** One exercise of `GET /v3/exercises` (schema `exerciseHashId`): only what the import needs. */
export const ExerciseSummary = z.object({
  id: ExerciseId,
  /** Local wall time of the start, without offset: `2008-10-13T10:40:02`. */
  start_time: z.string().optional(),
  /** Minutes east of UTC at the start. */
  start_time_utc_offset: z.number().int().optional(),
  sport: z.string().optional(),
  detailed_sport_info: z.string().optional(),
});

export interface PolarRateLimit {
  /** [15-minute window, 24-hour window], as the RateLimit-* headers state them. */
  usage: [number, number] | null;
  limit: [number, number] | null;
  /** Seconds until each window resets. */
  reset: [number, number] | null;
}

const pair = (v: string | null): [number, number] | null => {
  const m = v ? /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
};

export function readRateLimit(headers: Headers): PolarRateLimit {
  return {
    usage: pair(headers.get('ratelimit-usage')),
    limit: pair(headers.get('ratelimit-limit')),
    reset: pair(headers.get('ratelimit-reset')),
  };
}

/** Retry-After when sent, else when the spent window resets: the 24-hour one once it is spent, else the 15-minute one. */
export function retryAfterSeconds(headers: Headers): number | null {
  const after = headers.get('retry-after');
  if (after && /^\d+$/.test(after.trim())) return Number(after);
  const { usage, limit, reset } = readRateLimit(headers);
  if (!reset) return null;
  if (usage && limit && usage[1] >= limit[1]) return reset[1];
  return reset[0];
}

/** Throws the port's error for a refused answer (the body is drained first). */
export async function refuse(res: Response): Promise<never> {
  await res.body?.cancel();
  if (res.status === 401 || res.status === 403) throw new ProviderUnauthorizedError(`Polar answered ${res.status}`);
  if (res.status === 429) throw new ProviderRateLimitedError(retryAfterSeconds(res.headers));
  throw new ProviderHttpError(res.status);
}

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Seconds = z.number().int().nonnegative();

/** One night of `GET /v3/users/sleep` (schema `sleep`): only what the import reads; the rest is passed over. */
export const SleepNight = z.object({
  /** "Result date of the sleep": the day the athlete woke up. */
  date: IsoDay,
  sleep_start_time: z.string().optional(),
  sleep_end_time: z.string().optional(),
  light_sleep: Seconds.optional(),
  deep_sleep: Seconds.optional(),
  rem_sleep: Seconds.optional(),
  unrecognized_sleep_stage: Seconds.optional(),
  total_interruption_duration: Seconds.optional(),
  /** 1–100. */
  sleep_score: z.number().optional(),
  continuity: z.number().optional(),
});
export const SleepList = z.object({ nights: z.array(SleepNight).default([]) });

/** One night of `GET /v3/users/nightly-recharge` (schema `nightly-recharge`). */
export const NightlyRecharge = z.object({
  date: IsoDay,
  /** bpm over the 4 hours starting 30 minutes after falling asleep. */
  heart_rate_avg: z.number().optional(),
  beat_to_beat_avg: z.number().optional(),
  /** rMSSD in ms over the same 4-hour window. */
  heart_rate_variability_avg: z.number().optional(),
  breathing_rate_avg: z.number().optional(),
  ans_charge: z.number().optional(),
  nightly_recharge_status: z.number().int().optional(),
});
export const RechargeList = z.object({ recharges: z.array(NightlyRecharge).default([]) });
