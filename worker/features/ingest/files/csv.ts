// A streaming CSV reader (RFC 4180): fields separated by commas, rows by CRLF or LF (a lone CR too),
// a field in double quotes may hold commas, line breaks and doubled quotes (""). Text is fed as it
// is decoded, so a file is never held whole; only the row being read is kept, up to a cap.
// Lenient where real exports are: a byte-order mark is dropped, a quote inside an unquoted field is
// kept as a character, and a last row without a line break still counts.

export interface CsvEvents {
  /** One row's fields, with the (1-based) line it started on. */
  onRow(fields: string[], line: number): void;
  /** A row longer than the cap was passed over (its fields were not kept). */
  onOversized(line: number): void;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvReader {
  private fields: string[] = [];
  private field = '';
  private rowChars = 0;
  private oversized = false;
  /** Inside a quoted field; `quoteSeen`: a quote met there that may close it or be the first of a pair. */
  private quoted = false;
  private quoteSeen = false;
  /** The last character was a CR ending a row: a following LF belongs to it. */
  private afterCr = false;
  private atFieldStart = true;
  private line = 1;
  private rowLine = 1;
  private started = false;

  constructor(
    private readonly events: CsvEvents,
    private readonly maxRowChars: number,
  ) {}

  write(text: string): void {
    let s = text;
    if (!this.started && s.length) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    // Plain runs of characters are copied in slices, not one by one.
    let runStart = 0;
    const flushRun = (end: number) => {
      if (end > runStart) this.append(s.slice(runStart, end));
    };
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) {
          runStart = i + 1;
          continue;
        }
      }
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === QUOTE) {
            // A doubled quote: one quote character in the field.
            this.append('"');
            runStart = i + 1;
            continue;
          }
          this.quoted = false; // the quote closed the field; fall through to read `c` outside it
        } else if (c === QUOTE) {
          flushRun(i);
          this.quoteSeen = true;
          runStart = i + 1;
          continue;
        } else {
          if (c === LF) this.line += 1;
          else if (c === CR && s.charCodeAt(i + 1) !== LF) this.line += 1;
          continue;
        }
      }
      if (c === QUOTE && this.atFieldStart) {
        this.quoted = true;
        this.atFieldStart = false;
        runStart = i + 1;
        continue;
      }
      if (c === COMMA) {
        flushRun(i);
        this.endField();
        runStart = i + 1;
        continue;
      }
      if (c === LF || c === CR) {
        flushRun(i);
        this.endRow();
        this.line += 1;
        this.afterCr = c === CR;
        runStart = i + 1;
        continue;
      }
      this.atFieldStart = false;
    }
    // A chunk that ended on a quote inside a quoted field waits for the next character (quoteSeen).
    flushRun(s.length);
  }

  /** The input ended: the last row counts even without a line break (a file cut inside quotes included). */
  end(): void {
    if (this.quoted) this.quoted = false;
    if (this.field.length || this.fields.length || !this.atFieldStart) this.endRow();
  }

  private append(text: string): void {
    this.atFieldStart = false;
    if (this.oversized) return;
    this.rowChars += text.length;
    if (this.rowChars > this.maxRowChars) {
      this.oversized = true;
      this.fields = [];
      this.field = '';
      return;
    }
    this.field += text;
  }

  private endField(): void {
    if (!this.oversized) this.fields.push(this.field);
    this.field = '';
    this.atFieldStart = true;
  }

  private endRow(): void {
    const blank = !this.oversized && this.fields.length === 0 && this.field === '' && this.atFieldStart;
    this.endField();
    if (this.oversized) this.events.onOversized(this.rowLine);
    else if (!blank) this.events.onRow(this.fields, this.rowLine);
    this.fields = [];
    this.rowChars = 0;
    this.oversized = false;
    this.rowLine = this.line + 1;
  }
}
