// The browser's calls to our JSON API (section fetches, polling, section actions). Errors come back
// in the API's one shape; this turns them into an ApiError with the code, reason, message and field issues.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorReason } from '../../../../worker/lib/errors';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    /** The API's machine-readable refinement of `code`, when it sends one: match on this, never on `message`. */
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type ErrorBody = { error?: { code?: string; message?: string; reason?: ErrorReason; fields?: { path: string; message: string }[] } };

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Could not reach Cadence. Check your connection and try again.');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = (body as ErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? 'HTTP_' + res.status,
      e?.message ?? `The request failed (${res.status}).`,
      e?.fields ?? [],
      e?.reason,
    );
  }
  return body as T;
}

/** Field messages of an ApiError by path, for showing beside inputs. */
export const fieldErrorsOf = (err: unknown): Record<string, string> =>
  err instanceof ApiError ? Object.fromEntries(err.fields.map((f) => [f.path, f.message])) : {};

export type Resource<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'error'; data?: T | undefined; error: ApiError }
  | { state: 'ready'; data: T; error?: undefined };

/**
 * One section's data, fetched by the browser from its own endpoint: loading, error (with `reload` for
 * a Retry button) or ready. A reload after an error goes back to loading; one after success keeps the
 * data on screen until the new answer arrives.
 */
export function useResource<T>(path: string): Resource<T> & { reload: () => void; refreshing: boolean } {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [tick, setTick] = useState(0);
  const current = useRef(resource);
  current.current = resource;

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the trigger: reload() bumps it to fetch the same path again.
  useEffect(() => {
    const ctrl = new AbortController();
    if (current.current.state === 'error') setResource({ state: 'loading' });
    else setRefreshing(true);
    api<T>(path, { signal: ctrl.signal })
      .then((data) => setResource({ state: 'ready', data }))
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setResource({ state: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', 'Something went wrong.') });
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setRefreshing(false);
      });
    return () => ctrl.abort();
  }, [path, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...resource, reload, refreshing };
}

/**
 * A card's one action at a time: busy while it runs, its failure's message, or the notice it ends with; `after` runs
 * on success (close a question, reload the list).
 */
export function useCardAction(after: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  async function run(action: () => Promise<void>, done: string | null) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(done);
      after();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, notice, run };
}
