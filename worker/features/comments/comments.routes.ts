// The athlete's side of the conversations on their training (ADR 056), under /api/v1/comments: the threads
// on one of their activities or planned workouts (one per coaching org they share with), posting, marking
// read, and editing or deleting their own comments. The coach's side is coach-os's (client-comments.routes.ts).
import { highRisk, signedIn } from '../../http/access';
import { requireUser } from '../../http/guards';
import { errorResponses, IdParam, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import type { SubjectKind } from './comments.repo';
import { AthleteCommentInput, AthleteReadInput, AthleteThreads, CommentAnswer, CommentInput, ReadAnswer } from './comments.schema';

const tags = ['Comments'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };
const WRITE = highRisk('comment on an athlete’s training');

export const commentsRoutes = createRouter();

// The same three routes for each kind of subject.
for (const [kind, segment, noun] of [
  ['activity', 'activities', 'activity'],
  ['workout', 'workouts', 'planned workout'],
] as const satisfies readonly (readonly [SubjectKind, string, string])[]) {
  commentsRoutes
    .openapi(
      createRoute({
        access: signedIn,
        risk: 'normal',
        dataUse: kind === 'activity' ? 'owner' : 'none',
        scope: 'none',
        method: 'get',
        path: `/${segment}/{id}`,
        tags,
        security,
        summary: `The conversations on one of your ${noun}s: one thread per coaching org you share your training with`,
        request: { params: IdParam },
        responses: { 200: json(AthleteThreads, 'Threads'), ...std },
      }),
      async (c) => {
        const { user } = await requireUser(c.var.auth);
        return c.json(await c.var.services.comments.forAthlete(user.id, { kind, id: c.req.valid('param').id }), 200);
      },
    )
    .openapi(
      createRoute({
        access: signedIn,
        risk: WRITE,
        dataUse: 'none',
        scope: 'none',
        method: 'post',
        path: `/${segment}/{id}`,
        tags,
        security,
        summary: `Write to your coach about one of your ${noun}s; they are notified`,
        request: { params: IdParam, body: jsonBody(AthleteCommentInput) },
        responses: { 201: json(CommentAnswer, 'Posted'), ...std },
      }),
      async (c) => {
        const { user } = await requireUser(c.var.auth);
        const { orgId, body } = c.req.valid('json');
        const comment = await c.var.services.comments.post(
          { side: 'athlete', userId: user.id },
          { kind, id: c.req.valid('param').id },
          body,
          orgId,
        );
        return c.json({ comment }, 201);
      },
    )
    .openapi(
      createRoute({
        access: signedIn,
        risk: WRITE,
        dataUse: 'none',
        scope: 'none',
        method: 'post',
        path: `/${segment}/{id}/read`,
        tags,
        security,
        summary: `Mark your thread with a coaching org on one of your ${noun}s read`,
        request: { params: IdParam, body: jsonBody(AthleteReadInput) },
        responses: { 200: json(ReadAnswer, 'Unread left'), ...std },
      }),
      async (c) => {
        const { user } = await requireUser(c.var.auth);
        const v = { side: 'athlete', userId: user.id } as const;
        return c.json(await c.var.services.comments.read(v, { kind, id: c.req.valid('param').id }, c.req.valid('json').orgId), 200);
      },
    );
}

commentsRoutes
  .openapi(
    createRoute({
      access: signedIn,
      risk: WRITE,
      dataUse: 'none',
      scope: 'none',
      method: 'patch',
      path: '/{id}',
      tags,
      security,
      summary: 'Change the words of your own comment, within 15 minutes of posting it (409 EDIT_WINDOW_CLOSED after)',
      request: { params: IdParam, body: jsonBody(CommentInput) },
      responses: { 200: json(CommentAnswer, 'Edited'), 409: errorResponses[409], ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const comment = await c.var.services.comments.edit(
        { side: 'athlete', userId: user.id },
        c.req.valid('param').id,
        c.req.valid('json').body,
      );
      return c.json({ comment }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: WRITE,
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{id}',
      tags,
      security,
      summary: 'Delete your own comment; the thread shows “comment deleted” in its place',
      request: { params: IdParam },
      responses: { 200: json(CommentAnswer, 'Deleted'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json({ comment: await c.var.services.comments.remove({ side: 'athlete', userId: user.id }, c.req.valid('param').id) }, 200);
    },
  );
