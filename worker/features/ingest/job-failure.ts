// Why an ingest or live-door job failed, as a code stored in the job's last_error at the moment it is
// recorded (never the error's free text). What each code means, and whether a retry can help, is Ops
// Pulse's one cause table (ops-pulse-causes.ts JOB_CAUSES); this file only names the codes and sorts errors.

export const JOB_FAILURE_CODES = [
  'auth_revoked',
  'provider_refused',
  'not_found',
  'file_unreadable',
  'plausibility_refused',
  'timeout',
  'provider_5xx',
  'rate_limited',
  'unknown',
] as const;
export type JobFailureCode = (typeof JOB_FAILURE_CODES)[number];

const BY_NAME: Record<string, JobFailureCode> = {
  StravaUnauthorizedError: 'auth_revoked',
  ProviderUnauthorizedError: 'auth_revoked',
  StravaReconnectNeeded: 'auth_revoked',
  DoorReconnectNeeded: 'auth_revoked',
  ProviderConsentError: 'auth_revoked',
  StravaNotFoundError: 'not_found',
  ProviderFileGoneError: 'not_found',
  FileParseError: 'file_unreadable',
  ZipFormatError: 'file_unreadable',
  EntryCorruptError: 'file_unreadable',
  ZipLimitError: 'file_unreadable',
  StravaRateLimitedError: 'rate_limited',
  ProviderRateLimitedError: 'rate_limited',
  // The data (or a provider's answer) did not satisfy the schema it must: the same bytes fail the same way.
  ZodError: 'plausibility_refused',
  TimeoutError: 'timeout',
  ProviderTimeoutError: 'timeout',
  // A connection refused or cut before any answer: as good as no answer.
  ProviderUnreachableError: 'timeout',
  AbortError: 'timeout',
};

/** The code of a failure; an HTTP answer by its status (408 timeout, 429 rate limit, 5xx, other 4xx refused). */
export function jobFailureCode(err: unknown): JobFailureCode {
  if (err instanceof JobFailure) return err.code;
  if (!(err instanceof Error)) return 'unknown';
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number') {
    if (status === 408) return 'timeout';
    if (status === 429) return 'rate_limited';
    if (status >= 500) return 'provider_5xx';
    if (status === 401 || status === 403) return 'auth_revoked';
    if (status === 404 || status === 410) return 'not_found';
    if (status >= 400) return 'provider_refused';
  }
  return BY_NAME[err.name] ?? 'unknown';
}

/**
 * Thrown by a job handler that knows its failure will not pass (a file the parsers refuse, data refused as
 * implausible): the job fails at once with this code, without the queue's retries.
 */
export class JobFailure extends Error {
  override name = 'JobFailure';
  constructor(
    readonly code: JobFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** A stored last_error read back as a code: anything else (free text from before the codes) is 'unknown'. */
export const storedFailureCode = (lastError: string | null): JobFailureCode =>
  (JOB_FAILURE_CODES as readonly string[]).includes(lastError ?? '') ? (lastError as JobFailureCode) : 'unknown';
