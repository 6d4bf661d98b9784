// Pieces of the zip reader that are about one entry: whether its name is safe, and the decoder
// that fflate drives for it (which can be switched off so skipped entries are never inflated).
import { type AsyncFlateStreamHandler, type UnzipDecoder, type UnzipDecoderConstructor, UnzipInflate, UnzipPassThrough } from 'fflate';

const EMPTY = new Uint8Array(0);

/** The entry's data is corrupt (bad deflate stream, truncated archive). */
export class EntryCorruptError extends Error {
  override readonly name = 'EntryCorruptError';
}

/** The entry was skipped by the reader and already reported (e.g. `too_large`). */
export class EntrySkippedError extends Error {
  override readonly name = 'EntrySkippedError';
}

/** Shared switch: once `skip` is set the decoder stops inflating and only reports the end. */
export interface Gate {
  skip: boolean;
}

/**
 * A decoder for one compression method whose instances read the gate of the entry being started.
 * fflate constructs the decoder synchronously inside `file.start()`, so `gateOf()` then returns
 * that entry's gate. Methods other than stored (0) and deflate (8) are never decoded.
 */
export function gatedDecoder(method: number, gateOf: () => Gate): UnzipDecoderConstructor {
  return class GatedDecoder implements UnzipDecoder {
    static readonly compression = method;
    ondata: AsyncFlateStreamHandler = () => undefined;
    private readonly gate = gateOf();
    private readonly inner: UnzipDecoder | undefined =
      method === 8 ? new UnzipInflate() : method === 0 ? new UnzipPassThrough() : undefined;

    constructor() {
      if (this.inner) this.inner.ondata = (error, data, final) => this.ondata(error, data, final);
    }

    push(chunk: Uint8Array, final: boolean): void {
      if (this.gate.skip || !this.inner) {
        if (final) this.ondata(null, EMPTY, true);
        return;
      }
      this.inner.push(chunk, final);
    }
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The entry name if it is a safe relative path, else undefined (zip-slip defence). Rejected:
 * absolute paths, drive letters, `..` segments, backslashes, control characters (NUL included),
 * and invalid UTF-8. fflate decodes names flagged UTF-8 (bit 11) leniently, so invalid bytes show
 * up as U+FFFD; unflagged names arrive byte-for-byte as Latin-1, and are re-read as UTF-8 when
 * they are valid UTF-8 (most tools write UTF-8 without setting the flag). An unflagged name that
 * is not valid UTF-8 is legacy CP437 per the zip spec and is kept as fflate read it.
 */
export function safeEntryName(raw: string): string | undefined {
  let name = raw;
  if (name.includes('\uFFFD')) return undefined;
  if (/[\u0080-\u00FF]/.test(name) && !/[^\u0000-\u00FF]/.test(name)) {
    const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
    try {
      name = strictUtf8.decode(bytes);
    } catch {
      // Not UTF-8 bytes: either a UTF-8-flagged Latin-1-range name or a CP437 one; keep it.
    }
  }
  if (!name || /[\u0000-\u001F\u007F-\u009F]/.test(name)) return undefined;
  if (name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return undefined;
  if (name.split('/').some((segment) => segment === '..')) return undefined;
  return name;
}

/** A rejected name made printable for the skipped list (control bytes escaped, length capped). */
export function shownName(raw: string): string {
  const escaped = raw.replace(/[\u0000-\u001F\u007F-\u009F]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return escaped.length > 200 ? `${escaped.slice(0, 200)}…` : escaped;
}
