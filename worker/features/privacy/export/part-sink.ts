// The archive's bytes into an R2 multipart upload: every part but the last is exactly PART_BYTES (R2 wants
// equal parts of at least 5 MiB, the last one no larger), so at most one part is ever held in memory.
import type { ZipSink } from './zip-writer';

export const PART_BYTES = 5 * 1024 * 1024;
/** R2's limit: with 5 MiB parts an archive may reach 48.8 GiB. */
export const MAX_PARTS = 10_000;

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

/** What the sink needs of an R2MultipartUpload. */
export interface PartUpload {
  uploadPart(partNumber: number, value: Uint8Array): Promise<UploadedPart>;
}

export class PartSink implements ZipSink {
  readonly #upload: PartUpload;
  readonly #partBytes: number;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  readonly parts: UploadedPart[];

  constructor(upload: PartUpload, opts: { partBytes: number; parts: UploadedPart[]; carry?: Uint8Array }) {
    this.#upload = upload;
    this.#partBytes = opts.partBytes;
    this.parts = [...opts.parts];
    if (opts.carry?.length) {
      this.#chunks.push(opts.carry);
      this.#buffered = opts.carry.length;
    }
  }

  /** Bytes written but not yet sent as a part (saved in a checkpoint). */
  get carry(): Uint8Array {
    return concat(this.#chunks, this.#buffered);
  }

  async write(bytes: Uint8Array): Promise<void> {
    // Copied: a producer may reuse its buffer once write() returns.
    this.#chunks.push(bytes.slice());
    this.#buffered += bytes.length;
    while (this.#buffered >= this.#partBytes) {
      const all = concat(this.#chunks, this.#buffered);
      const part = all.subarray(0, this.#partBytes);
      const rest = all.slice(this.#partBytes);
      await this.#send(part);
      this.#chunks = rest.length ? [rest] : [];
      this.#buffered = rest.length;
    }
  }

  async #send(bytes: Uint8Array): Promise<void> {
    const partNumber = this.parts.length + 1;
    if (partNumber > MAX_PARTS) throw new Error('the archive is larger than a multipart upload allows');
    this.parts.push(await this.#upload.uploadPart(partNumber, bytes));
  }

  /** Sends what is left as the last part (possibly empty only when nothing was sent at all). */
  async close(): Promise<UploadedPart[]> {
    if (this.#buffered > 0 || this.parts.length === 0) await this.#send(this.carry);
    this.#chunks = [];
    this.#buffered = 0;
    return this.parts;
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
