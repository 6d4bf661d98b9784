// The push side of the zip reader: feeds fflate's `Unzip` one 16 KiB slice at a time, decides
// for each entry (synchronously, as fflate requires) whether it is read or passed over, enforces
// the caps on the bytes actually inflated, and queues what fflate emits for zip.ts to pull.
import { Unzip, type UnzipFile } from 'fflate';
import { turnTaker } from '../../../lib/concurrency.ts';
import type { UploadLimits } from './limits.ts';
import { type SkipSink, ZipFormatError, ZipLimitError } from './types.ts';
import { EntryCorruptError, EntrySkippedError, type Gate, gatedDecoder, safeEntryName, shownName } from './zip-entry.ts';

const SLICE_BYTES = 16 * 1024;
/** Compressed bytes inflated between turns given back to the isolate (tens of milliseconds of CPU). */
const TURN_INPUT_BYTES = 256 * 1024;
const EMPTY = new Uint8Array(0);

export interface ZipReadOptions {
  limits?: UploadLimits;
  /** Wanted entries are inflated and yielded; others are passed over without inflating. */
  wants(name: string): boolean;
  /** Inflated-size cap of one wanted entry; beyond it the entry is skipped as `too_large`. */
  maxEntryBytes(name: string): number;
  onSkip: SkipSink;
}

/** Running totals of one pass over an upload, shared by nested archives. */
export class ZipBudget {
  uploadBytes = 0;
  uncompressedBytes = 0;
  entries = 0;
  /**
   * Inflating is CPU only, and the chunks it awaits are mostly at hand already: after every TURN_INPUT_BYTES fed
   * to an inflater (zip or gzip, the whole upload's) the isolate's other requests get a turn.
   */
  readonly turn = turnTaker(TURN_INPUT_BYTES);
  constructor(readonly limits: UploadLimits) {}

  check(): ZipLimitError | undefined {
    const l = this.limits;
    if (this.uploadBytes > l.maxUploadBytes)
      return new ZipLimitError('uploadBytes', l.maxUploadBytes, `The upload is larger than ${l.maxUploadBytes} bytes.`);
    if (this.uncompressedBytes > l.maxTotalUncompressedBytes)
      return new ZipLimitError(
        'totalUncompressedBytes',
        l.maxTotalUncompressedBytes,
        `The archive expands to more than ${l.maxTotalUncompressedBytes} bytes.`,
      );
    if (this.entries > l.maxEntries)
      return new ZipLimitError('entries', l.maxEntries, `The archive has more than ${l.maxEntries} entries.`);
    return undefined;
  }
}

export interface EntryState {
  id: number;
  name: string;
  size?: number;
  gate: Gate;
  cap: number;
  inBytes: number;
  outBytes: number;
  /** No more events will be queued for it (final, failed, or never yielded). */
  done: boolean;
  /** The consumer has seen its end (or the reader drained it). */
  finished: boolean;
}

export type ZipEvent =
  | { kind: 'entry'; entry: EntryState; nested: boolean }
  | { kind: 'data'; id: number; chunk: Uint8Array; final: boolean }
  | { kind: 'fail'; id: number; error: Error };

/** Feeds fflate one slice at a time and queues what it emits, so the reader can pull. */
export class ZipPump {
  private readonly unzip = new Unzip((file) => this.onFile(file));
  private readonly queue: ZipEvent[] = [];
  private readonly registered = new Set<number>();
  private nextGate: Gate = { skip: true };
  private current: EntryState | undefined;
  private pending: Uint8Array = EMPTY;
  private offset = 0;
  private lastSlice = 0;
  private ended = false;
  private ids = 0;
  private fatal: Error | undefined;

  constructor(
    private readonly source: AsyncIterator<Uint8Array>,
    private readonly budget: ZipBudget,
    private readonly opts: ZipReadOptions,
    private readonly depth: number,
    private readonly prefix: string,
  ) {
    for (const method of [0, 8]) this.register(method);
  }

  /** Entries met so far, whatever became of them. */
  get entriesSeen(): number {
    return this.ids;
  }

  async next(): Promise<ZipEvent | undefined> {
    while (!this.queue.length) {
      if (this.ended) return undefined;
      await this.feed();
    }
    return this.queue.shift();
  }

  unshift(event: ZipEvent): void {
    this.queue.unshift(event);
  }

  private async feed(): Promise<void> {
    if (this.offset >= this.pending.length) {
      const read = await this.source.next();
      if (read.done) {
        this.ended = true;
        this.push(EMPTY, true);
        return;
      }
      this.pending = read.value;
      this.offset = 0;
      // Only the outermost archive is "the upload". A nested zip's bytes were counted as the outer
      // archive's inflated output; its own inflated entries replace them, so each byte counts once.
      if (this.depth === 0) this.budget.uploadBytes += read.value.length;
      else this.budget.uncompressedBytes -= read.value.length;
      this.throwIfFatal(this.budget.check());
    }
    const slice = this.pending.subarray(this.offset, this.offset + SLICE_BYTES);
    this.offset += slice.length;
    // Attribute the slice to the entry being inflated: generous by at most one slice per entry.
    if (this.current && !this.current.done) this.current.inBytes += slice.length;
    this.lastSlice = slice.length;
    this.push(slice, false);
    await this.budget.turn(slice.length);
  }

