// An incremental scanner for Garmin's summarizedActivities files, which can exceed 100 MB and so
// must never be JSON.parse'd whole. It walks the text as it arrives, tracking only strings,
// brackets and the keys of the outer containers, and hands each object of a
// `summarizedActivitiesExport` array to `onObject` as its own text, to be JSON.parse'd alone (they
// are a few KiB). Shapes accepted: `[{"summarizedActivitiesExport":[…]}, …]` and
// `{"summarizedActivitiesExport":[…]}`. The outer structure is read leniently; a file that ends
// inside a string or container is reported by end(). The wellness files (garmin-wellness.ts) hand it
// another `captures` rule: the objects of the root array (or of an array one object down).
import { FileParseError } from './types.ts';

export const EXPORT_KEY = 'summarizedActivitiesExport';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COLON = 58;
const COMMA = 44;
const MAX_KEY_CHARS = 64;

interface Frame {
  kind: 'object' | 'array';
  /** Key under which this container sits in its parent object. */
  key: string | undefined;
  expectKey: boolean;
  lastKey: string | undefined;
}

/** Which arrays' objects are handed over, by the stack of containers open around them (outermost first). */
export type CaptureRule = (stack: readonly { kind: 'object' | 'array'; key: string | undefined }[]) => boolean;

/** The summaries' rule: objects of an array under `summarizedActivitiesExport`. */
export const SUMMARIES: CaptureRule = (stack) => {
  const top = stack[stack.length - 1];
  return top?.kind === 'array' && top.key === EXPORT_KEY;
};

export interface ObjectScannerEvents {
  onObject(text: string): void;
  /** An object longer than the cap was passed over without being kept. */
  onOversized(): void;
}

export class ExportObjectScanner {
  private readonly stack: Frame[] = [];
  private inString = false;
  private escaped = false;
  private stringText = '';
  private capture: { depth: number; parts: string[]; chars: number; oversized: boolean } | undefined;

  constructor(
    private readonly events: ObjectScannerEvents,
    private readonly maxObjectChars: number,
    private readonly captures: CaptureRule = SUMMARIES,
  ) {}

  write(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (this.capture) i = this.scanCapture(text, i);
      else if (this.inString) i = this.scanOuterString(text, i);
      else i = this.scanOuter(text, i);
    }
  }

  end(): void {
    if (this.capture || this.inString || this.stack.length) throw new FileParseError('malformed_json', 'the JSON ends early');
  }

  /** One structural character outside any captured object. */
  private scanOuter(text: string, i: number): number {
    const c = text.charCodeAt(i);
    const top = this.stack[this.stack.length - 1];
    if (c === QUOTE) {
      this.inString = true;
      this.stringText = '';
    } else if (c === OPEN_OBJ || c === OPEN_ARR) {
      if (c === OPEN_OBJ && top?.kind === 'array' && this.captures(this.stack)) {
        this.capture = { depth: 0, parts: [], chars: 0, oversized: false };
        return i; // scanCapture takes the opening brace itself
      }
      const key = top?.kind === 'object' ? top.lastKey : undefined;
      this.stack.push({ kind: c === OPEN_OBJ ? 'object' : 'array', key, expectKey: c === OPEN_OBJ, lastKey: undefined });
    } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
      const kind = c === CLOSE_OBJ ? 'object' : 'array';
      if (top?.kind !== kind) throw new FileParseError('malformed_json', `unexpected "${text[i]}"`);
      this.stack.pop();
    } else if (c === COLON && top?.kind === 'object') top.expectKey = false;
    else if (c === COMMA && top?.kind === 'object') top.expectKey = true;
    return i + 1;
  }

  /** A string outside captured objects: only object keys are kept (and only short ones). */
  private scanOuterString(text: string, i: number): number {
    const start = i;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.escaped) this.escaped = false;
      else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) break;
    }
    if (this.stringText.length < MAX_KEY_CHARS) this.stringText += text.slice(start, Math.min(i, start + MAX_KEY_CHARS));
    if (i >= text.length) return i;
    this.inString = false;
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'object' && top.expectKey) top.lastKey = this.stringText;
    return i + 1;
  }

  /** Inside a captured object: count braces outside strings until it closes. */
  private scanCapture(text: string, i: number): number {
    const cap = this.capture;
    if (!cap) return i;
    const start = i;
    let closed = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJ || c === OPEN_ARR) cap.depth += 1;
      else if ((c === CLOSE_OBJ || c === CLOSE_ARR) && --cap.depth === 0) {
        closed = true;
        i += 1;
        break;
      }
    }
    cap.chars += i - start;
    if (cap.chars > this.maxObjectChars) {
      cap.oversized = true;
      cap.parts = [];
    } else cap.parts.push(text.slice(start, i));
    if (closed) {
      this.capture = undefined;
      if (cap.oversized) this.events.onOversized();
      else this.events.onObject(cap.parts.join(''));
    }
    return i;
  }
}
