import { eq } from 'drizzle-orm';
import { sessions, users } from '../../db/schema';
import { type Harness } from '../../testing/harness';

export const IMP = 'cadence_impersonation';

/** "name=value" of the impersonation cookie a response set; '' when it was cleared. */
export function impCookieFrom(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${IMP}=`));
  return set ? (set.split(';')[0] ?? null) : null;
}

export const sessionSet = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('cadence_session='));

/** An owner, an athlete (or a user of `targetRole`), and an impersonation of the athlete started through the API. */
export async function impersonating(h: Harness, opts: { targetRole?: 'athlete' | 'admin' | 'coach'; grants?: string[] } = {}) {
  const owner = await h.userWithRole('owner');
  const target = opts.targetRole
    ? await h.userWithRole(opts.targetRole, opts.grants ?? [])
    : await h.signup({ displayName: 'Ann Runner' }).then((s) => ({ id: s.user.id, email: s.email, cookie: s.cookie }));
  const res = await h.call('/api/v1/admin/impersonation', {
    cookie: owner.cookie,
    body: { userId: target.id, reason: 'Support ticket 42' },
  });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${await res.text()}`);
  const imp = impCookieFrom(res);
  if (!imp) throw new Error('no impersonation cookie');
  return { owner, target, imp, both: `${owner.cookie}; ${imp}`, res };
}

export async function meOf(h: Harness, cookie: string) {
  const r = await h.json<{ user?: { id: string } }>('/api/v1/me', { cookie });
  return { status: r.status, id: r.body.user?.id ?? null, res: r.res };
}

export const impRows = (h: Harness, ownerId: string) => h.db.select().from(sessions).where(eq(sessions.impersonatorId, ownerId));

export async function bumpAuthVersion(h: Harness, userId: string) {
  const u = await h.userById(userId);
  await h.db
    .update(users)
    .set({ authVersion: (u?.authVersion ?? 0) + 1 })
    .where(eq(users.id, userId));
}
