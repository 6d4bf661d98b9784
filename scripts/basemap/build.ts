// The offline basemap (ADR 097): a real PMTiles v3 archive in the Protomaps basemap schema, so dev and the tests run
// the production path (archive in R2 → worker → edge cache → MapLibre) with nothing leaving the machine. Natural Earth
// worldwide at zooms 0–8; a synthetic street layer to zoom 14 within 15 km of each demo place. Deterministic: the
// same inputs give the same bytes, cached under .data/basemap/ by a hash of those inputs.
//
//   node scripts/basemap/build.ts [--out file.pmtiles]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection } from 'geojson';
import { PLACES } from '../sandbox/strava/tz.ts';
import { LOCAL_ATTRIBUTION } from './constants.ts';
import { writeArchive, type TileInput } from './pmtiles-writer.ts';
import { syntheticBounds, syntheticLayers } from './synthetic.ts';
import { worldLayers } from './world.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WORLD_MAX_ZOOM = 8;
export const DETAIL_MAX_ZOOM = 14;
const EXTENT = 4096;
/** Below it a 30 km square is a few pixels: the synthetic streets and parks would only weigh the world's tiles. */
const SYNTHETIC_MIN_ZOOM = 7;

const LAYERS = ['earth', 'water', 'landuse', 'roads', 'boundaries'] as const;
type Layer = (typeof LAYERS)[number];

const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

function indexes(): Record<Layer, GeoJSONVT> {
  const world = worldLayers();
  const synthetic = PLACES.map((p, i) => syntheticLayers(p, 1_000 + i));
  const opts = { maxZoom: DETAIL_MAX_ZOOM, indexMaxZoom: 4, tolerance: 3, extent: EXTENT, buffer: 64 };
  const vt = (features: Feature[]) => new GeoJSONVT(collection(features), opts);
  return {
    earth: vt(world.earth),
    water: vt([...world.water, ...synthetic.flatMap((s) => s.water)]),
    landuse: vt(synthetic.flatMap((s) => s.landuse)),
    roads: vt(synthetic.flatMap((s) => s.roads)),
    boundaries: vt(world.boundaries),
  };
}

const lngToX = (lng: number, z: number) => Math.floor(((lng + 180) / 360) * 2 ** z);
const latToY = (lat: number, z: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z);
};

/** Every tile to write: the whole world to WORLD_MAX_ZOOM, then the squares around the places to DETAIL_MAX_ZOOM. */
function* tileCoordinates(): Generator<[number, number, number]> {
  for (let z = 0; z <= WORLD_MAX_ZOOM; z++) for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) yield [z, x, y];
  const seen = new Set<string>();
  for (let z = WORLD_MAX_ZOOM + 1; z <= DETAIL_MAX_ZOOM; z++)
    for (const p of PLACES) {
      const [w, s, e, n] = syntheticBounds(p);
      for (let x = lngToX(w, z); x <= lngToX(e, z); x++)
        for (let y = latToY(n, z); y <= latToY(s, z); y++) {
          const key = `${z}/${x}/${y}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield [z, x, y];
        }
    }
}

function* encodedTiles(): Generator<TileInput> {
  const idx = indexes();
  for (const [z, x, y] of tileCoordinates()) {
    const layers: Record<string, GeoJSONVTTile> = {};
    for (const name of LAYERS) {
      if (z < SYNTHETIC_MIN_ZOOM && (name === 'roads' || name === 'landuse')) continue;
      const tile = idx[name].getTile(z, x, y);
      if (tile?.features.length) layers[name] = tile;
    }
    if (Object.keys(layers).length) yield { z, x, y, data: fromGeojsonVt(layers, { version: 2, extent: EXTENT }) };
  }
}

export function buildBasemap(): Uint8Array {
  const bounds = PLACES.map(syntheticBounds);
  return writeArchive(encodedTiles(), {
    bounds: [-180, -85.0511287798, 180, 85.0511287798],
    center: [PLACES[0]!.lng, PLACES[0]!.lat, 12],
    metadata: {
      name: 'Cadence offline basemap',
      description: 'Natural Earth 1:50m worldwide (zooms 0–8) and synthetic streets around the demo places (to zoom 14)',
      version: '1',
      type: 'baselayer',
      attribution: LOCAL_ATTRIBUTION,
      synthetic_bounds: bounds,
      vector_layers: [
        { id: 'earth', fields: { kind: 'String' }, minzoom: 0, maxzoom: DETAIL_MAX_ZOOM },
        { id: 'water', fields: { kind: 'String', synthetic: 'Boolean' }, minzoom: 0, maxzoom: DETAIL_MAX_ZOOM },
        { id: 'landuse', fields: { kind: 'String', synthetic: 'Boolean' }, minzoom: 0, maxzoom: DETAIL_MAX_ZOOM },
        { id: 'roads', fields: { kind: 'String', synthetic: 'Boolean' }, minzoom: 0, maxzoom: DETAIL_MAX_ZOOM },
        { id: 'boundaries', fields: { kind: 'String', kind_detail: 'Number' }, minzoom: 0, maxzoom: DETAIL_MAX_ZOOM },
      ],
    },
  });
}

/** What the archive is made from: these sources and the data packages' versions. A change to any makes a new file. */
function inputsHash(): string {
  const h = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  for (const f of ['build.ts', 'constants.ts', 'world.ts', 'synthetic.ts', 'pmtiles-writer.ts']) h.update(readFileSync(join(here, f)));
  h.update(readFileSync(join(ROOT, 'scripts/sandbox/strava/tz.ts')));
  for (const pkg of ['world-atlas', 'topojson-client', '@maplibre/geojson-vt', '@maplibre/vt-pbf'])
    h.update(
      `${pkg}@${(JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version}`,
    );
  return h.digest('hex').slice(0, 16);
}

/** The archive's path under .data/basemap/, built first when these inputs have not been built yet (~10 s). */
export function ensureBasemap(dir = join(ROOT, '.data/basemap')): { path: string; hash: string; built: boolean } {
  const hash = inputsHash();
  const path = join(dir, `v1-${hash}.pmtiles`);
  if (existsSync(path)) return { path, hash, built: false };
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, buildBasemap());
  // A rename, so a reader never sees half a file (two test runs may build at once).
  renameSync(tmp, path);
  return { path, hash, built: true };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv.indexOf('--out');
  const t0 = performance.now();
  if (out > 0 && process.argv[out + 1]) {
    const bytes = buildBasemap();
    writeFileSync(process.argv[out + 1]!, bytes);
    console.log(`${process.argv[out + 1]}: ${bytes.length} bytes in ${Math.round(performance.now() - t0)} ms`);
  } else {
    const { path, built } = ensureBasemap();
    console.log(`${path}${built ? ` built in ${Math.round(performance.now() - t0)} ms` : ' (cached)'}`);
  }
}
