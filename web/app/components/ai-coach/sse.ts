// A small server-sent-events reader for fetch bodies (EventSource cannot POST). Robust to what broke the
// old coach: CRLF line ends, multi-byte characters split across chunks (TextDecoder flushed at the end),
// and a last event that arrives without its closing blank line. `: ping` comments are skipped.

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Feeds text in, returns the complete events so far; `end()` returns a trailing event without a blank line. */
export class SseParser {
  private buffer = '';
  private id: string | null = null;
  private event = '';
  private data: string[] = [];
  private hasData = false;

  push(text: string): SseMessage[] {
    this.buffer += text;
    // A lone '\r' at the end may be the first half of '\r\n': keep it for the next chunk.
    const keepCr = this.buffer.endsWith('\r');
    const usable = keepCr ? this.buffer.slice(0, -1) : this.buffer;
    const normalized = usable.replace(/\r\n?/g, '\n');
    const lines = normalized.split('\n');
    this.buffer = (lines.pop() ?? '') + (keepCr ? '\r' : '');
    const out: SseMessage[] = [];
    for (const line of lines) {
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  end(): SseMessage[] {
    const out: SseMessage[] = [];
    const rest = this.buffer.replace(/\r\n?/g, '\n');
    this.buffer = '';
    for (const line of rest.split('\n')) {
      const message = this.line(line);
      if (message) out.push(message);
    }
    const last = this.dispatch();
    if (last) out.push(last);
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.hasData = true;
    } else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }

  private dispatch(): SseMessage | null {
    if (!this.hasData) {
      this.event = '';
      return null;
    }
    const message = { id: this.id, event: this.event || 'message', data: this.data.join('\n') };
    this.event = '';
    this.data = [];
    this.hasData = false;
    return message;
  }
}

/** Reads a fetch body as SSE, calling `onMessage` per event; resolves when the body ends (cleanly or not). */
export async function readSse(body: ReadableStream<Uint8Array>, onMessage: (m: SseMessage) => void, signal?: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const abort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', abort);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const m of parser.push(decoder.decode(value, { stream: true }))) onMessage(m);
    }
    for (const m of parser.push(decoder.decode())) onMessage(m);
    for (const m of parser.end()) onMessage(m);
  } finally {
    signal?.removeEventListener('abort', abort);
    reader.releaseLock();
  }
}
