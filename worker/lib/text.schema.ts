import { z } from '@hono/zod-openapi';

// Postgres refuses NUL in text and jsonb (a 500 if it gets that far), and other control characters
// only ever arrive by accident or attack. Single-line fields refuse line breaks and tabs too.
const SINGLE_LINE_BAD = /[\u0000-\u001f\u007f-\u009f]/;
const MULTI_LINE_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// An unpaired UTF-16 surrogate cannot be stored as UTF-8 without being silently replaced.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * How FreeText marks itself in the OpenAPI document: a test over the document requires every request
 * string to carry it or a grammar of its own (format, enum, pattern), so a plain `z.string()` cannot slip in.
 */
export const FREE_TEXT_MARK = 'x-free-text';

export interface FreeTextOptions {
  /** Longest accepted value, after trimming. */
  max: number;
  maxMessage?: string;
  /** Shortest accepted value, after trimming (default 0). */
  min?: number;
  minMessage?: string;
  /** Allow line breaks (\n, \r) and tabs: notes, message bodies. Default false. */
  multiline?: boolean;
  /** Trim surrounding whitespace first (default true). */
  trim?: boolean;
}

/**
 * The one schema for text a person types (names, notes, message bodies, …): trimmed, bounded,
 * and free of NUL, control characters and broken Unicode, so it is always safe to store and show.
 * Every request field with free text uses it; a bad value is a 400 naming the field.
 */
export function FreeText(opts: FreeTextOptions) {
  const { max, min = 0, multiline = false, trim = true } = opts;
  let s = z.string();
  if (trim) s = s.trim();
  s = s.max(max, opts.maxMessage ?? `At most ${max} characters`);
  if (min > 0) s = s.min(min, opts.minMessage ?? (min === 1 ? 'Required' : `At least ${min} characters`));
  return s
    .refine((v) => !(multiline ? MULTI_LINE_BAD : SINGLE_LINE_BAD).test(v) && !LONE_SURROGATE.test(v), {
      message: multiline
        ? 'Contains a control character (only line breaks and tabs are allowed)'
        : 'Contains a line break or control character',
    })
    .openapi({ [FREE_TEXT_MARK]: multiline ? 'multiline' : 'single-line' });
}

/** True when a raw string (a path or query value read without a schema) is safe to send to Postgres. */
export const isStorableText = (v: string) => !v.includes('\u0000') && !LONE_SURROGATE.test(v);

/** A client-chosen idempotency key: 8–100 characters, exactly as sent (never trimmed), no control characters. */
export const IdempotencyKey = FreeText({ min: 8, max: 100, trim: false });