  private push(slice: Uint8Array, final: boolean): void {
    try {
      this.unzip.push(slice, final);
    } catch (error) {
      this.throwIfFatal(this.fatal);
      throw new ZipFormatError(`Unreadable zip archive: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
    this.throwIfFatal(this.fatal);
  }

  private throwIfFatal(error: Error | undefined): void {
    if (error) {
      this.fatal = error;
      throw error;
    }
  }

  /** fflate calls this synchronously; start() must be called now or the entry's bytes pile up. */
  private onFile(file: UnzipFile): void {
    this.budget.entries += 1;
    this.fatal ??= this.budget.check();
    const state: EntryState = {
      id: ++this.ids,
      name: '',
      size: file.originalSize,
      gate: { skip: true },
      cap: 0,
      inBytes: this.lastSlice,
      outBytes: 0,
      done: true,
      finished: true,
    };
    file.ondata = (error, data, final) => this.onData(state, error, data, final);
    const verdict = this.fatal ? undefined : this.admit(file, state);
    if (verdict) {
      state.gate.skip = false;
      state.done = false;
      state.finished = false;
      this.queue.push({ kind: 'entry', entry: state, nested: verdict === 'nested' });
    }
    if (!this.registered.has(file.compression)) this.register(file.compression);
    this.current = state;
    this.nextGate = state.gate;
    file.start();
  }

  /** Decides whether an entry is read ('entry' / 'nested') or passed over without inflating. */
  private admit(file: UnzipFile, state: EntryState): 'entry' | 'nested' | undefined {
    if (file.name.endsWith('/')) return undefined; // a directory
    const name = safeEntryName(file.name);
    if (name === undefined) {
      this.opts.onSkip(this.prefix + shownName(file.name), 'unsafe_name');
      return undefined;
    }
    state.name = this.prefix + name;
    const nested = /\.zip$/i.test(name);
    if (!nested && !this.opts.wants(state.name)) return undefined;
    if (file.compression !== 0 && file.compression !== 8) {
      this.opts.onSkip(state.name, 'unsupported_type', `compression method ${file.compression}`);
      return undefined;
    }
    if (nested && this.depth + 1 > this.budget.limits.maxZipDepth) {
      this.opts.onSkip(state.name, 'unsupported_type', 'zip nested too deep');
      return undefined;
    }
    state.cap = nested ? Number.POSITIVE_INFINITY : this.opts.maxEntryBytes(state.name);
    if (file.originalSize !== undefined && file.originalSize > state.cap) {
      this.opts.onSkip(state.name, 'too_large');
      return undefined;
    }
    return nested ? 'nested' : 'entry';
  }

  private onData(state: EntryState, error: Error | null, data: Uint8Array | null, final: boolean): void {
    if (state.done) return;
    if (error) {
      this.finish(state, { kind: 'fail', id: state.id, error: new EntryCorruptError(error.message) });
      return;
    }
    const chunk = data ?? EMPTY;
    if (!state.gate.skip && chunk.length) {
      state.outBytes += chunk.length;
      this.budget.uncompressedBytes += chunk.length;
      const limits = this.budget.limits;
      this.fatal ??= this.budget.check();
      if (state.outBytes > limits.ratioGraceBytes && state.outBytes > limits.maxCompressionRatio * state.inBytes) {
        this.fatal ??= new ZipLimitError(
          'compressionRatio',
          limits.maxCompressionRatio,
          `"${state.name}" expands more than ${limits.maxCompressionRatio}:1 (a zip bomb?).`,
        );
      }
      if (this.fatal) {
        this.finish(state, { kind: 'fail', id: state.id, error: this.fatal });
        return;
      }
      if (state.outBytes > state.cap) {
        this.opts.onSkip(state.name, 'too_large');
        this.finish(state, { kind: 'fail', id: state.id, error: new EntrySkippedError('too_large') });
        return;
      }
      this.queue.push({ kind: 'data', id: state.id, chunk, final });
    } else if (final) {
      this.queue.push({ kind: 'data', id: state.id, chunk: EMPTY, final });
    }
    if (final) state.done = true;
  }

  private finish(state: EntryState, event: ZipEvent): void {
    state.gate.skip = true; // stop inflating the rest of it
    state.done = true;
    this.queue.push(event);
  }

  private register(method: number): void {
    this.registered.add(method);
    this.unzip.register(gatedDecoder(method, () => this.nextGate));
  }
}
