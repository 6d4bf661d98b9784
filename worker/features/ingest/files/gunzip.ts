// Streaming gunzip (fflate) for gzip-compressed activity files (a Strava archive's `.fit.gz`,
// `.gpx.gz`, `.tcx.gz`, or such a file uploaded alone), under the same caps as a zip entry: the
// input is fed in 16 KiB slices (one slice inflates to at most ~16 MiB even at deflate's 1032:1),
// what inflating adds counts towards the upload's total, a file expanding more than the ratio cap is
// a gz bomb that fails the whole upload, and one beyond its size cap is skipped as `too_large`.
// The total counts each byte the parsers receive once: the zip reader already counted the
// compressed bytes it handed over, so a gzipped file adds its inflated size minus those.
import { Gunzip } from 'fflate';
import type { ZipBudget } from './zip-pump.ts';
import { FileParseError, type SkipReason, ZipLimitError } from './types.ts';

const SLICE_BYTES = 16 * 1024;
const EMPTY = new Uint8Array(0);

export interface GunzipOptions {
  /** Running totals of the upload (what inflating adds is counted there). */
  budget: ZipBudget;
  /** Inflated-size cap of this file. */
  maxBytes: number;
  /** The file, for the gz-bomb message. */
  name: string;
  /** What a corrupt stream is reported as (malformed_fit for a .fit.gz, …). */
  corrupt: SkipReason;
}

/**
 * The inflated bytes of a gzip stream, chunk by chunk. Throws ZipLimitError (ratio or total cap:
 * fail the upload), FileParseError `too_large` (this file only) or FileParseError `corrupt` (bad or
 * truncated data).
 */
export async function* gunzip(chunks: AsyncIterable<Uint8Array>, opts: GunzipOptions): AsyncGenerator<Uint8Array> {
  const limits = opts.budget.limits;
  const out: Uint8Array[] = [];
  const inflater = new Gunzip((data) => {
    if (data.length) out.push(data);
  });
  let inBytes = 0;
  let outBytes = 0;
  let counted = 0;
  const push = (slice: Uint8Array, final: boolean) => {
    try {
      inflater.push(slice, final);
    } catch (error) {
      throw new FileParseError(opts.corrupt, `corrupt gzip data (${error instanceof Error ? error.message : 'unknown error'})`);
    }
  };
  // Checks what the last slice produced before any of it is handed on.
  function* drain(): Generator<Uint8Array> {
    while (out.length) {
      const part = out.shift()!;
      outBytes += part.length;
      const growth = Math.max(0, outBytes - inBytes);
      opts.budget.uncompressedBytes += growth - counted;
      counted = growth;
      const total = opts.budget.check();
      if (total) throw total;
      if (outBytes > limits.ratioGraceBytes && outBytes > limits.maxCompressionRatio * inBytes)
        throw new ZipLimitError(
          'compressionRatio',
          limits.maxCompressionRatio,
          `"${opts.name}" expands more than ${limits.maxCompressionRatio}:1 (a gzip bomb?).`,
        );
      if (outBytes > opts.maxBytes) throw new FileParseError('too_large', `larger than ${opts.maxBytes} bytes once decompressed`);
      yield part;
    }
  }
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
      const slice = chunk.subarray(at, at + SLICE_BYTES);
      inBytes += slice.length;
      push(slice, false);
      yield* drain();
      await opts.budget.turn(slice.length);
    }
  }
  push(EMPTY, true);
  yield* drain();
}
