// The plan's exports over HTTP: the calendar feed's settings (under /plans/feed), workout files and the
// PDF (Pro, entitled('exports')), and the public feed itself, which a calendar app fetches without a session.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { refuseWhileImpersonating, requireUser } from '../../../http/guards';
import { errorResponses, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk, publicAccess, signedIn } from '../../../http/access';
import { FreeText } from '../../../lib/text.schema';
import { athleteOf } from '../../analytics';
import { entitled } from '../../membership';
import { PlanIdParam, WorkoutParams } from '../plans.schema';
import { FILE_FORMATS } from './plans-exports.service';

const tags = ['Plans'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };
const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});

const FeedStatus = z.object({ active: z.boolean(), createdAt: z.iso.datetime().nullable() }).openapi('CalendarFeedStatus');
const FeedCreated = z
  .object({
    url: z.url().openapi({ description: 'The secret feed URL: shown this once, only its hash is kept' }),
    createdAt: z.iso.datetime(),
  })
  .openapi('CalendarFeedCreated');
const FileQuery = z.object({
  format: z
    .enum(FILE_FORMATS)
    .openapi({ description: 'fit: Garmin and most devices; zwo: Zwift; erg (watts) and mrc (% FTP): indoor trainer apps, rides only' }),
});

const attachment = (name: string) => `attachment; filename="${name}"`;

async function viewerAthlete(c: Context<AppEnv>) {
  const viewer = await requireUser(c.var.auth);
  return { viewer, athlete: athleteOf(viewer.user) };
}

// Reading and turning off the feed are not gated: an athlete whose Pro lapsed can still see a live
// link exists and revoke it. Making a new link is the Pro action.
export const planExportsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/feed',
      tags,
      security,
      summary: 'Whether your calendar feed is on (the URL itself is shown only when made)',
      responses: { 200: json(FeedStatus, 'Feed status'), ...std },
    }),
    async (c) => {
      const { viewer } = await viewerAthlete(c);
      return c.json(await c.var.services.planExports.feedStatus(viewer.user.id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('create a calendar feed URL'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/feed',
      tags,
      security,
      middleware: [entitled('exports')] as const,
      summary: 'A new secret calendar feed URL; the previous one stops working (Pro)',
      responses: { 201: json(FeedCreated, 'The new URL, shown once'), ...std },
    }),
    async (c) => {
      const { viewer } = await viewerAthlete(c);
      // The feed URL is a bearer secret for the athlete's calendar: theirs to mint, not an operator's.
      refuseWhileImpersonating(viewer, 'create a calendar feed URL');
      return c.json(await c.var.services.planExports.createFeed(viewer.user.id), 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('turn the calendar feed off'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/feed',
      tags,
      security,
      summary: 'Turn the calendar feed off (its URL answers 404 from now on)',
      responses: { 204: { description: 'Revoked' }, ...std },
    }),
    async (c) => {
      const { viewer } = await viewerAthlete(c);
      await c.var.services.planExports.revokeFeed(viewer.user.id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/{planId}/workouts/{workoutId}/file',
      tags,
      security,
      middleware: [entitled('exports')] as const,
      summary: 'A workout as a device file: FIT (run, bike, swim), Zwift .zwo (ride, run), .erg/.mrc (ride) (Pro)',
      request: { params: WorkoutParams, query: FileQuery },
      responses: {
        200: {
          description: 'The file',
          content: {
            ...binary('application/vnd.ant.fit', '').content,
            ...binary('application/xml', '').content,
            ...binary('text/plain', '').content,
          },
        },
        ...std,
      },
    }),
    async (c) => {
      const { athlete } = await viewerAthlete(c);
      const p = c.req.valid('param');
      const file = await c.var.services.planExports.workoutFile(athlete, p.planId, p.workoutId, c.req.valid('query').format);
      return c.body(file.body, 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': attachment(file.fileName),
        'Cache-Control': 'private, no-store',
      });
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/{planId}/pdf',
      tags,
      security,
      middleware: [entitled('exports')] as const,
      summary: 'The whole plan as a printable PDF (Pro)',
      request: { params: PlanIdParam },
      responses: { 200: binary('application/pdf', 'The PDF'), ...std },
    }),
    async (c) => {
      const { viewer, athlete } = await viewerAthlete(c);
      const pdf = await c.var.services.planExports.pdf(athlete, viewer.user.displayName, c.req.valid('param').planId);
      return c.body(pdf.body, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': attachment(pdf.fileName),
        'Cache-Control': 'private, no-store',
      });
    },
  );

// Any wrong token is the same 404, so the bound is loose: it only keeps control characters out.
const FeedParam = z.object({
  token: FreeText({ max: 2048, trim: false }).openapi({
    param: { name: 'token', in: 'path' },
    description: 'The secret token followed by .ics',
    example: 'aBc…xyz.ics',
  }),
});

/** Whether `If-None-Match` names this ETag (a list, weak or strong, or *). */
const matches = (header: string | undefined, etag: string): boolean =>
  !!header && header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);

/**
 * The public feed, fetched by calendar apps with no session and no CSRF token (a GET: the origin check
 * lets it through; a session is read only when a cookie comes, to refuse an impersonation). The secret is
 * the URL: unknown, malformed and revoked tokens are one 404, so none tells which. A lapsed (Free)
 * athlete's live feed answers 403 ENTITLEMENT_REQUIRED naming Pro and is kept, so the subscription
 * resumes with Pro; calendar apps just stop updating meanwhile. Skipped workouts and rest days are left
 * out (the serializer's choice: nothing to do that day), and a moved workout keeps its UID with a higher
 * SEQUENCE.
 * Not rate-limited: 32 random bytes cannot be guessed, a wrong token costs one indexed lookup, and the
 * ETag lets polling clients get a 304. Hits are logged with the feed's id, never the token.
 */
export const calendarFeedRoutes = createRouter().openapi(
  createRoute({
    access: publicAccess('the secret feed URL'),
    risk: highRisk('open the calendar feed'),
    dataUse: 'none',
    scope: 'none',
    method: 'get',
    path: '/{token}',
    tags,
    summary: 'Your plan as an iCalendar feed (the secret URL from POST /plans/feed; no session)',
    request: { params: FeedParam },
    responses: {
      200: { description: 'The feed', content: { 'text/calendar': { schema: z.string() } } },
      304: { description: 'Unchanged since the ETag given in If-None-Match' },
      403: errorResponses[403],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const name = c.req.valid('param').token;
    const feed = await c.var.services.planExports.feed(name.endsWith('.ics') ? name.slice(0, -4) : '');
    const headers = { ETag: feed.etag, 'Cache-Control': 'private, max-age=300' };
    const fresh = matches(c.req.header('if-none-match'), feed.etag);
    c.var.logger.info('calendar feed served', { feedId: feed.feedId, status: fresh ? 304 : 200 });
    if (fresh) return c.body(null, 304, headers);
    return c.body(feed.ics, 200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8' });
  },
);
