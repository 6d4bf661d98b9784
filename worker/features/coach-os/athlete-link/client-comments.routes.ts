// Mounted at /api/v1/coach: the coach's side of the conversations on a linked client's activities and planned
// workouts (ADR 056). 404 unless the client shares their training with this org; an activity whose source
// keeps it from coaches (Strava's) is a 404 that says why (reason SOURCE_NOT_SHARED).
import { z } from '@hono/zod-openapi';
import { highRisk } from '../../../http/access';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { CoachThread, CommentAnswer, CommentInput, ReadAnswer } from '../../comments';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';

const tags = ['Coach comments'];
const security = coachSecurity;
const WRITE = highRisk('comment on a client’s training');
const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: 'path' } });
const ActivityParams = IdParam.extend({ activityId: uuidParam('activityId') });
const WorkoutParams = IdParam.extend({ workoutId: uuidParam('workoutId') });
const CommentParams = IdParam.extend({ commentId: uuidParam('commentId') });

export const clientCommentsRoutes = createRouter();

const SUBJECTS = [
  { kind: 'activity', base: '/clients/{id}/activities/{activityId}/comments', params: ActivityParams, noun: 'activity', dataUse: 'coach' },
  {
    kind: 'workout',
    base: '/clients/{id}/plan/workouts/{workoutId}/comments',
    params: WorkoutParams,
    noun: 'planned workout',
    dataUse: 'none',
  },
] as const;

for (const { kind, base, params, noun, dataUse } of SUBJECTS) {
  // The subject's id, whichever name the path gives it.
  const subject = (p: { activityId?: string; workoutId?: string }) => ({ kind, id: (p.activityId ?? p.workoutId)! });
  clientCommentsRoutes
    .openapi(
      createRoute({
        access: orgMember,
        risk: 'normal',
        dataUse,
        scope: 'coach:read',
        method: 'get',
        path: base,
        tags,
        security,
        summary: `Your org’s conversation with the linked client on one of their ${noun}s`,
        request: { params },
        responses: { 200: json(CoachThread, 'Thread'), ...coachErrors },
      }),
      async (c) => {
        const p = c.req.valid('param');
        return c.json(await c.var.services.clientComments.thread(await member(c), p.id, subject(p)), 200);
      },
    )
    .openapi(
      createRoute({
        access: orgMember,
        risk: WRITE,
        dataUse,
        scope: 'none',
        method: 'post',
        path: base,
        tags,
        security,
        summary: `Write to the linked client about one of their ${noun}s; they are notified`,
        request: { params, body: jsonBody(CommentInput) },
        responses: { 201: json(CommentAnswer, 'Posted'), ...coachErrors },
      }),
      async (c) => {
        const p = c.req.valid('param');
        const comment = await c.var.services.clientComments.post(await member(c), p.id, subject(p), c.req.valid('json').body);
        return c.json({ comment }, 201);
      },
    )
    .openapi(
      createRoute({
        access: orgMember,
        risk: WRITE,
        dataUse,
        scope: 'none',
        method: 'post',
        path: `${base}/read`,
        tags,
        security,
        summary: `Mark your thread with the client on one of their ${noun}s read`,
        request: { params },
        responses: { 200: json(ReadAnswer, 'Unread left'), ...coachErrors },
      }),
      async (c) => {
        const p = c.req.valid('param');
        return c.json(await c.var.services.clientComments.read(await member(c), p.id, subject(p)), 200);
      },
    );
}

clientCommentsRoutes
  .openapi(
    createRoute({
      access: orgMember,
      risk: WRITE,
      dataUse: 'none',
      scope: 'none',
      method: 'patch',
      path: '/clients/{id}/comments/{commentId}',
      tags,
      security,
      summary: 'Change the words of your own comment, within 15 minutes of posting it (409 EDIT_WINDOW_CLOSED after)',
      request: { params: CommentParams, body: jsonBody(CommentInput) },
      responses: { 200: json(CommentAnswer, 'Edited'), 409: errorResponses[409], ...coachErrors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const comment = await c.var.services.clientComments.edit(await member(c), p.id, p.commentId, c.req.valid('json').body);
      return c.json({ comment }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: WRITE,
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/clients/{id}/comments/{commentId}',
      tags,
      security,
      summary: 'Delete your own comment; the thread shows “comment deleted” in its place',
      request: { params: CommentParams },
      responses: { 200: json(CommentAnswer, 'Deleted'), ...coachErrors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json({ comment: await c.var.services.clientComments.remove(await member(c), p.id, p.commentId) }, 200);
    },
  );
