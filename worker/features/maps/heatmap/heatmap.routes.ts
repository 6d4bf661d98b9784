// /api/v1/maps/heatmap/{z}/{x}/{y}.png and /summary: the signed-in athlete's own heatmap (ADR 100). No route names
// an athlete: every read is keyed by the session's user, so nobody's heatmap is reachable by anyone else.
import { z } from '@hono/zod-openapi';
import { signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { AppError, ErrorCode } from '../../../lib/errors';
import { HeatmapFilter, HeatmapSummary, TileParams } from './heatmap.schema';
import { MAX_ZOOM } from './raster.calc';

const tags = ['Maps'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401] };

/** Whether `If-None-Match` names this ETag (a list, weak or strong, or *). */
const matches = (header: string | undefined, etag: string): boolean =>
  !!header && header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);

/** Private: the browser keeps it; revalidated each time (the ETag makes that a 304 until a route changes). */
const CACHE = 'private, no-cache';

export const heatmapRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/heatmap/summary',
      tags,
      security,
      summary: 'Your heatmap’s sports and months with routes, their counts, and the box to fit the map to (only yours)',
      responses: { 200: json(HeatmapSummary, 'The summary; zero activities and a null box before any route'), ...std },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ ...(await c.var.services.heatmap.summary(user.id)), maxZoom: MAX_ZOOM }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/heatmap/{z}/{x}/{y}',
      tags,
      security,
      summary: 'One tile of your heatmap as a PNG (256 px, transparent where no route; only yours)',
      description: `Web Mercator, z/x/y as slippy maps, zooms 0–${MAX_ZOOM}. Each pixel is coloured by how many of your activities passed through it (log₂ bins), filtered by sport and whole UTC months. 204 when no route passes through the tile (MapLibre draws an empty body as transparent). ETag from the buckets read; If-None-Match answers 304.`,
      request: { params: TileParams, query: HeatmapFilter },
      responses: {
        200: { description: 'The tile', content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } } },
        204: { description: 'No route passes through this tile' },
        304: { description: 'Unchanged since the ETag given in If-None-Match' },
        ...std,
      },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const { z: zoom, x, y } = c.req.valid('param');
      const size = 2 ** zoom;
      if (zoom > MAX_ZOOM || x >= size || y >= size)
        throw new AppError(ErrorCode.VALIDATION, `no such tile: zoom 0–${MAX_ZOOM}, x and y 0 to 2^z − 1`, {
          fields: [{ path: zoom > MAX_ZOOM ? 'z' : x >= size ? 'x' : 'y', message: 'outside the tile grid' }],
        });
      const inm = c.req.header('if-none-match');
      const answer = await c.var.services.heatmap.tile(
        user.id,
        { z: zoom, x, y, ...c.req.valid('query') },
        inm ? (etag) => matches(inm, etag) : undefined,
      );
      if (answer === 'unchanged') return c.body(null, 304, { 'Cache-Control': CACHE });
      const headers = { ETag: answer.etag, 'Cache-Control': CACHE };
      if (!answer.png) return c.body(null, 204, headers);
      return c.body(answer.png as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Type': 'image/png' });
    },
  );
