// A live turn's stream inside CoachSession: every event gets a sequence id and is kept for the turn, so
// any number of clients attach (and reattach with Last-Event-ID) and read the same events. When the last
// client goes away the turn is aborted after a grace period, unless someone comes back.
import type { CoachStreamEvent } from '../coach.types';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

const encoder = new TextEncoder();

/** One SSE frame: `id:` = sequence, `event:` = type, `data:` = the event's JSON (one line). */
export const sseFrame = (id: number, ev: CoachStreamEvent) =>
  encoder.encode(`id: ${id}\nevent: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`);
const PING = encoder.encode(': ping\n\n');

interface Client {
  controller: ReadableStreamDefaultController<Uint8Array>;
  heartbeat: ReturnType<typeof setInterval>;
}

export interface LiveOptions {
  conversationId: string;
  heartbeatMs: number;
  graceMs: number;
}

export class LiveTurn {
  readonly abort = new AbortController();
  readonly events: CoachStreamEvent[] = [];
  messageId: string | null = null;
  finished = false;
  /** Set while a caller waits for the end without a stream (the JS-off path): never aborted for lack of clients. */
  pinned = false;
  /** Resolves once the turn is stored and every stream closed. */
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;
  private readonly clients = new Set<Client>();
  private grace: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly opts: LiveOptions) {
    this.ended = new Promise((resolve) => {
      this.resolveEnded = resolve;
    });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  push(ev: CoachStreamEvent): void {
    if (this.finished) return;
    if (ev.type === 'turn') this.messageId = ev.messageId;
    this.events.push(ev);
    const frame = sseFrame(this.events.length, ev);
    for (const c of this.clients) this.write(c, frame);
  }

  /** Ends every client's stream once the turn is stored. */
  finish(): void {
    this.finished = true;
    if (this.grace) clearTimeout(this.grace);
    for (const c of [...this.clients]) this.drop(c, true);
    this.resolveEnded();
  }

  stop(reason: 'stopped' | 'detached' = 'stopped'): void {
    if (!this.abort.signal.aborted) this.abort.abort(reason);
  }

  /** A stream of the events after `afterId` (0: all), then the rest as they come. */
  attach(afterId = 0): ReadableStream<Uint8Array> {
    let client: Client | null = null;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        const start = Math.max(0, Math.min(afterId, this.events.length));
        for (let i = start; i < this.events.length; i++) controller.enqueue(sseFrame(i + 1, this.events[i]!));
        if (this.finished) {
          controller.close();
          return;
        }
        const c: Client = { controller, heartbeat: setInterval(() => this.write(c, PING), this.opts.heartbeatMs) };
        client = c;
        this.clients.add(c);
        if (this.grace) {
          clearTimeout(this.grace);
          this.grace = null;
        }
      },
      // The browser went away (tab closed, network dropped): explicit, since cancel may not reach upstream by itself.
      cancel: () => {
        if (client) this.drop(client, false);
      },
    });
  }

  private write(c: Client, frame: Uint8Array): void {
    try {
      c.controller.enqueue(frame);
    } catch {
      this.drop(c, false);
    }
  }

  private drop(c: Client, close: boolean): void {
    clearInterval(c.heartbeat);
    if (!this.clients.delete(c)) return;
    if (close) {
      try {
        c.controller.close();
      } catch {
        // Already closed by the reader.
      }
    }
    if (!this.finished && !this.pinned && this.clients.size === 0) {
      this.grace = setTimeout(() => {
        this.grace = null;
        if (this.clients.size === 0 && !this.pinned) this.stop('detached');
      }, this.opts.graceMs);
    }
  }
}
