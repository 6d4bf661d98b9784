// Wire helpers shared by the Anthropic and Mistral fronts: scripted latency, SSE writes that stop when
// the client has gone, and counting the streams a client abandoned before the end.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LlmState } from './state.ts';

/** Wall-clock ms with sub-ms resolution, comparable across the Node process (the bench client shares it). */
export const hrNow = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Counts an abort when the client closes the request before the answer was fully written. */
export function watchAbort(state: LlmState, ref: string, req: IncomingMessage, res: ServerResponse): () => boolean {
  let gone = false;
  const onClose = () => {
    if (gone || res.writableFinished) return;
    gone = true;
    state.noteAbort(ref);
  };
  res.on('close', onClose);
  req.on('close', () => {
    if (req.destroyed && !res.writableFinished) onClose();
  });
  return () => gone || res.destroyed;
}

export function startSse(res: ServerResponse, extra: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...extra,
  });
  res.flushHeaders();
}

export function writeSse(res: ServerResponse, event: string | null, data: unknown): void {
  if (res.destroyed) return;
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  res.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`);
}

/** Latency of one answer: the step's own, else the sandbox's defaults. */
export function latencyOf(step: object, defaults: { firstTokenMs: number; chunkMs: number }): { firstTokenMs: number; chunkMs: number } {
  const s = step as { firstTokenMs?: number; chunkMs?: number };
  return { firstTokenMs: s.firstTokenMs ?? defaults.firstTokenMs, chunkMs: s.chunkMs ?? defaults.chunkMs };
}

/** Never answers; counts the abort when the client gives up (its timeout). */
export function hang(state: LlmState, ref: string, req: IncomingMessage, res: ServerResponse): void {
  watchAbort(state, ref, req, res);
}

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((c) =>
        typeof c === 'object' && c !== null && typeof (c as { text?: unknown }).text === 'string' ? (c as { text: string }).text : '',
      )
      .join('');
  return '';
}
