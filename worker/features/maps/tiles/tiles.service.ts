// Basemap tiles and style behind the edge cache (ADR 097). A tile is looked up in the Cache API (per data centre) by
// its URL and the archive's version, so a new archive never meets an old tile; a miss reads the archive (R2 range
// requests) and is stored after the answer. Browsers keep a tile a day and revalidate with its ETag.
import { AppError, ErrorCode } from '../../../lib/errors';
import { BasemapMissing, type BasemapInfo, type BasemapSource } from './basemap';
import { basemapStyle, TILES_PATH } from './style';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
/** A day in browsers and at the edge; the edge key carries the archive version, so only browsers can be a day stale. */
export const TILE_CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=604800';
export const STYLE_CACHE_CONTROL = 'public, max-age=3600';

export interface TilesDeps {
  basemap: BasemapSource | null;
  /** The Cache API store (caches.default); null where there is none. */
  cache: Cache | null;
  defer: (p: Promise<unknown>) => void;
  /** Shown instead of the archive's attribution (production: OpenStreetMap's wording, ADR 097). */
  attribution?: string;
}

const unavailable = () =>
  new AppError(ErrorCode.UNAVAILABLE, 'The basemap is not available: its archive is not in the TILES bucket.', { retryAfterSeconds: 60 });

/** Whether an If-None-Match header names this ETag (a list, or *). */
export const etagMatches = (header: string | undefined, etag: string) =>
  !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

export function createTilesService({ basemap, cache, defer, attribution }: TilesDeps) {
  const info = async (): Promise<BasemapInfo> => {
    if (!basemap) throw unavailable();
    try {
      return await basemap.info();
    } catch (e) {
      if (e instanceof BasemapMissing) throw unavailable();
      throw e;
    }
  };

  return {
    /**
     * The tile as an HTTP answer: 200 with its MVT bytes, or 204 where the archive has none (MapLibre draws an empty
     * body as an empty tile), both cacheable; `cache` says whether the edge had it.
     */
    async tile(origin: string, z: number, x: number, y: number): Promise<{ response: Response; cache: 'hit' | 'miss' }> {
      const { version, maxzoom } = await info();
      const key = new Request(`${origin}${TILES_PATH}/${z}/${x}/${y}.mvt?v=${encodeURIComponent(version)}`);
      const hit = await cache?.match(key);
      if (hit) return { response: hit, cache: 'hit' };
      const bytes = z <= maxzoom ? await basemap!.getTile(z, x, y) : null;
      const headers = { 'Cache-Control': TILE_CACHE_CONTROL, ETag: `"${version}-${z}-${x}-${y}"` };
      const response = bytes
        ? new Response(bytes, { status: 200, headers: { ...headers, 'Content-Type': MVT_TYPE } })
        : new Response(null, { status: 204, headers });
      // Only tiles: the Cache API takes no 204, and an empty tile costs a directory lookup (already in memory), no tile read.
      if (cache && bytes) defer(cache.put(key, response.clone()).catch(() => {}));
      return { response, cache: 'miss' };
    },

    /** The MapLibre style: its tile URL under `origin`, the archive's zooms, bounds and attribution. */
    async style(origin: string) {
      const i = await info();
      return { style: basemapStyle(origin, attribution ? { ...i, attribution } : i), etag: `"style-${i.version}"` };
    },
  };
}

export type TilesService = ReturnType<typeof createTilesService>;
