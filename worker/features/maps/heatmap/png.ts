// A tiny PNG encoder for heatmap tiles (ADR 100): 8-bit palette (colour type 3) with a tRNS chunk for transparency,
// filter 0 on every row, the zlib stream from the platform's CompressionStream('deflate') (RFC 1950, as IDAT needs),
// CRC-32 per chunk (ISO 3309, the polynomial PNG names). No library: ~60 lines that workerd and Node both run.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, crc = 0xffffffff): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, (crc32(out.subarray(4, 8 + data.length)) ^ 0xffffffff) >>> 0);
  return out;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A width × height image of palette indices, each palette entry [r, g, b, a]. */
export async function encodePalettePng(
  width: number,
  height: number,
  indices: Uint8Array,
  palette: readonly (readonly [number, number, number, number])[],
): Promise<Uint8Array> {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const ihdr = new Uint8Array(13);
  const hv = new DataView(ihdr.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('PLTE', new Uint8Array(palette.flatMap(([r, g, b]) => [r, g, b]))),
    chunk('tRNS', new Uint8Array(palette.map((p) => p[3]))),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Reads back what encodePalettePng wrote (tests and the bench check tiles pixel by pixel): indices and palette. */
export async function decodePalettePng(
  png: Uint8Array,
): Promise<{ width: number; height: number; indices: Uint8Array; alpha: Uint8Array }> {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let o = 8;
  let width = 0;
  let height = 0;
  let alpha = new Uint8Array(0);
  const idat: Uint8Array[] = [];
  while (o < png.length) {
    const len = v.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const data = png.subarray(o + 8, o + 8 + len);
    if ((crc32(png.subarray(o + 4, o + 8 + len)) ^ 0xffffffff) >>> 0 !== v.getUint32(o + 8 + len)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') [width, height] = [v.getUint32(o + 8), v.getUint32(o + 12)];
    if (type === 'tRNS') alpha = data.slice();
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const stream = new Blob(idat as BlobPart[]).stream().pipeThrough(new DecompressionStream('deflate'));
  const raw = new Uint8Array(await new Response(stream).arrayBuffer());
  const indices = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) indices.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  return { width, height, indices, alpha };
}
