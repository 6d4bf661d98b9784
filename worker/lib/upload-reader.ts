// The one reader of uploaded files (file imports and archive re-imports): the raw file as the body, streamed
// with its bytes counted against Content-Length, or a multipart form (buffered by the runtime, so smaller).
// The global 1 MiB body limit does not apply to these routes (security.middleware.ts, UPLOAD_PATHS): the caps
// are checked here, before a byte is read, and a body longer than it said fails the stream.
import { AppError, ErrorCode } from './errors';
import { formatBytes } from './format';

export interface UploadCaps {
  /** A raw body, streamed to storage. */
  rawBytes: number;
  /** A multipart form, which the runtime buffers whole. */
  formBytes: number;
  /** What is uploaded, for messages: "files", "archives". */
  what: string;
}

export interface UploadedFile {
  /** The form part's name, or `?filename=` for a raw body; null when neither names it. */
  name: string | null;
  size: number;
  body: ReadableStream<Uint8Array> | Blob;
}

/** Extra bytes a form carries around its file (boundaries, headers of the parts). */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** The uploaded file, or a 4xx in the error shape: 413 above a cap, 400 for a form without its `file` field. */
export async function readUpload(req: Request, caps: UploadCaps, rawName: string | null = null): Promise<UploadedFile> {
  const type = req.headers.get('content-type') ?? '';
  const length = Number(req.headers.get('content-length') ?? Number.NaN);
  if (type.startsWith('multipart/form-data')) {
    if (!(length <= caps.formBytes + FORM_OVERHEAD_BYTES))
      throw new AppError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `Form uploads are limited to ${formatBytes(caps.formBytes)}; larger ${caps.what} upload as the raw request body (up to ${formatBytes(caps.rawBytes)}).`,
      );
    const part = (await req.formData().catch(() => null))?.get('file');
    if (!part || typeof part === 'string')
      throw new AppError(ErrorCode.VALIDATION, 'Attach the file in a "file" field.', {
        fields: [{ path: 'file', message: 'Choose a file' }],
      });
    if (part.size > caps.formBytes) throw tooLarge(caps);
    return { name: part.name, size: part.size, body: part };
  }
  if (!Number.isFinite(length) || !req.body)
    throw new AppError(ErrorCode.VALIDATION, 'A raw upload needs a Content-Length header and a body.');
  if (length <= 0) throw new AppError(ErrorCode.VALIDATION, 'The file is empty.');
  if (length > caps.rawBytes) throw tooLarge(caps);
  // Counted as it streams: a body longer or shorter than its Content-Length errors the stream, so storage
  // never takes more than the cap checked above.
  const counted = new FixedLengthStream(length);
  void req.body.pipeTo(counted.writable).catch(() => {});
  return { name: rawName, size: length, body: counted.readable };
}

const tooLarge = (caps: UploadCaps) =>
  new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `${capitalise(caps.what)} up to ${formatBytes(caps.rawBytes)} can be imported.`);

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
