// /api/v1/maps/tiles/{z}/{x}/{y}.mvt and /api/v1/maps/style.json end to end (workerd): the offline archive in the TILES
// bucket, read through R2 range requests, answered with the archive's own tile (decoded independently with
// @mapbox/vector-tile), through the edge cache with its headers; out of range 400, empty 204, no archive 503; the
// style references only the tile URL (no glyphs, no sprite) and carries the archive's attribution.
import { env } from 'cloudflare:test';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { PMTiles } from 'pmtiles';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASEMAP_KEY, LOCAL_ATTRIBUTION } from '../../../../scripts/basemap/constants.ts';
import { AppError } from '../../../lib/errors';
import { eventually } from '../../../testing/eventually';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { createR2Basemap } from './basemap';
import { createTilesService, MVT_TYPE, TILE_CACHE_CONTROL } from './tiles.service';
import { putBasemap, tileOf } from './tiles.testing';

let archive: PMTiles;
beforeAll(async () => {
  const bytes = await putBasemap();
  archive = new PMTiles({ getKey: () => 'fixture', getBytes: async (o, l) => ({ data: bytes.slice(o, o + l).buffer }) });
});

const layersOf = (bytes: ArrayBuffer) => new VectorTile(new Pbf(new Uint8Array(bytes))).layers;
const kinds = (layer: { length: number; feature(i: number): { properties: Record<string, unknown> } }) =>
  new Set(Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.kind));

describe('basemap tiles', () => {
  it('answers London at zoom 12 with the archive’s own tile: earth, water, the synthetic streets and park', async () => {
    const h = Harness.init();
    const { x, y } = tileOf(51.5412, -0.1436, 12);
    const res = await h.call(`/api/v1/maps/tiles/12/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MVT_TYPE);
    expect(res.headers.get('cache-control')).toBe(TILE_CACHE_CONTROL);
    expect(res.headers.get('etag')).toMatch(new RegExp(`^"[^"]+-12-${x}-${y}"$`));
    const body = await res.arrayBuffer();
    expect(new Uint8Array(body)).toEqual(new Uint8Array((await archive.getZxy(12, x, y))!.data));
    const layers = layersOf(body);
    expect(Object.keys(layers).sort()).toEqual(['earth', 'landuse', 'roads', 'water']);
    expect(kinds(layers.roads!)).toEqual(new Set(['major_road', 'minor_road', 'highway', 'path']));
    expect(kinds(layers.landuse!)).toContain('park');
    expect(layers.roads!.feature(0).properties.synthetic).toBe(true);
  });

  it('answers the world at zoom 2 with Natural Earth land, ocean and borders', async () => {
    const h = Harness.init();
    const { x, y } = tileOf(48, 10, 2); // Europe
    const res = await h.call(`/api/v1/maps/tiles/2/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    const layers = layersOf(await res.arrayBuffer());
    expect(layers.earth!.length).toBeGreaterThan(10);
    expect(kinds(layers.water!)).toContain('ocean');
    expect(layers.boundaries!.feature(0).properties).toMatchObject({ kind: 'country', kind_detail: 2 });
    expect(layers.roads).toBeUndefined();
  });

  it('is served from the edge cache once stored, revalidates with its ETag, and names gzip for a client that takes it', async () => {
    const h = Harness.init();
    const path = '/api/v1/maps/tiles/5/15/10.mvt';
    const first = await h.call(path);
    expect(first.status).toBe(200);
    const bytes = await first.arrayBuffer();
    const again = await eventually(
      () => h.call(path),
      (r) => r.headers.get('x-basemap-cache') === 'hit',
    );
    expect(again.headers.get('x-basemap-cache')).toBe('hit');
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(new Uint8Array(bytes));
    const etag = first.headers.get('etag')!;
    const revalidated = await h.call(path, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    const gz = await h.call(path, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
  });

  it('answers 204 with the same cache headers where the archive has no tile (open ocean, past its zooms)', async () => {
    const h = Harness.init();
    for (const path of ['/api/v1/maps/tiles/10/0/0.mvt', '/api/v1/maps/tiles/16/0/0.mvt']) {
      const res = await h.call(path);
      expect(res.status, path).toBe(204);
      expect(res.headers.get('cache-control')).toBe(TILE_CACHE_CONTROL);
      expect(await res.arrayBuffer()).toHaveProperty('byteLength', 0);
    }
  });

  it('refuses coordinates outside the zoom’s grid and malformed ones with 400 in the error shape', async () => {
    const h = Harness.init();
    for (const path of ['12/4096/0.mvt', '12/0/4096.mvt', '25/0/0.mvt', '-1/0/0.mvt', '2/1/1.png', '2/1/x.mvt', '2/1.5/1.mvt']) {
      const res = await h.call(`/api/v1/maps/tiles/${path}`);
      expect(res.status, path).toBe(400);
      expectErrorShape(await res.json(), 'VALIDATION');
    }
  });

  it('answers 503 UNAVAILABLE when the archive is not in the bucket', async () => {
    const service = createTilesService({
      basemap: createR2Basemap({ bucket: (env as unknown as { TILES: R2Bucket }).TILES, key: 'basemap/absent.pmtiles' }),
      cache: null,
      defer: () => {},
    });
    const refused = await service.tile('http://cadence.test', 0, 0, 0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('UNAVAILABLE');
  });
});

describe('basemap style', () => {
  it('shows the configured attribution instead of the archive’s when one is set (production: OpenStreetMap’s wording)', async () => {
    const osm = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';
    const service = createTilesService({
      basemap: createR2Basemap({ bucket: (env as unknown as { TILES: R2Bucket }).TILES, key: BASEMAP_KEY }),
      cache: null,
      defer: () => {},
      attribution: osm,
    });
    const { style } = await service.style('https://cadence.example');
    expect(style.sources.basemap).toMatchObject({ attribution: osm, tiles: ['https://cadence.example/api/v1/maps/tiles/{z}/{x}/{y}.mvt'] });
  });

  it('is a MapLibre v8 style whose one source is the tile URL under this origin, with the archive’s attribution', async () => {
    const h = Harness.init();
    const res = await h.call('/api/v1/maps/style.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const text = await res.text();
    const style = JSON.parse(text) as {
      version: number;
      sources: Record<string, { type: string; tiles: string[]; attribution: string; maxzoom: number; minzoom: number }>;
      layers: { id: string; type: string; source?: string; 'source-layer'?: string }[];
    };
    expect(style.version).toBe(8);
    expect(Object.keys(style)).not.toContain('glyphs');
    expect(Object.keys(style)).not.toContain('sprite');
    expect(style.sources).toEqual({
      basemap: {
        type: 'vector',
        tiles: ['http://cadence.test/api/v1/maps/tiles/{z}/{x}/{y}.mvt'],
        minzoom: 0,
        maxzoom: 14,
        bounds: [-180, -85.0511288, 180, 85.0511288],
        attribution: LOCAL_ATTRIBUTION,
      },
    });
    expect(style.layers.length).toBeGreaterThan(20);
    expect(style.layers.filter((l) => l.type !== 'background').every((l) => l.source === 'basemap')).toBe(true);
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(new Set(style.layers.map((l) => l['source-layer']).filter(Boolean))).toContain('roads');
    // No other URL than the tiles': nothing else for the CSP to allow.
    expect(text.match(/https?:\/\/[^"]+/g)).toEqual(['http://cadence.test/api/v1/maps/tiles/{z}/{x}/{y}.mvt']);
    const again = await h.call('/api/v1/maps/style.json', { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});
