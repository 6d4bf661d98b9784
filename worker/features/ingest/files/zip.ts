// Streaming zip reading over fflate's push-based `Unzip`, exposed as a pull-based async iterator
// so memory stays bounded: the archive is fed in 16 KiB slices, one slice is inflated at a time
// (at most ~16 MiB of output even for a worst-case 1032:1 deflate block), and an entry's data is
// handed over as chunks before the next slice is read. Nothing holds the archive or an entry whole.
//
// Caps (limits.ts) are enforced on actual inflated bytes, never on declared sizes alone:
// total inflated bytes, entry count and the per-entry compression ratio throw ZipLimitError (the
// whole job must fail); a per-entry size cap skips that entry (`too_large`). Nested zips are read
// by recursion with the same budget, so the caps are global.
//
// Known limit (fflate's): an entry written with a data descriptor and *stored* (not deflated)
// is delimited by scanning for the next header signature, which its own bytes could contain.
import { UPLOAD_LIMITS } from './limits.ts';
import { ZipFormatError } from './types.ts';
import { EntryCorruptError, EntrySkippedError } from './zip-entry.ts';
import { type EntryState, ZipBudget, ZipPump, type ZipReadOptions } from './zip-pump.ts';

export { EntryCorruptError, EntrySkippedError } from './zip-entry.ts';
export { ZipBudget, type ZipReadOptions } from './zip-pump.ts';

export interface ZipEntry {
  /** Safe relative path; entries of nested zips are "outer.zip/inner.fit". */
  name: string;
  /** Uncompressed size declared by the archive, when it declares one (informational). */
  size?: number;
  /** The inflated data, chunk by chunk; iterate once. Throws EntrySkippedError / EntryCorruptError. */
  chunks(): AsyncIterable<Uint8Array>;
}

/**
 * Yields the wanted entries of a zip one at a time. Take an entry's chunks before asking for the
 * next entry: whatever is left of it is then passed over (without inflating). Throws ZipLimitError
 * or ZipFormatError; a corrupt nested zip is reported as skipped (`unsupported_type`).
 */
export function readZip(source: AsyncIterable<Uint8Array>, opts: ZipReadOptions, budget?: ZipBudget): AsyncGenerator<ZipEntry, number> {
  return readLevel(source, opts, budget ?? new ZipBudget(opts.limits ?? UPLOAD_LIMITS), 0, '');
}

/** Returns how many entries the archive had (0: empty, or not a zip at all). */
async function* readLevel(
  source: AsyncIterable<Uint8Array>,
  opts: ZipReadOptions,
  budget: ZipBudget,
  depth: number,
  prefix: string,
): AsyncGenerator<ZipEntry, number> {
  const pump = new ZipPump(source[Symbol.asyncIterator](), budget, opts, depth, prefix);
  for (;;) {
    const event = await pump.next();
    if (!event) return pump.entriesSeen;
    if (event.kind !== 'entry') continue; // leftovers of an entry already drained
    const state = event.entry;
    if (event.nested) {
      try {
        const inner = yield* readLevel(entryChunks(pump, state), opts, budget, depth + 1, `${state.name}/`);
        if (!inner) opts.onSkip(state.name, 'unsupported_type', 'empty, or not a zip archive');
      } catch (error) {
        if (!(error instanceof ZipFormatError || error instanceof EntryCorruptError)) throw error;
        opts.onSkip(state.name, 'unsupported_type', 'corrupt zip archive');
      }
    } else {
      yield { name: state.name, size: state.size, chunks: () => entryChunks(pump, state) };
    }
    await drain(pump, state);
  }
}

async function* entryChunks(pump: ZipPump, state: EntryState): AsyncGenerator<Uint8Array> {
  while (!state.finished) {
    const event = await pump.next();
    if (!event || event.kind === 'entry' || event.id !== state.id) {
      // The archive ended (or moved on) without this entry's end: it is truncated.
      if (event) pump.unshift(event);
      state.finished = true;
      throw new EntryCorruptError('entry is truncated');
    }
    if (event.kind === 'fail') {
      state.finished = true;
      throw event.error;
    }
    if (event.final) state.finished = true;
    if (event.chunk.length) yield event.chunk;
  }
}

/** Passes over what the consumer left of an entry, without inflating it. */
async function drain(pump: ZipPump, state: EntryState): Promise<void> {
  if (state.finished) return;
  state.gate.skip = true;
  try {
    for await (const chunk of entryChunks(pump, state)) void chunk;
  } catch (error) {
    // A corrupt or oversized remainder of an entry nobody reads any more is not an error.
    if (!(error instanceof EntryCorruptError || error instanceof EntrySkippedError)) throw error;
  }
}
