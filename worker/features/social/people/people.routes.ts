// /api/v1/social: settings, privacy zones, follows and requests, blocks, mutes, the directory and profiles.
// Thin: who the caller is, then the service; every refusal about another person is the same 404. Every answer
// that names people is the serializer's (`dataUse: 'social'`, posts/serializer.schema.ts).
import type { z } from '@hono/zod-openapi';
import { highRisk, publicAccess, signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, IdParam, json, jsonBody, UserIdParam } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { DirectoryPage, FollowRequests, PeopleList, ProfileView, PublicProfileView } from '../posts/serializer.schema';
import {
  DirectoryQuery,
  Done,
  FollowState,
  SocialSettingsUpdate,
  SocialSettingsView,
  ZoneInput,
  ZoneList,
  ZoneView,
} from './people.schema';

const tags = ['Social'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401] };
const withMissing = { ...std, 404: errorResponses[404] };
const me = async (auth: Parameters<typeof requireUser>[0]) => (await requireUser(auth)).user.id;
const base = { access: signedIn, risk: 'normal', dataUse: 'none', tags, security } as const;
/** A read that names other people: answered by the serializer's shapes only (the route-table test holds it). */
const shows = { ...base, dataUse: 'social' } as const;

/** A signed-in act on another person: POST or DELETE /{what}/{userId}. */
const personAct = (method: 'post' | 'delete', path: string, summary: string, schema: z.ZodType, extra = {}) =>
  createRoute({
    scope: 'none',
    ...base,
    method,
    path,
    summary,
    request: { params: UserIdParam },
    responses: { 200: json(schema, 'Done'), ...withMissing, ...extra },
  });

/** A signed-in list of people: GET /{what}. */
const list = (path: string, summary: string) =>
  createRoute({
    scope: 'none',
    ...shows,
    method: 'get',
    path,
    summary,
    responses: { 200: json(PeopleList, 'People'), 401: errorResponses[401] },
  });

export const peopleRoutes = createRouter()
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'get',
      path: '/settings',
      summary: 'Your social settings: the private defaults until you save them',
      responses: { 200: json(SocialSettingsView, 'Settings'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.people.settings(await me(c.var.auth)), 200),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      risk: highRisk('change who sees your training'),
      method: 'put',
      path: '/settings',
      summary: 'Save your social settings (the first save writes them); a field left out keeps its value',
      description: 'Turning a private profile public accepts no waiting request: each stays pending until you answer it.',
      request: { body: jsonBody(SocialSettingsUpdate) },
      responses: { 200: json(SocialSettingsView, 'Settings'), ...std },
    }),
    async (c) => c.json(await c.var.services.people.saveSettings(await me(c.var.auth), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'get',
      path: '/zones',
      summary: 'Your privacy zones: places hidden on every map you share (never shown to anyone else)',
      responses: { 200: json(ZoneList, 'Zones'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.people.zones(await me(c.var.auth)), 200),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'post',
      path: '/zones',
      summary: 'Hide a place (200–1,609 m around it) on every map you share; at most 10',
      request: { body: jsonBody(ZoneInput) },
      responses: { 201: json(ZoneView, 'The zone'), ...std, 409: errorResponses[409] },
    }),
    async (c) => c.json(await c.var.services.people.addZone(await me(c.var.auth), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      risk: highRisk('delete a privacy zone'),
      method: 'delete',
      path: '/zones/{id}',
      summary: 'Delete one of your privacy zones',
      request: { params: IdParam },
      responses: { 200: json(Done, 'Deleted'), ...withMissing },
    }),
    async (c) => c.json(await c.var.services.people.deleteZone(await me(c.var.auth), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...shows,
      method: 'get',
      path: '/follows/requests',
      summary: 'People asking to follow you, oldest first',
      responses: { 200: json(FollowRequests, 'Requests'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.follows.requests(await me(c.var.auth)), 200),
  )
  .openapi(
    personAct('post', '/follows/requests/{userId}/accept', 'Accept a request to follow you (they are told)', FollowState),
    async (c) => c.json(await c.var.services.follows.accept(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(
    personAct('post', '/follows/requests/{userId}/decline', 'Decline a request to follow you (they are not told)', Done),
    async (c) => c.json(await c.var.services.follows.decline(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(
    personAct('post', '/follows/{userId}', 'Follow someone: at once for a public profile, a request for a private one', FollowState, {
      429: errorResponses[429],
    }),
    async (c) => c.json(await c.var.services.follows.follow(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(personAct('delete', '/follows/{userId}', 'Unfollow someone, or take back your request', Done), async (c) =>
    c.json(await c.var.services.follows.unfollow(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(list('/following', 'People you follow'), async (c) => c.json(await c.var.services.follows.following(await me(c.var.auth)), 200))
  .openapi(list('/followers', 'People who follow you'), async (c) =>
    c.json(await c.var.services.follows.followers(await me(c.var.auth)), 200),
  )
  .openapi(
    personAct('delete', '/followers/{userId}', 'Remove someone who follows you (they are not told; following again starts anew)', Done),
    async (c) => c.json(await c.var.services.follows.removeFollower(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(
    personAct('post', '/blocks/{userId}', 'Block someone: every follow and request between you ends; neither sees the other', Done),
    async (c) => c.json(await c.var.services.follows.block(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(personAct('delete', '/blocks/{userId}', 'Lift your block (follows do not come back)', Done), async (c) =>
    c.json(await c.var.services.follows.unblock(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(list('/blocks', 'People you blocked'), async (c) => c.json(await c.var.services.follows.blocks(await me(c.var.auth)), 200))
  .openapi(personAct('post', '/mutes/{userId}', 'Mute someone: kept out of your feed; they are not told', Done), async (c) =>
    c.json(await c.var.services.follows.mute(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(personAct('delete', '/mutes/{userId}', 'Unmute someone', Done), async (c) =>
    c.json(await c.var.services.follows.unmute(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(list('/mutes', 'People you muted'), async (c) => c.json(await c.var.services.follows.mutes(await me(c.var.auth)), 200))
  .openapi(
    createRoute({
      scope: 'none',
      ...shows,
      method: 'get',
      path: '/people',
      summary: 'The directory: people who chose to be found, by the start of their name',
      request: { query: DirectoryQuery },
      responses: { 200: json(DirectoryPage, 'A page of people'), ...std },
    }),
    async (c) => c.json(await c.var.services.people.directory(await me(c.var.auth), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...shows,
      method: 'get',
      path: '/people/{userId}',
      summary: "Someone's profile as you may see it: a private one you do not follow shows its name only",
      request: { params: UserIdParam },
      responses: { 200: json(ProfileView, 'The profile'), ...withMissing },
    }),
    async (c) => c.json(await c.var.services.people.profile(await me(c.var.auth), c.req.valid('param').userId), 200),
  )
  .openapi(
    createRoute({
      access: publicAccess('the athlete turned their public page on'),
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      tags,
      method: 'get',
      path: '/public/people/{userId}',
      summary: "An athlete's public page, signed out: only when they turned it on",
      request: { params: UserIdParam },
      responses: { 200: json(PublicProfileView, 'The public page'), 400: errorResponses[400], 404: errorResponses[404] },
    }),
    async (c) => c.json(await c.var.services.people.publicProfile(c.req.valid('param').userId), 200),
  );
