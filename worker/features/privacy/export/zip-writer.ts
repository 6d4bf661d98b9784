// A streaming zip writer whose whole state is a few numbers and the central directory's records, so an export
// can stop after any entry and a later invocation can carry on appending (ADR 041). Entries are written with
// a data descriptor (sizes and CRC after the data), DEFLATE through fflate or STORED, and CRC-32 and SHA-256
// are computed on the fly. ZIP64 end records are written when the entry count or an offset needs them.
import { Deflate } from 'fflate';

/** Where the archive's bytes go, in order (an R2 multipart upload in production). */
export interface ZipSink {
  write(bytes: Uint8Array): Promise<void>;
}

/** An incremental SHA-256 (workerd's DigestStream in the worker, node:crypto in the node tests). */
export interface Hasher {
  update(bytes: Uint8Array): void | Promise<void>;
  /** Lower-case hex. */
  digest(): Promise<string>;
}

/** One written entry, as the central directory needs it (kept in the job's checkpoint). */
export interface ZipRecord {
  name: string;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export interface ZipState {
  offset: number;
  records: ZipRecord[];
}

export interface WrittenEntry {
  name: string;
  size: number;
  compressedSize: number;
  crc: number;
  sha256: string;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE), continued from `crc` (0 to start). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const U32 = 0xffffffff;
const U16 = 0xffff;
/** One entry's sizes are written as 32-bit numbers: entries are kept far below this (chunked data files, capped uploads). */
export const MAX_ENTRY_BYTES = U32 - 1;

const utf8 = new TextEncoder();

/** MS-DOS date and time of `d` in UTC (zip has no zone; every entry carries the archive's creation time). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export class ZipEntryTooLargeError extends Error {
  override name = 'ZipEntryTooLargeError';
}

export class ZipWriter {
  readonly #sink: ZipSink;
  readonly #hasher: () => Hasher;
  readonly #stamp: { time: number; date: number };
  #offset: number;
  readonly #records: ZipRecord[];

  constructor(sink: ZipSink, opts: { modified: Date; hasher: () => Hasher; state?: ZipState }) {
    this.#sink = sink;
    this.#hasher = opts.hasher;
    this.#stamp = dosDateTime(opts.modified);
    this.#offset = opts.state?.offset ?? 0;
    this.#records = opts.state ? [...opts.state.records] : [];
  }

  /** Everything needed to continue this archive later: the bytes written so far and their entries. */
  get state(): ZipState {
    return { offset: this.#offset, records: [...this.#records] };
  }

  async #write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    this.#offset += bytes.length;
    await this.#sink.write(bytes);
  }

