// The writer read back by the `pmtiles` package's own reader (the one the worker uses): every tile equal, the header's
// fields right, leaf directories once the root would pass 16 KiB, duplicates stored once and runs coded as runs; and the
// offline basemap itself: its header, attribution and a tile decoded independently (@mapbox/vector-tile).
import { readFileSync } from 'node:fs';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { PMTiles, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { ensureBasemap } from './build.ts';
import { LOCAL_ATTRIBUTION } from './constants.ts';
import { writeArchive, type TileInput } from './pmtiles-writer.ts';

const reader = (bytes: Uint8Array) => {
  const source: Source = {
    getKey: () => 'memory',
    getBytes: async (offset, length) => ({ data: bytes.slice(offset, offset + length).buffer }),
  };
  return new PMTiles(source);
};

function tilesAt(z: number, n: number, content: (i: number) => Uint8Array): TileInput[] {
  const out: TileInput[] = [];
  for (let i = 0; i < n; i++) out.push({ z, x: i % 2 ** z, y: Math.floor(i / 2 ** z) % 2 ** z, data: content(i) });
  return out;
}
const bytesOf = (s: string) => new TextEncoder().encode(s);

describe('PMTiles v3 writer', () => {
  it('writes an archive the pmtiles reader reads back tile for tile, with a root directory only', async () => {
    const tiles = [...tilesAt(0, 1, () => bytesOf('world')), ...tilesAt(3, 40, (i) => bytesOf(`tile ${i}`))];
    const archive = writeArchive(tiles, { metadata: { attribution: 'test' }, bounds: [-10, -20, 30, 40], center: [1, 2, 3] });
    const p = reader(archive);
    const h = await p.getHeader();
    expect(h).toMatchObject({
      specVersion: 3,
      rootDirectoryOffset: 127,
      leafDirectoryLength: 0,
      numAddressedTiles: 41,
      numTileEntries: 41,
      numTileContents: 41,
      clustered: true,
      internalCompression: 2,
      tileCompression: 2,
      tileType: 1,
      minZoom: 0,
      maxZoom: 3,
      minLon: -10,
      minLat: -20,
      maxLon: 30,
      maxLat: 40,
      centerLon: 1,
      centerLat: 2,
      centerZoom: 3,
    });
    expect(h.tileDataOffset + h.tileDataLength!).toBe(archive.length);
    expect(await p.getMetadata()).toEqual({ attribution: 'test' });
    for (const t of tiles) expect(new Uint8Array((await p.getZxy(t.z, t.x, t.y))!.data)).toEqual(t.data);
    expect(await p.getZxy(4, 0, 0)).toBeUndefined();
  });

  it('spills into leaf directories past 16 KiB, stores a repeated tile once and codes consecutive repeats as a run', async () => {
    // 20,000 tiles scattered over zoom 12 (a seeded walk), every fourth the same bytes: a directory far past 16 KiB.
    const same = bytesOf('ocean');
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed >>> 8;
    };
    const spots = new Map<string, TileInput>();
    while (spots.size < 20_000) {
      const [x, y] = [next() % 4096, next() % 4096];
      spots.set(`${x}/${y}`, { z: 12, x, y, data: spots.size % 4 === 0 ? same : bytesOf(`land ${x} ${y} ${'·'.repeat(next() % 50)}`) });
    }
    const tiles = [...spots.values()];
    const archive = writeArchive(tiles, { metadata: {}, bounds: [-180, -85, 180, 85], center: [0, 0, 0] });
    const p = reader(archive);
    const h = await p.getHeader();
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(h.numAddressedTiles).toBe(20_000);
    expect(h.numTileContents).toBe(20_000 - 20_000 / 4 + 1);
    for (const t of tiles) expect(new Uint8Array((await p.getZxy(t.z, t.x, t.y))!.data)).toEqual(t.data);

    const run = writeArchive(
      tilesAt(4, 256, () => same),
      { metadata: {}, bounds: [-180, -85, 180, 85], center: [0, 0, 0] },
    );
    const r = await reader(run).getHeader();
    expect({ addressed: r.numAddressedTiles, entries: r.numTileEntries, contents: r.numTileContents }).toEqual({
      addressed: 256,
      entries: 1,
      contents: 1,
    });
  });

  it('is deterministic: the same tiles give the same bytes', () => {
    const tiles = tilesAt(2, 16, (i) => bytesOf(`t${i}`));
    const opts = {
      metadata: { a: 1 },
      bounds: [0, 0, 1, 1] as [number, number, number, number],
      center: [0, 0, 0] as [number, number, number],
    };
    expect(writeArchive(tiles, opts)).toEqual(writeArchive([...tiles].reverse(), opts));
  });
});

describe('the offline basemap', () => {
  it('is a zoom 0–14 MVT archive in the Protomaps schema with its attribution; London at zoom 12 has streets and water', async () => {
    const { path } = ensureBasemap();
    const p = reader(new Uint8Array(readFileSync(path)));
    const h = await p.getHeader();
    expect({ min: h.minZoom, max: h.maxZoom, type: h.tileType }).toEqual({ min: 0, max: 14, type: 1 });
    expect(((await p.getMetadata()) as { attribution: string }).attribution).toBe(LOCAL_ATTRIBUTION);
    // London (51.5412, −0.1436) at zoom 12 is tile 2046/1361.
    const tile = await p.getZxy(12, 2046, 1361);
    const vt = new VectorTile(new Pbf(new Uint8Array(tile!.data)));
    expect(Object.keys(vt.layers).sort()).toEqual(['earth', 'landuse', 'roads', 'water']);
    const kinds = new Set(Array.from({ length: vt.layers.roads!.length }, (_, i) => vt.layers.roads!.feature(i).properties.kind));
    expect(kinds).toContain('minor_road');
    expect(vt.layers.roads!.feature(0).properties.synthetic).toBe(true);
  });
});
