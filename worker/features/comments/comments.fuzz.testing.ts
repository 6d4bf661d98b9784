// The API fuzz test's targets for the conversations on training (worker/http/api-fuzz.test.ts collects every
// feature's): the athlete writes to the world's org, and each edit or deletion gets a comment of its own.
import { eq } from 'drizzle-orm';
import { activities } from '../../db/schema';
import type { Kit, TargetSpec } from '../../http/api-fuzz-kit.testing';

const BODY = 'Fuzz: how did the last rep feel?';

/** A fresh comment in the world's thread on its activity, by the athlete or by the org's coach. */
async function comment(k: Kit, by: 'athlete' | 'coach'): Promise<string> {
  const [row] = await k.h.db.select({ id: activities.id }).from(activities).where(eq(activities.userId, k.w.athlete.id)).limit(1);
  const activity = row!.id;
  if (by === 'athlete')
    return (
      await k.ok<{ comment: { id: string } }>(`/api/v1/comments/activities/${activity}`, {
        body: { orgId: k.w.orgId, body: BODY },
        cookie: k.w.athlete.cookie,
      })
    ).comment.id;
  return (await k.coachApi<{ comment: { id: string } }>(`/clients/${k.w.clientId}/activities/${activity}/comments`, { body: BODY })).comment
    .id;
}

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/comments/activities/{id}': { make: async (k) => ({ body: { orgId: k.w.orgId, body: BODY } }) },
  'POST /api/v1/comments/workouts/{id}': { make: async (k) => ({ body: { orgId: k.w.orgId, body: BODY } }) },
  'POST /api/v1/comments/activities/{id}/read': { make: async (k) => ({ body: { orgId: k.w.orgId } }) },
  'POST /api/v1/comments/workouts/{id}/read': { make: async (k) => ({ body: { orgId: k.w.orgId } }) },
  'PATCH /api/v1/comments/{id}': { make: async (k) => ({ params: { id: await comment(k, 'athlete') }, body: { body: BODY } }) },
  'DELETE /api/v1/comments/{id}': { consumes: true, make: async (k) => ({ params: { id: await comment(k, 'athlete') } }) },
  'POST /api/v1/coach/clients/{id}/activities/{activityId}/comments': { make: async () => ({ body: { body: BODY } }) },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/comments': { make: async () => ({ body: { body: BODY } }) },
  'PATCH /api/v1/coach/clients/{id}/comments/{commentId}': {
    make: async (k) => ({ params: { id: k.w.clientId, commentId: await comment(k, 'coach') }, body: { body: BODY } }),
  },
  'DELETE /api/v1/coach/clients/{id}/comments/{commentId}': {
    consumes: true,
    make: async (k) => ({ params: { id: k.w.clientId, commentId: await comment(k, 'coach') } }),
  },
};