  /** Writes one entry from its content's chunks; DEFLATE unless `store` (already compressed files). */
  async add(
    name: string,
    content: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
    opts: { store?: boolean } = {},
  ): Promise<WrittenEntry> {
    const nameBytes = utf8.encode(name);
    const method: 0 | 8 = opts.store ? 0 : 8;
    const offset = this.#offset;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    // Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8.
    local.setUint16(6, 0x0808, true);
    local.setUint16(8, method, true);
    local.setUint16(10, this.#stamp.time, true);
    local.setUint16(12, this.#stamp.date, true);
    local.setUint16(26, nameBytes.length, true);
    await this.#write(new Uint8Array(local.buffer));
    await this.#write(nameBytes);

    const hash = this.#hasher();
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    let pending: Uint8Array[] = [];
    const deflate = method === 8 ? new Deflate({ level: 6 }) : null;
    if (deflate)
      deflate.ondata = (chunk) => {
        pending.push(chunk);
      };
    const emit = async () => {
      for (const c of pending) {
        compressedSize += c.length;
        await this.#write(c);
      }
      pending = [];
    };
    for await (const chunk of content) {
      if (chunk.length === 0) continue;
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (size > MAX_ENTRY_BYTES) throw new ZipEntryTooLargeError(`${name} is larger than a zip entry without ZIP64 sizes`);
      await hash.update(chunk);
      if (deflate) {
        deflate.push(chunk, false);
        await emit();
      } else {
        compressedSize += chunk.length;
        await this.#write(chunk);
      }
    }
    if (deflate) {
      deflate.push(new Uint8Array(0), true);
      await emit();
    }
    if (compressedSize > MAX_ENTRY_BYTES) throw new ZipEntryTooLargeError(`${name} is larger than a zip entry without ZIP64 sizes`);
    const descriptor = new DataView(new ArrayBuffer(16));
    descriptor.setUint32(0, 0x08074b50, true);
    descriptor.setUint32(4, crc, true);
    descriptor.setUint32(8, compressedSize, true);
    descriptor.setUint32(12, size, true);
    await this.#write(new Uint8Array(descriptor.buffer));
    this.#records.push({ name, method, crc, compressedSize, size, offset });
    return { name, size, compressedSize, crc, sha256: await hash.digest() };
  }

  /** The central directory and the end records (ZIP64 ones when the count or an offset needs them). */
  async finish(): Promise<{ bytes: number; entries: number }> {
    const cdStart = this.#offset;
    for (const r of this.#records) {
      const nameBytes = utf8.encode(r.name);
      const far = r.offset >= U32;
      const header = new DataView(new ArrayBuffer(46 + (far ? 12 : 0)));
      header.setUint32(0, 0x02014b50, true);
      // Made by: Unix (3), spec 4.5; needed: 4.5 when a ZIP64 field is present, else 2.0.
      header.setUint16(4, (3 << 8) | 45, true);
      header.setUint16(6, far ? 45 : 20, true);
      header.setUint16(8, 0x0808, true);
      header.setUint16(10, r.method, true);
      header.setUint16(12, this.#stamp.time, true);
      header.setUint16(14, this.#stamp.date, true);
      header.setUint32(16, r.crc, true);
      header.setUint32(20, r.compressedSize, true);
      header.setUint32(24, r.size, true);
      header.setUint16(28, nameBytes.length, true);
      header.setUint16(30, far ? 12 : 0, true);
      // External attributes: a regular file, rw-r--r--.
      header.setUint32(38, (0o100644 << 16) >>> 0, true);
      header.setUint32(42, far ? U32 : r.offset, true);
      await this.#write(new Uint8Array(header.buffer, 0, 46));
      await this.#write(nameBytes);
      if (far) {
        const extra = new DataView(new ArrayBuffer(12));
        extra.setUint16(0, 0x0001, true);
        extra.setUint16(2, 8, true);
        extra.setBigUint64(4, BigInt(r.offset), true);
        await this.#write(new Uint8Array(extra.buffer));
      }
    }
    const cdSize = this.#offset - cdStart;
    const count = this.#records.length;
    const zip64 = count >= U16 || cdStart >= U32 || cdSize >= U32;
    if (zip64) {
      const eocd64At = this.#offset;
      const rec = new DataView(new ArrayBuffer(56 + 20));
      rec.setUint32(0, 0x06064b50, true);
      rec.setBigUint64(4, 44n, true);
      rec.setUint16(12, (3 << 8) | 45, true);
      rec.setUint16(14, 45, true);
      rec.setBigUint64(24, BigInt(count), true);
      rec.setBigUint64(32, BigInt(count), true);
      rec.setBigUint64(40, BigInt(cdSize), true);
      rec.setBigUint64(48, BigInt(cdStart), true);
      rec.setUint32(56, 0x07064b50, true);
      rec.setBigUint64(64, BigInt(eocd64At), true);
      rec.setUint32(72, 1, true);
      await this.#write(new Uint8Array(rec.buffer));
    }
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, zip64 ? U16 : count, true);
    end.setUint16(10, zip64 ? U16 : count, true);
    end.setUint32(12, zip64 ? U32 : cdSize, true);
    end.setUint32(16, zip64 ? U32 : cdStart, true);
    await this.#write(new Uint8Array(end.buffer));
    return { bytes: this.#offset, entries: count };
  }
}
