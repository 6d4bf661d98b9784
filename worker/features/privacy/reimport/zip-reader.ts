// Reads a zip by its central directory over ranged reads (an R2 object in the worker), one entry at a time,
// inflating as it streams: a multi-gigabyte archive is never held. ZIP64 end records and offsets are read.
// Each entry's CRC-32 and size are checked against the directory as it ends.
import { Inflate } from 'fflate';
import { crc32 } from '../export/zip-writer';

export interface RangeSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  stream(offset: number, length: number): Promise<AsyncIterable<Uint8Array>>;
}

export interface ZipEntryInfo {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipReadError extends Error {
  override name = 'ZipReadError';
  /** The entry at fault, when there is one. */
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(message);
  }
}

const MAX_ENTRIES = 500_000;
const U16 = 0xffff;
const U32 = 0xffffffff;

const u64 = (v: DataView, at: number) => Number(v.getBigUint64(at, true));
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

export async function readDirectory(src: RangeSource): Promise<ZipEntryInfo[]> {
  const tailLength = Math.min(src.size, 22 + 65_535 + 20);
  if (tailLength < 22) throw new ZipReadError('This is not a zip archive.');
  const tailStart = src.size - tailLength;
  const tail = await src.read(tailStart, tailLength);
  const tv = view(tail);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipReadError('This is not a zip archive (no end of central directory).');
  let count = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  if (count === U16 || cdSize === U32 || cdOffset === U32) {
    const locator = eocd - 20;
    if (locator < 0 || tv.getUint32(locator, true) !== 0x07064b50) throw new ZipReadError('The ZIP64 end record is missing.');
    const at = u64(tv, locator + 8);
    const rec = view(await src.read(at, 56));
    if (rec.getUint32(0, true) !== 0x06064b50) throw new ZipReadError('The ZIP64 end record is damaged.');
    count = u64(rec, 32);
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
  }
  if (count > MAX_ENTRIES) throw new ZipReadError('The archive has too many entries.');
  if (cdOffset + cdSize > src.size) throw new ZipReadError('The archive is truncated.');
  const cd = await src.read(cdOffset, cdSize);
  const v = view(cd);
  const decoder = new TextDecoder();
  const entries: ZipEntryInfo[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || v.getUint32(p, true) !== 0x02014b50) throw new ZipReadError('The central directory is damaged.');
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    const entry: ZipEntryInfo = {
      name: decoder.decode(cd.subarray(p + 46, p + 46 + nameLength)),
      method: v.getUint16(p + 10, true),
      crc: v.getUint32(p + 16, true),
      compressedSize: v.getUint32(p + 20, true),
      size: v.getUint32(p + 24, true),
      localOffset: v.getUint32(p + 42, true),
    };
    // ZIP64 extra field: the 32-bit fields that overflowed, in this order.
    let e = p + 46 + nameLength;
    const end = e + extraLength;
    while (e + 4 <= end) {
      const id = v.getUint16(e, true);
      const len = v.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (entry.size === U32) {
          entry.size = u64(v, q);
          q += 8;
        }
        if (entry.compressedSize === U32) {
          entry.compressedSize = u64(v, q);
          q += 8;
        }
        if (entry.localOffset === U32) entry.localOffset = u64(v, q);
      }
      e += 4 + len;
    }
    entries.push(entry);
    p = end + commentLength;
  }
  return entries;
}

export interface ExpansionLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxCompressionRatio: number;
  ratioGraceBytes: number;
}

/**
 * The directory's declared sizes against the caps, before a byte is inflated: a zip bomb is refused in the
 * request, naming the entry. Declared sizes are not trusted further: `entryChunks` stops an entry that inflates
 * past its declared size.
 */
