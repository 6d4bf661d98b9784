// The coach's JSON API from the browser: one error shape ({ error: { code, message } }) turned into words.
import type { ProposalView } from '~/utils/ai-coach';

export class CoachApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const NETWORK = 'Could not reach Cadence. Check your connection and try again.';

export async function coachFetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, headers, ...rest } = init;
  try {
    return await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: { accept: 'application/json', ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new CoachApiError(0, 'NETWORK', NETWORK);
  }
}

/** The error a non-2xx answer carries, in words the page can show. */
export async function errorOf(res: Response): Promise<CoachApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = body?.error?.code ?? `HTTP_${res.status}`;
  return new CoachApiError(res.status, code, wordsFor(code, body?.error?.message, res.status));
}

function wordsFor(code: string, message: string | undefined, status: number): string {
  if (code === 'COACH_BUSY') return 'Your coach is still answering another question. Wait for it to finish, or stop it.';
  if (code === 'QUOTA_EXCEEDED') return "You've used this month's questions on your plan.";
  if (code === 'IMPERSONATION_BLOCKED') return 'Only the athlete can confirm or reject a change to their plan.';
  if (status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return message ?? 'That did not work. Try again.';
}

export async function coachJson<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const res = await coachFetch(path, init);
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

export const getProposal = (id: string) =>
  coachJson<{ proposal: ProposalView }>(`/api/v1/ai-coach/proposals/${id}`).then((r) => r.proposal);

export const decideProposal = (id: string, decision: 'confirm' | 'reject') =>
  coachJson<{ proposal: ProposalView }>(`/api/v1/ai-coach/proposals/${id}/${decision}`, { method: 'POST', json: {} }).then(
    (r) => r.proposal,
  );

export const undoPlanChange = (planId: string, changeId: string) =>
  coachJson<{ id: string; undone: boolean }>(`/api/v1/plans/${planId}/changes/${changeId}/undo`, { method: 'POST', json: {} });
