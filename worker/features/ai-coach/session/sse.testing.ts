// Reading the coach's SSE streams in tests: frames as they arrive (ids, event types, data, `: ping` comments).
import type { CoachStreamEvent } from '../coach.types';

export interface Frame {
  id: number | null;
  event: string | null;
  data: CoachStreamEvent | null;
  comment: string | null;
}

/** Parses frames from a Response body, one at a time. */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  readonly raw: string[] = [];

  constructor(res: Response) {
    if (!res.body) throw new Error('no body');
    this.reader = res.body.getReader();
  }

  /** The next frame, or null at the end of the stream. */
  async next(): Promise<Frame | null> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        this.raw.push(block);
        return parse(block);
      }
      const { done, value } = await this.reader.read();
      if (done) return null;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** Frames (without comments) until `stop` matches one or the stream ends. */
  async until(stop: (f: Frame) => boolean = () => false): Promise<Frame[]> {
    const out: Frame[] = [];
    for (let f = await this.next(); f; f = await this.next()) {
      if (f.comment !== null) continue;
      out.push(f);
      if (stop(f)) break;
    }
    return out;
  }

  async cancel(): Promise<void> {
    await this.reader.cancel();
  }
}

function parse(block: string): Frame {
  const f: Frame = { id: null, event: null, data: null, comment: null };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) f.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) f.id = Number(line.slice(4));
    else if (line.startsWith('event: ')) f.event = line.slice(7);
    else if (line.startsWith('data: ')) f.data = JSON.parse(line.slice(6)) as CoachStreamEvent;
  }
  return f;
}

export const isEnd = (f: Frame) => f.event === 'done' || (f.event === 'error' && !(f.data as { partial?: boolean }).partial);
export const textOf = (frames: Frame[]) =>
  frames
    .map((f) => f.data)
    .filter((d): d is Extract<CoachStreamEvent, { type: 'delta' }> => d?.type === 'delta')
    .map((d) => d.text)
    .join('');
