// How CoachSession's answers cross the RPC boundary. A refusal (busy, quota, not found…) travels as data,
// not as a throw: RPC rebuilds a thrown error as a plain Error (no AppError to match in the error
// handler) and the object logs each throw as uncaught. The caller turns a refusal back into the AppError.
import { AppError, type ErrorCode } from '../../../lib/errors';

/** What the session is asked: a new question, or (`retryOf`) an unfinished answer written again. */
export interface SessionAsk {
  userId: string;
  conversationId: string;
  text: string;
  clientMessageId: string;
  retryOf?: string | null;
}

export interface SessionRefusal {
  code: ErrorCode;
  message: string;
  details: AppError['details'] | null;
}

export type SessionResult<T> = { ok: true; value: T } | { ok: false; error: SessionRefusal };

/** Session side: runs `fn`; an AppError becomes a refusal, anything else is thrown as the bug it is. */
export async function settle<T>(fn: () => Promise<T>): Promise<SessionResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, details: err.details ?? null } };
    throw err;
  }
}

/** Caller side: the value, or the refusal thrown as the AppError it was in the session. */
export function unwrap<T>(result: SessionResult<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.details ?? undefined);
}
