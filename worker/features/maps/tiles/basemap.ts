// Where basemap tiles come from (ADR 097): one small interface, and its production implementation — a PMTiles v3
// archive in R2 read with range requests through the `pmtiles` package (header, root and leaf directories, gzip).
import { Compression, EtagMismatch, PMTiles, ResolvedValueCache, type RangeResponse, type Source } from 'pmtiles';

export interface BasemapInfo {
  /** Shown on the map, as the data's licence asks (OpenStreetMap's ODbL: "© OpenStreetMap contributors"). */
  attribution: string;
  minzoom: number;
  maxzoom: number;
  /** [west, south, east, north] degrees */
  bounds: [number, number, number, number];
  /** Changes whenever the archive does: part of every cache key and ETag. */
  version: string;
}

export interface BasemapSource {
  /** The tile's MVT bytes, uncompressed; null when the archive has none there (an empty tile). */
  getTile(z: number, x: number, y: number): Promise<Uint8Array<ArrayBuffer> | null>;
  info(): Promise<BasemapInfo>;
}

/** What an archive without an attribution of its own is shown with: the production planet is OpenStreetMap data. */
export const DEFAULT_ATTRIBUTION = '© OpenStreetMap contributors';

/**
 * A pmtiles Source over one R2 object. Every read after the header names the header's etag (`onlyIf`): an archive
 * replaced in between answers no body, and pmtiles drops what it cached and starts again (EtagMismatch).
 */
export class R2RangeSource implements Source {
  constructor(
    private readonly bucket: R2Bucket,
    private readonly key: string,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number, _signal?: AbortSignal, etag?: string): Promise<RangeResponse> {
    const object = await this.bucket.get(this.key, { range: { offset, length }, ...(etag ? { onlyIf: { etagMatches: etag } } : {}) });
    if (!object) throw new BasemapMissing(this.key);
    if (!('body' in object)) throw new EtagMismatch(`${this.key} changed while being read`);
    return { data: await object.arrayBuffer(), etag: object.etag };
  }
}

export class BasemapMissing extends Error {
  constructor(key: string) {
    super(`no basemap archive at ${key}`);
  }
}

// Header and directories decoded once per isolate, keyed by archive and etag; values, not promises, which Workers
// cannot share between requests (the pmtiles package's own advice for Workers).
const directoryCache = new ResolvedValueCache(64);

// Tiles are gzip in every Protomaps build; the runtime's DecompressionStream does it without a library.
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  if (compression !== Compression.Gzip) throw new Error(`basemap compression ${compression} is not supported (gzip or none)`);
  return new Response(new Response(buf).body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

// The archive's facts, per archive and version: one metadata read per isolate, not one per style or tile request.
const infos = new Map<string, BasemapInfo>();

/** The production basemap: the archive at `key` in `bucket`. */
export function createR2Basemap({ bucket, key }: { bucket: R2Bucket; key: string }): BasemapSource {
  const archive = new PMTiles(new R2RangeSource(bucket, key), directoryCache, decompress);
  return {
    async getTile(z, x, y) {
      const tile = await archive.getZxy(z, x, y);
      return tile && tile.data.byteLength ? new Uint8Array(tile.data) : null;
    },
    async info() {
      const h = await archive.getHeader();
      const version = (h.etag ?? `${h.tileDataOffset}-${h.tileDataLength}`).replace(/"/g, '');
      const known = infos.get(`${key}|${version}`);
      if (known) return known;
      const meta = ((await archive.getMetadata()) ?? {}) as { attribution?: unknown };
      const info: BasemapInfo = {
        attribution: typeof meta.attribution === 'string' && meta.attribution ? meta.attribution : DEFAULT_ATTRIBUTION,
        minzoom: h.minZoom,
        maxzoom: h.maxZoom,
        bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
        version,
      };
      infos.set(`${key}|${version}`, info);
      return info;
    },
  };
}
