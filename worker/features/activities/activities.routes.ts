import { createRoute, createRouter } from '../../http/router';
import { highRisk, signedIn } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { notFound } from '../../lib/errors';
import { actorOf, requireUser } from '../../http/guards';
import type { ActivityRow } from './activities.repo';
import type { LinkedCopy } from './activities.reads';
import {
  ActivityDetail,
  ActivityIdParam,
  ActivityList,
  ActivitySearch,
  ActivitySummary,
  BulkEditIdParam,
  BulkEditInput,
  BulkEditResult,
  ListActivitiesQuery,
  SearchActivitiesQuery,
  SplitResult,
  UndoResult,
} from './activities.schema';

const tags = ['Activities'];
const security = [{ session: [] }];

export const presentActivity = (a: ActivityRow): ActivitySummary => ({
  id: a.id,
  source: a.source,
  sport: a.sport,
  sportOriginal: a.sportOriginal,
  name: a.name,
  startTime: a.startTime.toISOString(),
  localStartDate: a.localStartDate,
  movingTimeS: a.movingTimeS,
  elapsedTimeS: a.elapsedTimeS,
  distanceM: a.distanceM,
  elevationGainM: a.elevationGainM,
  avgHr: a.avgHr,
  maxHr: a.maxHr,
  avgPower: a.avgPower,
  detailComplete: a.detailComplete,
});

export const presentActivityDetail = (a: ActivityRow, copies: LinkedCopy[]): ActivityDetail => ({
  ...presentActivity(a),
  duplicateOf: a.duplicateOf,
  linkedCopies: copies.map((c) => ({ ...c, startTime: c.startTime.toISOString() })),
  dataQuality: a.dataQuality,
  sportInferred: a.sportInferred,
  description: a.extras.description ?? null,
  gear: a.extras.gear ?? null,
  commute: a.extras.commute ?? null,
  replacedStravaCopy: a.extras.upgradedFrom !== undefined,
});

export const activitiesRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your activities, newest first; one row per effort even when several sources have it',
      request: { query: ListActivitiesQuery },
      responses: { 200: json(ActivityList, 'Activities'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const { limit, before } = c.req.valid('query');
      const s = c.var.services.activities;
      const [rows, total] = await Promise.all([
        s.list(user.id, 'owner', { limit, before: before ? new Date(before) : undefined }),
        s.count(user.id),
      ]);
      const last = rows.at(-1);
      return c.json(
        { activities: rows.map(presentActivity), total, nextBefore: rows.length === limit && last ? last.startTime.toISOString() : null },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/search',
      tags,
      security,
      summary: 'Search, filter and sort your activities (the activities list), a page at a time',
      description:
        'Matches words in the name, description or your note; filters by sport, dates, source, device, tags and hidden; sorts by any column (missing values last). Deleted activities inside their undo window are left out.',
      request: { query: SearchActivitiesQuery },
      responses: { 200: json(ActivitySearch, 'Activities'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const q = c.req.valid('query');
      const s = c.var.services.activities.listing;
      const [page, facets] = await Promise.all([
        s.search(user.id, { ...q, sports: q.sport, sources: q.source, tags: q.tag }),
        s.facets(user.id),
      ]);
      return c.json(
        { activities: page.rows.map((r) => ({ ...r, startTime: r.startTime.toISOString() })), total: page.total, ...facets },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete or change activities in bulk'),
      dataUse: 'owner',
      scope: 'none',
      effect: 'write',
      method: 'post',
      path: '/bulk',
      tags,
      security,
      summary: 'Change several activities at once: sport, tags, hidden, or delete; undoable for ten minutes',
      description:
        'All or nothing: an id that is not one of your activities answers 404 and nothing changes. Each change acts on the effort, every linked recording of it. Answers with the edit to undo.',
      request: { body: jsonBody(BulkEditInput) },
      responses: { 200: json(BulkEditResult, 'Changed'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const { ids, change } = c.req.valid('json');
      return c.json(await c.var.services.activities.listing.bulkEdit(actorOf(viewer), ids, change), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      effect: 'write',
      method: 'post',
      path: '/bulk/{editId}/undo',
      tags,
      security,
      summary: 'Undo a bulk change: the activities get back their sport, tags and hidden flag, and deleted ones come back',
      request: { params: BulkEditIdParam },
      responses: {
        200: json(UndoResult, 'Undone'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
        409: errorResponses[409],
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.activities.listing.undo(actorOf(viewer), c.req.valid('param').editId), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/{id}',
      tags,
      security,
      summary: 'One of your activities, with its data-quality notes and the other recordings it is linked with',
      request: { params: ActivityIdParam },
      responses: { 200: json(ActivityDetail, 'Activity'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const id = c.req.valid('param').id;
      const s = c.var.services.activities;
      const [row, copies] = await Promise.all([s.get(user.id, id), s.linkedCopies(user.id, id)]);
      if (!row) throw notFound('Activity');
      return c.json(presentActivityDetail(row, copies), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'post',
      path: '/{id}/split',
      tags,
      security,
      summary: 'These are different activities: separate this one from the copies it was linked with',
      description:
        'Detaches the activity from its duplicate group: it and every other member are counted as distinct activities from now on, also after either file is imported again or the Strava copy is synced again. Idempotent.',
      request: { params: ActivityIdParam },
      responses: { 200: json(SplitResult, 'Separated'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const id = c.req.valid('param').id;
      const s = c.var.services.activities;
      const { detached } = await s.split(actorOf(viewer), id);
      const [row, copies] = await Promise.all([s.get(viewer.user.id, id), s.linkedCopies(viewer.user.id, id)]);
      if (!row) throw notFound('Activity');
      return c.json({ detached, activity: presentActivityDetail(row, copies) }, 200);
    },
  );
