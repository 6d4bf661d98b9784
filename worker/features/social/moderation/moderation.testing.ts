// Test support for moderation: people, and posts and comments written straight to the 0053 tables (the posts
// slice's API is not needed to have something to report).
import { eq } from 'drizzle-orm';
import { postComments, posts, socialProfiles } from '../../../db/schema';
import type { Harness } from '../../../testing/harness';

export type Visibility = 'public' | 'followers' | 'private';

/** An athlete with a public profile (so their public posts are public), or a private one. */
export async function athlete(h: Harness, profile: 'public' | 'private' = 'public', name = 'Test Athlete') {
  const s = await h.signup({ displayName: name });
  await h.db.insert(socialProfiles).values({ userId: s.user.id, profileVisibility: profile });
  return { id: s.user.id, cookie: s.cookie, email: s.email };
}

export async function postBy(h: Harness, authorId: string, visibility: Visibility = 'public', title = 'Easy 10K by the river') {
  const [p] = await h.db
    .insert(posts)
    .values({ authorId, kind: 'entry', title, body: 'Felt good.', visibility, dayAt: new Date() })
    .returning({ id: posts.id });
  return p!.id;
}

export async function commentBy(h: Harness, authorId: string, postId: string, body = 'Buy cheap watches at spam.example') {
  const [c] = await h.db.insert(postComments).values({ postId, authorId, body }).returning({ id: postComments.id });
  return c!.id;
}

export const hiddenOf = async (h: Harness, postId: string) =>
  (await h.db.select({ at: posts.hiddenAt, reason: posts.hiddenReason }).from(posts).where(eq(posts.id, postId)))[0]!;

export const suspendedUntilOf = async (h: Harness, userId: string) =>
  (await h.db.select({ until: socialProfiles.suspendedUntil }).from(socialProfiles).where(eq(socialProfiles.userId, userId)))[0]?.until ??
  null;

/** The moderation rows of the athlete's audit trail (sign-up and the rest left out). */
export const moderationAudit = async (h: Harness, userId: string) =>
  (await h.auditFor('user', userId)).filter((r) => r.action.startsWith('moderation.'));

export const REPORTS = '/api/v1/social/reports';
export const NOTICES = '/api/v1/social/moderation/notices';
export const appealPath = (id: string) => `/api/v1/social/moderation/actions/${id}/appeal`;
export const ADMIN = '/api/v1/admin/moderation';