export function checkExpansion(entries: readonly ZipEntryInfo[], limits: ExpansionLimits): void {
  if (entries.length > limits.maxEntries)
    throw new ZipReadError(`The archive has ${entries.length} entries; at most ${limits.maxEntries} are read.`);
  let total = 0;
  for (const e of entries) {
    if (e.size > limits.maxEntryBytes)
      throw new ZipReadError(`${e.name} expands to ${e.size} bytes, more than one entry may (${limits.maxEntryBytes}).`, e.name);
    if (e.size > limits.ratioGraceBytes && e.size > e.compressedSize * limits.maxCompressionRatio)
      throw new ZipReadError(
        `${e.name} expands more than ${limits.maxCompressionRatio}:1 (${e.compressedSize} → ${e.size} bytes).`,
        e.name,
      );
    total += e.size;
    if (total > limits.maxTotalBytes)
      throw new ZipReadError(`The archive expands to more than ${limits.maxTotalBytes} bytes (at ${e.name}).`, e.name);
  }
}

/** Compressed bytes handed to the inflater at once: at deflate's 1032:1 worst case, ≤ 16 MiB out per step. */
const INFLATE_STEP = 16 * 1024;
/** Inflated bytes between two yields to the event loop, so other requests run while a large entry streams. */
const YIELD_EVERY = 4 * 1024 * 1024;
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The entry's bytes, inflated as they stream in bounded steps that yield to the event loop; throws as soon as
 * it inflates past the directory's size, and at its end when its CRC or size differs.
 */
export async function* entryChunks(src: RangeSource, entry: ZipEntryInfo): AsyncGenerator<Uint8Array> {
  const head = view(await src.read(entry.localOffset, 30));
  if (head.getUint32(0, true) !== 0x04034b50) throw new ZipReadError(`${entry.name}: local header missing.`, entry.name);
  const dataAt = entry.localOffset + 30 + head.getUint16(26, true) + head.getUint16(28, true);
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipReadError(`${entry.name}: compression method ${entry.method} is not supported.`, entry.name);
  let crc = 0;
  let size = 0;
  let sinceYield = 0;
  const tooLarge = () => new ZipReadError(`${entry.name}: larger than the directory says.`, entry.name);
  const check = (chunk: Uint8Array) => {
    crc = crc32(chunk, crc);
    sinceYield += chunk.length;
  };
  const pause = async () => {
    if (sinceYield < YIELD_EVERY) return;
    sinceYield = 0;
    await yieldToEventLoop();
  };
  const body = await src.stream(dataAt, entry.compressedSize);
  if (entry.method === 0) {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > entry.size) throw tooLarge();
      check(chunk);
      yield chunk;
      await pause();
    }
  } else {
    let out: Uint8Array[] = [];
    let overflow = false;
    // Counted as the inflater emits: past the declared size it stops taking input at once.
    const inflate = new Inflate((chunk) => {
      size += chunk.length;
      if (size > entry.size) overflow = true;
      else out.push(chunk);
    });
    const drain = function* () {
      if (overflow) throw tooLarge();
      for (const c of out) {
        check(c);
        yield c;
      }
      out = [];
    };
    // fflate throws on compressed data it cannot read (a reserved block type, a distance too far back): the upload's
    // fault, said as such (a 400 naming the entry), not a 500.
    const push = (data: Uint8Array, final: boolean) => {
      try {
        inflate.push(data, final);
      } catch {
        throw new ZipReadError(`${entry.name}: damaged (its compressed data cannot be read).`, entry.name);
      }
    };
    for await (const chunk of body) {
      for (let i = 0; i < chunk.length; i += INFLATE_STEP) {
        push(chunk.subarray(i, i + INFLATE_STEP), false);
        yield* drain();
        await pause();
      }
    }
    push(new Uint8Array(0), true);
    yield* drain();
  }
  if (size !== entry.size || crc !== entry.crc) throw new ZipReadError(`${entry.name}: damaged (its checksum does not match).`, entry.name);
}

/** An in-memory source (tests, and small archives already read). */
export function bytesSource(bytes: Uint8Array): RangeSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
    stream: async (offset, length) => {
      const part = bytes.subarray(offset, offset + length);
      return (async function* () {
        for (let i = 0; i < part.length; i += 64 * 1024) yield part.subarray(i, i + 64 * 1024);
      })();
    },
  };
}
