// The rows of an archive's data file, read by value: a JSON array of objects, however it is laid out (the
// export writes one row per line, but an archive re-saved by another tool may put them all on one line, or
// write `[]`). The text is scanned as it streams and each row is parsed alone, so a file is never held whole.

/** A data file that is not a JSON array of rows: permanent, so the job fails once with the file's name. */
export class ArchiveDataError extends Error {
  override name = 'ArchiveDataError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file} is not a JSON array of rows (${detail}).`);
  }
}

/** The longest row kept (characters): a data file is split at 32 MiB, so one row is never longer. */
export const MAX_ROW_CHARS = 32 * 1024 * 1024;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COMMA = 44;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export async function* jsonRows(chunks: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<Record<string, unknown>> {
  const fail = (detail: string) => new ArchiveDataError(file, detail);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // before: the opening bracket not yet seen; between: inside the array, between rows; row: inside a row; after: closed.
  let state = 'before' as 'before' | 'between' | 'row' | 'after';
  let expectRow = true; // in 'between': a row may start (after '[' or ',')
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let chars = 0;
  let rows = 0;

  function* scan(text: string): Generator<Record<string, unknown>> {
    let start = state === 'row' ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (state === 'row') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
          continue;
        }
        if (c === QUOTE) inString = true;
        else if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
        else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
          depth--;
          if (depth === 0) {
            parts.push(text.slice(start, i + 1));
            yield parse(parts.join(''));
            parts = [];
            chars = 0;
            state = 'between';
            expectRow = false;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (state === 'before') {
        if (c !== OPEN_ARR) throw fail('it does not start with "["');
        state = 'between';
        expectRow = true;
      } else if (state === 'between') {
        if (c === CLOSE_ARR && (!expectRow || rows === 0)) state = 'after';
        else if (c === COMMA && !expectRow) expectRow = true;
        else if (c === OPEN_OBJ && expectRow) {
          state = 'row';
          depth = 1;
          start = i;
        } else throw fail(`unexpected "${text[i]}" after row ${rows}`);
      } else throw fail('text after the closing "]"');
    }
    if (state === 'row') {
      chars += text.length - start;
      if (chars > MAX_ROW_CHARS) throw fail(`row ${rows + 1} is longer than ${MAX_ROW_CHARS} characters`);
      parts.push(text.slice(start));
    }
  }

  function parse(text: string): Record<string, unknown> {
    rows++;
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw fail(`row ${rows} is not valid JSON`);
    }
  }

  try {
    for await (const chunk of chunks) yield* scan(decoder.decode(chunk, { stream: true }));
    yield* scan(decoder.decode());
  } catch (err) {
    if (err instanceof TypeError) throw fail('it is not UTF-8 text');
    throw err;
  }
  if (state !== 'after') throw fail(state === 'before' ? 'it is empty' : 'it ends before its closing "]"');
}
