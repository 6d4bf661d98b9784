// Every call to an activity provider (Strava, Garmin, Polar) goes through here: a provider that accepts the
// connection and never answers must not pin a queue consumer or an athlete's request for minutes (issue 43).
// Plain fields, no parameter properties: scripts/polar-webhook.ts runs this file in Node, which only strips types.

/** A provider API call gives up after this long (a Strava page of 200 summaries answers in well under 2 s). */
export const PROVIDER_TIMEOUT_MS = 20_000;
/** An activity file may be large: its download gets longer, still bounded. */
export const PROVIDER_FILE_TIMEOUT_MS = 60_000;

/** The provider did not answer within the deadline; retryable like a 5xx (job cause `timeout`). */
export class ProviderTimeoutError extends Error {
  override name = 'ProviderTimeoutError';
  readonly host: string;
  readonly timeoutMs: number;
  constructor(host: string, timeoutMs: number) {
    super(`${host} did not answer within ${timeoutMs} ms`);
    this.host = host;
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed or was cut before an answer (reset, refused): retryable like a timeout. */
export class ProviderUnreachableError extends Error {
  override name = 'ProviderUnreachableError';
  readonly host: string;
  constructor(host: string) {
    super(`${host} could not be reached`);
    this.host = host;
  }
}

/**
 * `fetch` with a deadline covering the answer and its body (the signal stays on the response). Our own
 * deadline surfaces as ProviderTimeoutError, whatever the runtime names the abort.
 */
export async function providerFetch(input: URL | string, init: RequestInit = {}, timeoutMs = PROVIDER_TIMEOUT_MS): Promise<Response> {
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    return await fetch(input, { ...init, signal: deadline });
  } catch {
    const host = new URL(input).host;
    if (deadline.aborted) throw new ProviderTimeoutError(host, timeoutMs);
    // fetch rejects when no answer came (workerd: "Network connection lost.", a refused connection): the provider
    // is down. A request we built wrong fails the same way every time and ends at the job's last attempt.
    throw new ProviderUnreachableError(host);
  }
}
