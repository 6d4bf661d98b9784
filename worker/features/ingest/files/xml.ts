// Streaming XML for GPX and TCX: bytes are decoded and fed to saxes chunk by chunk while they are
// hashed, so a file's text is never held whole. saxes does not read DTDs or expand custom
// entities, which rules out XXE and entity-expansion bombs; anything that is not well-formed is
// `malformed_xml`. Handlers see local names (namespace prefixes dropped: `gpxtpx:hr` → `hr`).
import { SaxesParser } from 'saxes';
import { sha256Stream } from './hash-stream.ts';
import { FileParseError, ZipFormatError, ZipLimitError } from './types.ts';
import { EntryCorruptError, EntrySkippedError } from './zip-entry.ts';

/** Longest text node kept (values here are numbers and timestamps; names are short). */
const MAX_TEXT_CHARS = 4096;

export interface XmlHandlers {
  /** `path` holds the local names of the ancestors, outermost first. */
  open?(name: string, attributes: Record<string, string>, path: readonly string[]): void;
  /** `text` is the trimmed text directly inside the element. */
  close?(name: string, text: string, path: readonly string[]): void;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Parses the XML in `chunks`; returns the SHA-256 hex of its bytes. Throws FileParseError. */
export async function parseXmlStream(chunks: AsyncIterable<Uint8Array>, handlers: XmlHandlers, maxBytes: number): Promise<string> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const path: string[] = [];
  let text = '';
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attributes[localName(key)] = value;
    handlers.open?.(name, attributes, path);
    path.push(name);
    text = '';
  });
  const onText = (t: string) => {
    if (text.length < MAX_TEXT_CHARS) text += t.slice(0, MAX_TEXT_CHARS - text.length);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    path.pop();
    handlers.close?.(localName(tag.name), text.trim(), path);
    text = '';
  });

  const hash = sha256Stream();
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  try {
    for await (const chunk of chunks) {
      total += chunk.length;
      if (total > maxBytes) throw new FileParseError('too_large', `larger than ${maxBytes} bytes`);
      await hash.write(chunk);
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    if (error instanceof FileParseError) throw error;
    // saxes reports malformed input by throwing plain Errors; handlers may throw on bad values.
    if (error instanceof Error && !isReadError(error)) throw new FileParseError('malformed_xml', error.message.slice(0, 200));
    throw error;
  }
  return hash.hex();
}

/** Errors of the underlying byte stream (zip limits, corrupt entries) must pass through unchanged. */
function isReadError(error: Error): boolean {
  return (
    error instanceof ZipLimitError ||
    error instanceof ZipFormatError ||
    error instanceof EntryCorruptError ||
    error instanceof EntrySkippedError
  );
}
