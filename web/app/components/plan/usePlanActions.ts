// The training page's changes through the JSON API (/api/v1/plans/…, and the library's add and save): each one re-reads the page
// afterwards (the server is the truth), offers an undo, and turns the API's refusals into words —
// Pro-only actions show the upgrade prompt, rate limits say when to try again.
import { useRevalidator } from '@remix-run/react';
import { useCallback, useState } from 'react';

export class PlanApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason: string | undefined,
    readonly retryAfter: number | null,
  ) {
    super(message);
  }
}

export interface ChangeAnswer {
  id: string;
  action: string;
  undone: boolean;
  /** The workouts it touched, as the change left them. */
  workouts?: { title: string }[];
  /** A hand edit's warnings (ADR 104): made all the same, with what the plan's rules would do instead. */
  warnings?: EditWarningView[];
}

export interface EditWarningView {
  code: 'stacked_hard_days' | 'load_jump';
  message: string;
  instead: string;
}

export const planApi = <T>(path: string, method = 'POST', body?: unknown): Promise<T> => api<T>(`/api/v1/plans${path}`, method, body);

/** A call to Cadence's JSON API from the page; a refusal is a PlanApiError with the API's code and words. */
export async function api<T>(url: string, method = 'POST', body?: unknown): Promise<T> {
  let res: Response;
  try {
    // Every POST sends a JSON body (the routes validate one, even if empty).
    const payload = body !== undefined ? JSON.stringify(body) : method === 'POST' ? '{}' : undefined;
    res = await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload,
      credentials: 'same-origin',
    });
  } catch {
    throw new PlanApiError(0, 'NETWORK', 'Could not reach Cadence. Check your connection and try again.', undefined, null);
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; reason?: string } } | null)?.error;
    const retry = Number(res.headers.get('retry-after'));
    throw new PlanApiError(
      res.status,
      e?.code ?? `HTTP_${res.status}`,
      e?.message ?? `The request failed (${res.status}).`,
      e?.reason,
      Number.isFinite(retry) && retry > 0 ? retry : null,
    );
  }
  return json as T;
}

/** A refusal in words; null when the answer is the upgrade prompt. */
export function refusalText(err: unknown): string | null {
  if (!(err instanceof PlanApiError)) return 'Something went wrong. Try again.';
  if (err.code === 'ENTITLEMENT_REQUIRED') return null;
  if (err.status === 429) {
    const mins = err.retryAfter ? Math.max(1, Math.ceil(err.retryAfter / 60)) : null;
    return `That's a lot of changes in a short time. Try again in ${mins ? `${mins} minute${mins === 1 ? '' : 's'}` : 'a few minutes'}.`;
  }
  if (err.reason === 'UNDO_CONFLICT') return `This can't be undone: ${err.message}`;
  return err.message;
}

export interface Toast {
  text: string;
  changeId: string | null;
  /** Where the thing just made lives ("Save to library": the library page). */
  link?: { to: string; label: string };
  /** What the change is warned about (hard days together, the week's load past its ramp). */
  warnings?: EditWarningView[];
}

export function usePlanActions(planId: string) {
  const revalidator = useRevalidator();
  const [busy, setBusy] = useState(false);
  const [toast, setToast] = useState<Toast | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [upgrade, setUpgrade] = useState(false);

  // Any API call that changes the plan: toasts `text` (which may read the answer), offers Undo when the
  // answer is a logged Change, turns a refusal into words or the upgrade prompt, and re-reads the page.
  const call = useCallback(
    async (
      url: string,
      text: string | ((answer: ChangeAnswer | null) => string),
      { method = 'POST', body, undoable = true, link }: { method?: string; body?: unknown; undoable?: boolean; link?: Toast['link'] } = {},
    ): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        const answer = await api<ChangeAnswer | null>(url, method, body);
        setToast({
          text: typeof text === 'function' ? text(answer) : text,
          changeId: undoable ? (answer?.id ?? null) : null,
          ...(link ? { link } : {}),
          ...(answer?.warnings?.length ? { warnings: answer.warnings } : {}),
        });
        setUpgrade(false);
        return true;
      } catch (err) {
        const words = refusalText(err);
        if (words === null) setUpgrade(true);
        else setError(words);
        return false;
      } finally {
        setBusy(false);
        revalidator.revalidate();
      }
    },
    [revalidator],
  );

  const run = useCallback(
    // `undoable: false` for answers that are not a logged, undoable Change (the plan's status answers the Plan).
    // `text` may read the answer: an edit can rename the workout it saved.
    (text: string | ((change: ChangeAnswer | null) => string), path: string, method = 'POST', body?: unknown, undoable = true) =>
      call(`/api/v1/plans/${planId}${path}`, text, { method, body, undoable }),
    [planId, call],
  );

  /** "Add to calendar": a library workout onto a day of the plan, as workout control's add (one Undo away). */
  const addFromLibrary = useCallback(
    (id: string, title: string, date: string, dayText: string) =>
      call(`/api/v1/library/workouts/${id}/schedule`, `Added “${title}” on ${dayText}.`, { body: { date } }),
    [call],
  );

  /** "Save to library": the planned workout, without its day, into the athlete's library (nothing to undo). */
  const saveToLibrary = useCallback(
    (workoutId: string, title: string) =>
      call('/api/v1/library/workouts/from-planned', `Saved “${title}” to your library.`, {
        body: { planId, workoutId },
        undoable: false,
        link: { to: '/training/library', label: 'Open the library' },
      }),
    [planId, call],
  );

  const undo = useCallback(
    async (changeId: string) => {
      const ok = await run('Change undone.', `/changes/${changeId}/undo`);
      if (ok) setToast({ text: 'Change undone.', changeId: null });
      return ok;
    },
    [run],
  );

  return {
    busy,
    toast,
    error,
    upgrade,
    run,
    undo,
    addFromLibrary,
    saveToLibrary,
    dismissToast: () => setToast(null),
    dismissWarnings: () => setToast((t) => (t ? { ...t, warnings: undefined } : t)),
    dismissError: () => setError(null),
    dismissUpgrade: () => setUpgrade(false),
  };
}
export type PlanActions = ReturnType<typeof usePlanActions>;
