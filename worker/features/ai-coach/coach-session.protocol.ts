// How the worker talks to CoachSession (internal fetch requests) and how its errors cross back as AppErrors.
import { z } from 'zod';
import { AppError, ErrorCode } from '../../lib/errors';

export const SessionAsk = z.object({
  userId: z.uuid(),
  conversationId: z.uuid(),
  text: z.string(),
  clientMessageId: z.string(),
  retryOf: z.uuid().nullable().optional(),
  mode: z.enum(['sse', 'json']),
});
export type SessionAsk = z.infer<typeof SessionAsk>;

type Details = ConstructorParameters<typeof AppError>[2];

/** An error of the session as a response the calling worker turns back into the same AppError. */
export function sessionError(err: unknown): Response {
  if (err instanceof AppError) {
    return Response.json({ sessionError: { code: err.code, message: err.message, details: err.details ?? null } }, { status: err.status });
  }
  throw err;
}

/** What the worker needs of the COACH_SESSION binding: a stub to fetch. */
export interface SessionNamespace {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** Calls the athlete's session; a session error is rethrown here as the AppError it was. */
export async function callSession(ns: SessionNamespace, userId: string, path: string, init: RequestInit = {}): Promise<Response> {
  const stub = ns.get(ns.idFromName(userId));
  const res = await stub.fetch(`https://coach-session${path}`, init);
  // A fresh Response: the session's headers are immutable, and the app's middleware adds its own.
  if (res.ok || res.status === 204) return new Response(res.body, { status: res.status, headers: new Headers(res.headers) });
  const body = (await res.json().catch(() => null)) as { sessionError?: { code: string; message: string; details: Details | null } } | null;
  const e = body?.sessionError;
  if (!e) throw new AppError(ErrorCode.UNAVAILABLE, 'The coach is unavailable just now.');
  throw new AppError(e.code as ErrorCode, e.message, e.details ?? undefined);
}
