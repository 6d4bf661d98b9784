// A small PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): there is no writer on npm,
// only readers. Header (127 bytes), root directory, JSON metadata, leaf directories, tile data; directories and tiles
// gzipped; tiles clustered in Hilbert order, identical contents stored once and consecutive repeats run-length coded.
// Checked by reading back with the `pmtiles` package's own reader (pmtiles-writer.test.ts).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

export interface TileInput {
  z: number;
  x: number;
  y: number;
  /** The tile's bytes, uncompressed (the writer gzips them). */
  data: Uint8Array;
}

export interface ArchiveOptions {
  metadata: Record<string, unknown>;
  /** [minLon, minLat, maxLon, maxLat] */
  bounds: [number, number, number, number];
  center: [number, number, number];
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const HEADER_BYTES = 127;
/** The spec's limit: the header and the root directory fit in the first 16 KiB, fetched in one request. */
const ROOT_LIMIT = 16_384 - HEADER_BYTES;
const GZIP = 2;
const MVT = 1;

// gzip at a fixed level with no file name or mtime (node writes 0): the same input always gives the same bytes.
const gzip = (b: Uint8Array) => new Uint8Array(gzipSync(b, { level: 9 }));

function writeVarint(out: number[], n: number): void {
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** A directory as the spec lays it out: count, then tile-id deltas, run lengths, lengths, offsets (0 = contiguous). */
export function serializeDirectory(entries: Entry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    writeVarint(out, i > 0 && prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return gzip(Uint8Array.from(out));
}

/** The root alone when it fits in 16 KiB; else leaves of `leafSize` entries (grown until their root fits). */
function directories(entries: Entry[]): { root: Uint8Array; leaves: Uint8Array } {
  const whole = serializeDirectory(entries);
  if (whole.length <= ROOT_LIMIT) return { root: whole, leaves: new Uint8Array() };
  for (let leafSize = 4096; ; leafSize = Math.ceil(leafSize * 1.2)) {
    const rootEntries: Entry[] = [];
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = serializeDirectory(entries.slice(i, i + leafSize));
      rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 });
      parts.push(leaf);
      offset += leaf.length;
    }
    const root = serializeDirectory(rootEntries);
    if (root.length <= ROOT_LIMIT) return { root, leaves: concat(parts) };
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function writeHeader(h: {
  root: [number, number];
  metadata: [number, number];
  leaves: [number, number];
  tiles: [number, number];
  addressed: number;
  entries: number;
  contents: number;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
}): Uint8Array {
  const buf = new Uint8Array(HEADER_BYTES);
  const v = new DataView(buf.buffer);
  buf.set(new TextEncoder().encode('PMTiles'), 0);
  v.setUint8(7, 3);
  const u64 = (at: number, n: number) => v.setBigUint64(at, BigInt(n), true);
  [h.root, h.metadata, h.leaves, h.tiles].forEach(([offset, length], i) => {
    u64(8 + i * 16, offset);
    u64(16 + i * 16, length);
  });
  u64(72, h.addressed);
  u64(80, h.entries);
  u64(88, h.contents);
  v.setUint8(96, 1); // clustered
  v.setUint8(97, GZIP);
  v.setUint8(98, GZIP);
  v.setUint8(99, MVT);
  v.setUint8(100, h.minZoom);
  v.setUint8(101, h.maxZoom);
  const e7 = (deg: number) => Math.round(deg * 1e7);
  v.setInt32(102, e7(h.bounds[0]), true);
  v.setInt32(106, e7(h.bounds[1]), true);
  v.setInt32(110, e7(h.bounds[2]), true);
  v.setInt32(114, e7(h.bounds[3]), true);
  v.setUint8(118, h.center[2]);
  v.setInt32(119, e7(h.center[0]), true);
  v.setInt32(123, e7(h.center[1]), true);
  return buf;
}

/** The archive's bytes. Empty tiles (zero bytes) are left out: a reader answers "no tile" for them. */
export function writeArchive(tiles: Iterable<TileInput>, opts: ArchiveOptions): Uint8Array {
  const byId = new Map<number, Uint8Array>();
  let minZoom = 255;
  let maxZoom = 0;
  for (const t of tiles) {
    if (!t.data.length) continue;
    byId.set(zxyToTileId(t.z, t.x, t.y), t.data);
    minZoom = Math.min(minZoom, t.z);
    maxZoom = Math.max(maxZoom, t.z);
  }
  if (!byId.size) throw new Error('an archive needs at least one tile');
  const ids = [...byId.keys()].sort((a, b) => a - b);
  const entries: Entry[] = [];
  const parts: Uint8Array[] = [];
  const seen = new Map<string, { offset: number; length: number }>();
  let tileBytes = 0;
  for (const id of ids) {
    const raw = byId.get(id)!;
    const hash = createHash('sha256').update(raw).digest('hex');
    let stored = seen.get(hash);
    if (!stored) {
      const data = gzip(raw);
      stored = { offset: tileBytes, length: data.length };
      seen.set(hash, stored);
      parts.push(data);
      tileBytes += data.length;
    }
    const last = entries.at(-1);
    // A run: the next tile id with the very same bytes extends the previous entry.
    if (last && last.offset === stored.offset && last.tileId + last.runLength === id) last.runLength++;
    else entries.push({ tileId: id, offset: stored.offset, length: stored.length, runLength: 1 });
  }
  const { root, leaves } = directories(entries);
  const metadata = gzip(new TextEncoder().encode(JSON.stringify(opts.metadata)));
  const rootAt = HEADER_BYTES;
  const metadataAt = rootAt + root.length;
  const leavesAt = metadataAt + metadata.length;
  const tilesAt = leavesAt + leaves.length;
  const header = writeHeader({
    root: [rootAt, root.length],
    metadata: [metadataAt, metadata.length],
    leaves: [leavesAt, leaves.length],
    tiles: [tilesAt, tileBytes],
    addressed: ids.length,
    entries: entries.length,
    contents: seen.size,
    minZoom,
    maxZoom,
    bounds: opts.bounds,
    center: opts.center,
  });
  return concat([header, root, metadata, leaves, ...parts]);
}
