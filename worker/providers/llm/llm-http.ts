// What both LLM clients share: one AbortController per call that our caller's signal and the
// whole-request timeout both abort (on Workers the provider request must be aborted explicitly),
// and the HTTP status → LlmError kind mapping.
import { LlmError, type LlmErrorKind, type LlmProviderName } from './llm';

export interface CallControl {
  signal: AbortSignal;
  /** Why we aborted, if we did: checked before any error the SDK reports. */
  cause(): 'aborted' | 'timeout' | null;
  /** Stops the timer; aborts the HTTP request when the stream did not finish (the consumer stopped early). */
  dispose(finished: boolean): void;
}

export function callControl(outer: AbortSignal | undefined, timeoutMs: number): CallControl {
  const ctrl = new AbortController();
  let cause: 'aborted' | 'timeout' | null = null;
  const abort = (why: 'aborted' | 'timeout') => {
    if (cause) return;
    cause = why;
    ctrl.abort(new Error(why));
  };
  const onAbort = () => abort('aborted');
  if (outer?.aborted) abort('aborted');
  else outer?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => abort('timeout'), timeoutMs);
  return {
    signal: ctrl.signal,
    cause: () => cause,
    dispose(finished) {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      if (!finished && !ctrl.signal.aborted) ctrl.abort(new Error('stream abandoned'));
    },
  };
}

/** An error raised by our own abort or timeout. */
export function ownAbortError(provider: LlmProviderName, cause: 'aborted' | 'timeout', timeoutMs: number): LlmError {
  return cause === 'timeout'
    ? new LlmError(provider, 'timeout', `${provider} did not finish within ${timeoutMs} ms`)
    : new LlmError(provider, 'aborted', `${provider} request aborted`);
}

const SPEND_RE = /spend limit|usage limit|spending limit|credit balance/i;

/** Maps an HTTP error answer to our kinds; a 429 about the spend/usage limit is never retried. */
export function errorFromStatus(
  provider: LlmProviderName,
  status: number,
  message: string,
  retryAfter: string | null | undefined,
  errorType?: string | null,
): LlmError {
  let kind: LlmErrorKind;
  if (status === 429) kind = SPEND_RE.test(message) || errorType === 'usage_limit_exceeded' ? 'spend_limit' : 'rate_limited';
  else if (status === 529 || errorType === 'overloaded_error' || errorType === 'service_tier_capacity_exceeded') kind = 'overloaded';
  else if (status >= 500) kind = 'server';
  else if (status === 401 || status === 403) kind = 'auth';
  else kind = 'invalid';
  const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
  const retryAfterS = kind === 'rate_limited' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
  return new LlmError(provider, kind, `${provider} ${status}: ${message}`.slice(0, 300), retryAfterS, status);
}

/** Parses a tool call's complete input JSON ('' is an empty input). */
export function parseToolInput(provider: LlmProviderName, json: string): unknown {
  if (!json.trim()) return {};
  try {
    return JSON.parse(json);
  } catch {
    throw new LlmError(provider, 'server', `${provider} sent a tool call whose input is not valid JSON`);
  }
}
