// /api/v1/social: achievements and weekly leaderboards. Thin: the services hold the rules (ADR 083 "awards").
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { requireUser } from '../../../http/guards';
import { TheirAchievements } from '../posts/serializer.schema';
import {
  ActivityParam,
  Board,
  BoardQuery,
  BoardRules,
  MaybeRaceResult,
  MyAchievements,
  RaceBody,
  RaceResult,
  Review,
  ReviewBody,
  UserParam,
} from './awards.schema';

const tags = ['Social'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401] };

export const awardsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'get',
      path: '/achievements',
      tags,
      security,
      summary: 'Your achievements: earned with their receipts, withdrawn ones marked with why, locked ones with what they need',
      responses: { 200: json(MyAchievements, 'The catalog, yours'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.awards.mine((await requireUser(c.var.auth)).user.id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'get',
      path: '/people/{userId}/achievements',
      tags,
      security,
      summary:
        "Another athlete's achievements, when you follow them or their profile is public (never one earned only from Strava API data); 404 otherwise",
      request: { params: UserParam },
      responses: { 200: json(TheirAchievements, 'Their shared achievements'), ...std, 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.awards.theirs(user.id, c.req.valid('param').userId), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'social',
      scope: 'none',
      method: 'get',
      path: '/leaderboards',
      tags,
      security,
      summary:
        'A week’s board among you and the people you follow (and your coaching org’s athletes) who opted in, never anyone blocked; with your own exclusions and their reasons',
      request: { query: BoardQuery },
      responses: { 200: json(Board, 'The board'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.awards.board({ id: user.id, timeZone: user.timeZone }, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/leaderboards/rules',
      tags,
      security,
      summary: 'What counts on the boards, the week, and every reason an activity is left out',
      responses: { 200: json(BoardRules, 'The rules'), 401: errorResponses[401] },
    }),
    async (c) => c.json(c.var.services.awards.rules(), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'post',
      path: '/leaderboards/reviews',
      tags,
      security,
      summary: 'Ask for one of your excluded activities to be looked at again (a note of up to 500 characters; 10 a day)',
      request: { body: jsonBody(ReviewBody) },
      responses: {
        201: json(Review, 'The request'),
        ...std,
        404: errorResponses[404],
        409: errorResponses[409],
        429: errorResponses[429],
      },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const { activityId, note } = c.req.valid('json');
      return c.json(await c.var.services.awards.requestReview(user.id, activityId, note), 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'get',
      path: '/activities/{activityId}/race',
      tags,
      security,
      summary: 'Whether you marked one of your activities a race, and the place you gave',
      request: { params: ActivityParam },
      responses: { 200: json(MaybeRaceResult, 'The mark, or null'), ...std, 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.raceResults.get(user.id, c.req.valid('param').activityId), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'put',
      path: '/activities/{activityId}/race',
      tags,
      security,
      summary:
        'Mark one of your activities a race, with your place overall and the number of finishers if you like (racing achievements read only this)',
      request: { params: ActivityParam, body: jsonBody(RaceBody) },
      responses: { 200: json(RaceResult, 'Marked'), ...std, 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.raceResults.mark(user.id, c.req.valid('param').activityId, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'delete',
      path: '/activities/{activityId}/race',
      tags,
      security,
      summary: 'Take the race mark off one of your activities (its racing achievements are withdrawn if nothing else earns them)',
      request: { params: ActivityParam },
      responses: { 200: json(MaybeRaceResult, 'Unmarked'), ...std, 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      await c.var.services.raceResults.clear(user.id, c.req.valid('param').activityId);
      return c.json({ race: null }, 200);
    },
  );
