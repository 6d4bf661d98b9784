// /api/v1/maps/style.json and /api/v1/maps/tiles/{z}/{x}/{y}.mvt: the basemap (ADR 097). Public map data with no
// personal data in it, so no session: MapLibre fetches both from the page as any map client would.
import { publicAccess } from '../../../http/access';
import { ErrorResponse, errorResponses, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { AppError, ErrorCode } from '../../../lib/errors';
import { createR2Basemap } from './basemap';
import { BasemapStyle, TileParams } from './tiles.schema';
import { createTilesService, etagMatches, MVT_TYPE, STYLE_CACHE_CONTROL } from './tiles.service';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';

const access = publicAccess('basemap tiles: public map data, no personal data');
const tags = ['Maps'];
const unavailable = { description: 'The basemap archive is not in place', content: { 'application/json': { schema: ErrorResponse } } };

function tiles(c: Context<AppEnv>) {
  const bucket = c.env.TILES;
  return createTilesService({
    basemap: bucket ? createR2Basemap({ bucket, key: c.env.BASEMAP_KEY }) : null,
    cache: (globalThis as { caches?: { default?: Cache } }).caches?.default ?? null,
    defer: c.var.services.defer,
    attribution: c.env.BASEMAP_ATTRIBUTION,
  });
}

/** The answer as it goes out: 304 when the browser has it, and gzip on the wire for a client that takes it. */
function send(c: Context<AppEnv>, res: Response, cache: string): Response {
  const etag = res.headers.get('etag');
  const headers = new Headers(res.headers);
  headers.set('X-Basemap-Cache', cache);
  if (etag && etagMatches(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  // MVT is not on Cloudflare's list of types it compresses: naming gzip makes the runtime compress the bytes. A cache
  // hit may come back naming gzip whatever this client takes (its body reads decoded): the client decides.
  headers.delete('Content-Encoding');
  if (res.status === 200 && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) headers.set('Content-Encoding', 'gzip');
  headers.set('Vary', 'Accept-Encoding');
  return new Response(res.body, { status: res.status, headers });
}

export const mapTilesRoutes = createRouter()
  .openapi(
    createRoute({
      access,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/style.json',
      tags,
      summary: 'The basemap’s MapLibre style (v8): one vector source, the tile URL under this origin, no labels, glyphs or sprite',
      responses: { 200: json(BasemapStyle, 'The style'), 304: { description: 'Unchanged (If-None-Match)' }, 503: unavailable },
    }),
    async (c) => {
      const { style, etag } = await tiles(c).style(new URL(c.req.url).origin);
      const headers = { ETag: etag, 'Cache-Control': STYLE_CACHE_CONTROL };
      if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
      return c.json(style, 200, headers);
    },
  )
  .openapi(
    createRoute({
      access,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/tiles/{z}/{x}/{y}',
      tags,
      summary: 'One basemap tile (Mapbox Vector Tile) from the archive, through the edge cache; 204 where the map is empty',
      description: 'The URL MapLibre uses is /api/v1/maps/tiles/{z}/{x}/{y}.mvt (the style names it).',
      request: { params: TileParams },
      responses: {
        200: { description: 'The tile', content: { [MVT_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
        204: { description: 'No tile there: an empty map (MapLibre draws nothing)' },
        304: { description: 'Unchanged (If-None-Match)' },
        400: errorResponses[400],
        503: unavailable,
      },
    }),
    async (c) => {
      const { z, x, y } = c.req.valid('param');
      const side = 2 ** z;
      if (x >= side || y >= side)
        throw new AppError(ErrorCode.VALIDATION, `x and y must be below 2^z = ${side} at zoom ${z}`, {
          fields: [{ path: x >= side ? 'x' : 'y', message: `must be below ${side}` }],
        });
      const { response, cache } = await tiles(c).tile(new URL(c.req.url).origin, z, x, y);
      return send(c, response, cache);
    },
  );
