import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gunzip } from './gunzip.ts';
import { UPLOAD_LIMITS, type UploadLimits } from './limits.ts';
import { FileParseError, ZipLimitError } from './types.ts';
import { ZipBudget } from './zip-pump.ts';

const MiB = 1024 * 1024;

async function* chunksOf(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

async function inflate(gz: Uint8Array, opts: { maxBytes?: number; limits?: UploadLimits; budget?: ZipBudget } = {}) {
  const budget = opts.budget ?? new ZipBudget(opts.limits ?? UPLOAD_LIMITS);
  let total = 0;
  const parts: Uint8Array[] = [];
  for await (const part of gunzip(chunksOf(gz), {
    budget,
    maxBytes: opts.maxBytes ?? 20 * MiB,
    name: 'activities/1.gpx.gz',
    corrupt: 'malformed_xml',
  })) {
    total += part.length;
    parts.push(part);
  }
  return { total, text: new TextDecoder().decode(Buffer.concat(parts)), budget };
}

/** Text that compresses like a real track: repetitive, not constant. */
const track = (points: number) =>
  Array.from(
    { length: points },
    (_, i) => `<trkpt lat="51.${(500000 + i * 37) % 999999}" lon="-0.${(100000 + i * 53) % 999999}"><time>${i}</time></trkpt>\n`,
  ).join('');

describe('gunzip', () => {
  it('inflates a gzip stream chunk by chunk and counts what inflating added towards the upload', async () => {
    const text = track(20_000);
    const gz = gzipSync(new TextEncoder().encode(text));
    const { total, text: back, budget } = await inflate(gz);
    expect(back).toBe(text);
    expect(total).toBe(text.length);
    // The zip reader counted the compressed bytes already: the file adds the rest.
    expect(budget.uncompressedBytes).toBe(text.length - gz.length);
  });

  it('skips a file larger than its cap once inflated, without inflating the rest', async () => {
    const gz = gzipSync(new TextEncoder().encode(track(20_000)));
    await expect(inflate(gz, { maxBytes: 100_000 })).rejects.toMatchObject({ name: 'FileParseError', reason: 'too_large' });
  });

  it('fails the upload on a gzip bomb as soon as the ratio cap is crossed, whatever the size cap', async () => {
    // 16 MiB of zeros deflate to ~16 KiB: about 1000:1, five times the cap.
    const bomb = gzipSync(new Uint8Array(16 * MiB));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const err = await inflate(bomb, { maxBytes: 128 * MiB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipLimitError);
    expect(err).toMatchObject({ limit: 'compressionRatio' });
  });

  it('fails the upload once the archive as a whole inflates past its total cap', async () => {
    const limits = { ...UPLOAD_LIMITS, maxTotalUncompressedBytes: 150_000 };
    const budget = new ZipBudget(limits);
    budget.uncompressedBytes = 100_000; // what the archive's other files already inflated to
    const err = await inflate(gzipSync(new TextEncoder().encode(track(2_000))), { limits, budget }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ZipLimitError', limit: 'totalUncompressedBytes' });
  });

  it('reports corrupt or truncated data as a bad file, with the reason its format has', async () => {
    const gz = gzipSync(new TextEncoder().encode(track(2_000)));
    const truncated = await inflate(gz.slice(0, gz.length / 2)).catch((e: unknown) => e);
    expect(truncated).toBeInstanceOf(FileParseError);
    expect(truncated).toMatchObject({ reason: 'malformed_xml' });
    const garbage = gz.slice();
    garbage.fill(0xff, 20, 60);
    await expect(inflate(garbage)).rejects.toMatchObject({ reason: 'malformed_xml' });
  });
});
