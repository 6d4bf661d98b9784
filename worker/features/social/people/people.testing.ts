// What the people tests share: a signed-in caller's calls to /api/v1/social, people inserted cheaply (no sign-up),
// and a profile made public.
import { users } from '../../../db/schema';
import type { Harness } from '../../../testing/harness';

export const SOCIAL = '/api/v1/social';

/** One caller's calls: `api(path)` GETs, `api(path, method, body)` otherwise. */
export const caller =
  (h: Harness, cookie: string | null) =>
  <T = Record<string, unknown>>(path: string, method = 'GET', body?: unknown) =>
    h.json<T>(`${SOCIAL}${path}`, { method, cookie, ...(body !== undefined ? { body } : {}) });

export async function signupAs(h: Harness, displayName: string) {
  const s = await h.signup({ displayName });
  return { id: s.user.id, cookie: s.cookie, api: caller(h, s.cookie) };
}

/** People who exist (a row each) but never sign in: targets to follow. */
export async function rows(h: Harness, n: number, name = 'Row Person') {
  const made = await h.db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        email: `row-${crypto.randomUUID()}@example.test`,
        passwordHash: 'x',
        displayName: `${name} ${i}`,
      })),
    )
    .returning({ id: users.id });
  return made.map((r) => r.id);
}

export const makePublic = async (api: ReturnType<typeof caller>, extra: Record<string, unknown> = {}) => {
  const r = await api('/settings', 'PUT', { profileVisibility: 'public', ...extra });
  if (r.status !== 200) throw new Error(`settings: ${r.status} ${JSON.stringify(r.body)}`);
};
