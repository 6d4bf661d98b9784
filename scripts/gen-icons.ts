// Writes the app icons (web/public/icons/*.png) from the favicon's drawing: a teal tile with a white wave.
// Run by hand when the mark changes (`node scripts/gen-icons.ts`); the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const TEAL = [0x0f, 0x76, 0x6e];
const OUT = join(import.meta.dirname, '../web/public/icons');

// The favicon's path on its 32-unit grid: M7 20 c3 0 4-8 7-8 s3 8 6 8 4-6 5-6, as cubic Béziers.
const CURVES: [number, number][][] = [
  [
    [7, 20],
    [10, 20],
    [11, 12],
    [14, 12],
  ],
  [
    [14, 12],
    [17, 12],
    [17, 20],
    [20, 20],
  ],
  [
    [20, 20],
    [23, 20],
    [24, 14],
    [25, 14],
  ],
];

function wavePoints(): [number, number][] {
  const points: [number, number][] = [];
  for (const [a, b, c, d] of CURVES) {
    for (let i = 0; i <= 200; i++) {
      const t = i / 200;
      const u = 1 - t;
      const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
      points.push([
        w[0]! * a![0] + w[1]! * b![0] + w[2]! * c![0] + w[3]! * d![0],
        w[0]! * a![1] + w[1]! * b![1] + w[2]! * c![1] + w[3]! * d![1],
      ]);
    }
  }
  return points;
}

/** RGBA pixels: `inset` is the share of the side kept clear around the mark (maskable icons need a safe zone). */
function draw(size: number, { rounded, inset }: { rounded: boolean; inset: number }): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const scale = (size * (1 - 2 * inset)) / 32;
  const offset = size * inset;
  const radius = rounded ? 8 * (size / 32) : 0;
  const stroke = (2.5 / 2) * scale;
  const points = wavePoints().map(([x, y]) => [offset + x * scale, offset + y * scale] as const);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const cx = Math.max(radius - x - 0.5, 0, x + 0.5 - (size - radius));
      const cy = Math.max(radius - y - 0.5, 0, y + 0.5 - (size - radius));
      if (radius && Math.hypot(cx, cy) > radius) continue;
      let onWave = false;
      for (const [qx, qy] of points) {
        if (Math.abs(qx - x - 0.5) <= stroke && Math.hypot(qx - x - 0.5, qy - y - 0.5) <= stroke) {
          onWave = true;
          break;
        }
      }
      const [r, g, b] = onWave ? [255, 255, 255] : TEAL;
      px[i] = r!;
      px[i + 1] = g!;
      px[i + 2] = b!;
      px[i + 3] = 255;
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const ICONS = [
  { file: 'icon-192.png', size: 192, rounded: true, inset: 0 },
  { file: 'icon-512.png', size: 512, rounded: true, inset: 0 },
  // Maskable: full-bleed tile, the mark inside the central 80 % safe zone.
  { file: 'maskable-512.png', size: 512, rounded: false, inset: 0.12 },
  // iOS rounds the corners itself and shows transparency as black.
  { file: 'apple-touch-icon.png', size: 180, rounded: false, inset: 0.06 },
];
for (const { file, size, ...shape } of ICONS) writeFileSync(join(OUT, file), png(size, draw(size, shape)));
console.log(`wrote ${ICONS.length} icons to ${OUT}`);
