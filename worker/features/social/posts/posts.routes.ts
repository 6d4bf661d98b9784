// /api/v1/social: posts, the feed, kudos and comments — everything another person sees through the one serializer.
// Routes that show a post, a comment or a person declare `dataUse: 'social'` and answer the serializer's schemas
// (posts.routes-table.test.ts holds every /api/v1/social route to that).
import { highRisk, publicAccess, signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, IdParam, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import type { AuthState } from '../../../context';
import { ActivityIdParam, CommentBody, CreatePostBody, FeedQuery, UpdatePostBody } from './posts.schema';
import { CommentList, CommentView, ComposerState, Done, FeedPage, KudosList, PostView } from './serializer.schema';

const tags = ['Social'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401] };
const nf = { 404: errorResponses[404] };
const limited = { 403: errorResponses[403], 429: errorResponses[429] };
/** Anyone may ask; the serializer answers per viewer (signed out: only a public post of a public page). */
const open = publicAccess('the serializer decides per viewer: signed out, only a public post on a public page; otherwise 404');

const me = async (auth: AuthState) => {
  const { user } = await requireUser(auth);
  return { id: user.id, displayName: user.displayName, timeZone: user.timeZone };
};
const viewerId = async (auth: AuthState) => (await auth.viewer())?.user.id ?? null;

export const postsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'get',
      path: '/activities/{activityId}/composer',
      tags,
      security,
      summary: 'Whether one of your activities can be shared to your log, and why not (provider terms, suspension, already shared)',
      request: { params: ActivityIdParam },
      responses: { 200: json(ComposerState, 'The composer'), ...std, ...nf },
    }),
    async (c) => c.json(await c.var.services.socialPosts.composer(await me(c.var.auth), c.req.valid('param').activityId), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('post in an athlete’s name'),
      dataUse: 'social',
      scope: 'none',
      method: 'post',
      path: '/posts',
      tags,
      security,
      summary: 'Share an activity (activityId) or a free entry to your log; 422 PROVIDER_TERMS for a source whose terms forbid it',
      request: { body: jsonBody(CreatePostBody) },
      responses: {
        201: json(PostView, 'The post as you see it'),
        ...std,
        ...nf,
        ...limited,
        409: errorResponses[409],
        422: { ...errorResponses[422], description: 'PROVIDER_TERMS: the source’s terms let only you see it' },
      },
    }),
    async (c) => c.json(await c.var.services.socialPosts.create(await me(c.var.auth), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      access: open,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'get',
      path: '/posts/{id}',
      tags,
      summary: 'One post as you may see it; 404 when you may not',
      request: { params: IdParam },
      responses: { 200: json(PostView, 'The post'), 400: errorResponses[400], ...nf },
    }),
    async (c) => c.json(await c.var.services.socialPosts.get(await viewerId(c.var.auth), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change an athlete’s post'),
      dataUse: 'social',
      scope: 'none',
      method: 'patch',
      path: '/posts/{id}',
      tags,
      security,
      summary: 'Change your post’s words, visibility or hidden fields',
      request: { params: IdParam, body: jsonBody(UpdatePostBody) },
      responses: { 200: json(PostView, 'The post as you see it'), ...std, ...nf },
    }),
    async (c) => c.json(await c.var.services.socialPosts.update(await me(c.var.auth), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete a post'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/posts/{id}',
      tags,
      security,
      summary: 'Delete your post (its kudos and comments go with it)',
      request: { params: IdParam },
      responses: { 200: json(Done, 'Deleted'), ...std, ...nf },
    }),
    async (c) => c.json(await c.var.services.socialPosts.remove(await me(c.var.auth), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'get',
      path: '/feed',
      tags,
      security,
      summary: 'Your posts and those of the people you follow (not muted), newest day first, grouped by your local day',
      request: { query: FeedQuery },
      responses: { 200: json(FeedPage, 'A page of the feed'), ...std },
    }),
    async (c) => c.json(await c.var.services.socialPosts.feed(await me(c.var.auth), c.req.valid('query').cursor), 200),
  )
  .openapi(
    createRoute({
      access: open,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'get',
      path: '/posts/{id}/kudos',
      tags,
      summary: 'Who gave kudos to a post you may see',
      request: { params: IdParam },
      responses: { 200: json(KudosList, 'Kudos'), 400: errorResponses[400], ...nf },
    }),
    async (c) => c.json(await c.var.services.socialPosts.kudos(await viewerId(c.var.auth), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'put',
      path: '/posts/{id}/kudos',
      tags,
      security,
      summary: 'Give kudos (idempotent)',
      request: { params: IdParam },
      responses: { 200: json(KudosList, 'Kudos'), ...std, ...nf, ...limited },
    }),
    async (c) => c.json(await c.var.services.socialPosts.giveKudos(await me(c.var.auth), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'delete',
      path: '/posts/{id}/kudos',
      tags,
      security,
      summary: 'Take your kudos back (idempotent)',
      request: { params: IdParam },
      responses: { 200: json(KudosList, 'Kudos'), ...std, ...nf },
    }),
    async (c) => c.json(await c.var.services.socialPosts.takeKudos(await me(c.var.auth), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: open,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'get',
      path: '/posts/{id}/comments',
      tags,
      summary: 'The comments on a post you may see, oldest first',
      request: { params: IdParam },
      responses: { 200: json(CommentList, 'Comments'), 400: errorResponses[400], ...nf },
    }),
    async (c) => c.json(await c.var.services.socialPosts.comments(await viewerId(c.var.auth), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('comment in an athlete’s name'),
      dataUse: 'social',
      scope: 'none',
      method: 'post',
      path: '/posts/{id}/comments',
      tags,
      security,
      summary: 'Comment on a post you may see (≤ 1,000 characters; `@<person id>` mentions a follower or followee)',
      request: { params: IdParam, body: jsonBody(CommentBody) },
      responses: { 201: json(CommentView, 'The comment'), ...std, ...nf, ...limited },
    }),
    async (c) =>
      c.json(await c.var.services.socialPosts.addComment(await me(c.var.auth), c.req.valid('param').id, c.req.valid('json').body), 201),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete a comment'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/comments/{id}',
      tags,
      security,
      summary: 'Delete a comment: yours, or any on your post',
      request: { params: IdParam },
      responses: { 200: json(Done, 'Deleted'), ...std, ...nf },
    }),
    async (c) => c.json(await c.var.services.socialPosts.removeComment(await me(c.var.auth), c.req.valid('param').id), 200),
  );
