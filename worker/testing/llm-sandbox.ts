import { env } from 'cloudflare:test';

// Tests inside workerd reach the LLM sandbox's control API (/llm/_control, scripts/sandbox/README.md)
// through the origin of the ANTHROPIC_API_URL binding. Scripts, requests and aborts are per athleteRef,
// so tests running in parallel never see each other's: use a fresh ref per test.

// The sandbox's own types (type-only: nothing of the Node module is loaded inside workerd).
export type { LlmProvider as LlmSandboxProvider, LlmStep } from '../../scripts/sandbox/llm/state';
import type { LlmProvider as LlmSandboxProvider, LlmStep, RecordedRequest } from '../../scripts/sandbox/llm/state';

/** A request as the sandbox recorded it (the body exactly as the SDK sent it; no headers, so never the API key). */
export type RecordedLlmRequest = Omit<RecordedRequest, 'body'> & { body: Record<string, unknown> };

const control = (path: string) => `${new URL(env.ANTHROPIC_API_URL).origin}/llm/_control${path}`;

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(control(path), init);
  if (!res.ok) throw new Error(`llm sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function scriptLlm(athleteRef: string, provider: LlmSandboxProvider, steps: LlmStep[]): Promise<void> {
  await call('/script', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ athleteRef, provider, steps }),
  });
}

/** Requests the sandbox models received for this athlete, oldest first. */
export async function llmRequests(athleteRef: string, provider?: LlmSandboxProvider): Promise<RecordedLlmRequest[]> {
  const q = new URLSearchParams({ athleteRef, ...(provider ? { provider } : {}) });
  return (await call<{ requests: RecordedLlmRequest[] }>(`/requests?${q}`)).requests;
}

/** How many streams the client closed before their end. */
export async function llmAborts(athleteRef: string): Promise<number> {
  return (await call<{ aborts: number }>(`/aborts?${new URLSearchParams({ athleteRef })}`)).aborts;
}

export async function resetLlm(athleteRef: string): Promise<void> {
  await call(`?${new URLSearchParams({ athleteRef })}`, { method: 'DELETE' });
}
