// What an upload (or a zip entry) is, from its first bytes rather than its name: zip by the local
// header magic, gzip by its own, FIT by ".FIT" at byte 8 of its header, GPX/TCX by the root element.
import { concat } from './common.ts';

export type FileKind = 'zip' | 'gzip' | 'fit' | 'gpx' | 'tcx' | 'unknown';

/** Bytes read before deciding; enough for an XML declaration, comments and the root tag. */
export const SNIFF_BYTES = 4096;

export function sniff(head: Uint8Array): FileKind {
  // PK\x03\x04 starts a zip's first entry; an empty zip is only its end record, PK\x05\x06.
  if (head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
  // gzip (1f 8b, deflate): one compressed activity file, sniffed again once inflated.
  if (head[0] === 0x1f && head[1] === 0x8b && head[2] === 8) return 'gzip';
  if (head.length >= 12 && head[8] === 0x2e && head[9] === 0x46 && head[10] === 0x49 && head[11] === 0x54) return 'fit';
  const root = rootElement(new TextDecoder('utf-8').decode(head.subarray(0, SNIFF_BYTES)));
  if (root === 'gpx') return 'gpx';
  if (root === 'TrainingCenterDatabase') return 'tcx';
  return 'unknown';
}

/** Local name of the first element, past a BOM, the XML declaration, comments and a DOCTYPE. */
function rootElement(text: string): string | undefined {
  let rest = text.replace(/^\uFEFF/, '');
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) rest = after(rest, '?>');
    else if (rest.startsWith('<!--')) rest = after(rest, '-->');
    else if (rest.startsWith('<!')) rest = after(rest, '>');
    else break;
    if (!rest) return undefined;
  }
  const match = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest);
  return match?.[2];
}

function after(text: string, token: string): string {
  const at = text.indexOf(token);
  return at < 0 ? '' : text.slice(at + token.length);
}

/** Reads at least `n` bytes (unless the stream is shorter) and gives back the whole stream. */
export async function peek(chunks: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let total = 0;
  while (total < n) {
    const read = await it.next();
    if (read.done) break;
    parts.push(read.value);
    total += read.value.length;
  }
  const head = concat(parts, total);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    for (;;) {
      const read = await it.next();
      if (read.done) return;
      yield read.value;
    }
  }
  return { head, all: all() };
}
