// The account-actions tests' world: an operator with users.manage and the calls they make.
import { eq, or } from 'drizzle-orm';
import { expect } from 'vitest';
import { sessions } from '../../db/schema';
import type { Body, ErrorBody } from '../../testing/bodies';
import type { Harness } from '../../testing/harness';
import type { AccountState, TemporaryPasswordIssued } from './operator-accounts.schema';

export type AccountAction = 'block' | 'unblock' | 'password-reset' | 'temporary-password';
export const REASON = 'Ticket #4711: the athlete asked us to';

/** POSTs an account action as `cookie` (`reason: null` sends none); the body is the state, the issued password or the error. */
export function act(h: Harness, cookie: string, userId: string, action: AccountAction, reason: unknown = REASON) {
  return h.json<Body<typeof AccountState> & Partial<Body<typeof TemporaryPasswordIssued>> & Partial<ErrorBody>>(
    `/api/v1/admin/users/${userId}/${action}`,
    { body: reason === null ? {} : { reason }, cookie },
  );
}

/** Acts and expects it to work. */
export async function actOk(h: Harness, cookie: string, userId: string, action: AccountAction, reason = REASON) {
  const r = await act(h, cookie, userId, action, reason);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

export const manager = (h: Harness) => h.userWithRole('admin', ['users.manage']);

/** Sessions held by the user, or held over them by an impersonating operator. */
export const sessionsOf = (h: Harness, userId: string) =>
  h.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(or(eq(sessions.userId, userId), eq(sessions.impersonatorId, userId)));

export const login = (h: Harness, email: string, password: string) =>
  h.json<Partial<ErrorBody>>('/api/v1/auth/login', { body: { email, password } });
