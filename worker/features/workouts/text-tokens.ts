// The text form's lines cut into tokens with their 1-based columns, and the error every reader reports:
// the line, the column and the token it is about (ADR 055).

export interface Token {
  text: string;
  /** 1-based. */
  column: number;
}

export interface TextError {
  line: number;
  column: number;
  token: string;
  message: string;
}

/** Thrown inside a reader for one line; parseWorkoutText collects them with their line numbers. */
export class LineError extends Error {
  constructor(
    readonly token: Token,
    message: string,
  ) {
    super(message);
  }
}

/** Words split on spaces; a double-quoted JSON string ("a \"quoted\" note") is one token with its quotes. */
export function tokenize(line: string, from: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i += 1;
      continue;
    }
    const start = i;
    if (c === '"') {
      i += 1;
      while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
      if (i >= line.length) throw new LineError({ text: line.slice(start), column: start + 1 }, 'This quote is never closed');
      i += 1;
    } else {
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t' && line[i] !== '"') i += 1;
    }
    out.push({ text: line.slice(start, i), column: start + 1 });
  }
  return out;
}

/** A quoted token's text, or a LineError saying how to write one. */
export function readQuoted(tok: Token): string {
  try {
    const value: unknown = JSON.parse(tok.text);
    if (typeof value === 'string') return value;
  } catch {
    // Falls through to the one message below.
  }
  throw new LineError(tok, 'A quoted text escapes " and \\ with a backslash, and holds no tabs or line breaks');
}
