// An in-memory LlmClient for unit tests of the coach's services: each call plays the next scripted step
// (events, then optionally an error), honours abort and timeout like the real clients, and records requests.
import { LlmError, type LlmClient, type LlmEvent, type LlmProviderName, type LlmRequest, type LlmUsage } from './llm';

export interface FakeStep {
  events?: LlmEvent[];
  /** Thrown after the events (an HTTP error when events is empty, a mid-stream error otherwise). */
  error?: LlmError;
  /** Awaited before the first event (a test holds the call open, then releases it). */
  gate?: Promise<void>;
  /** Awaited after this many events (a stream that stalls mid-answer). */
  gateAfter?: { events: number; gate: Promise<void> };
  /** Never answers: ends only by abort (LlmError 'aborted') or the request's timeout ('timeout'). */
  hang?: boolean;
}

export const usage = (inputTokens: number, outputTokens: number, cacheWriteTokens = 0, cacheReadTokens = 0): LlmUsage => ({
  inputTokens,
  outputTokens,
  cacheWriteTokens,
  cacheReadTokens,
});

/** A plain answer streamed in chunks, with its final usage. */
export const textStep = (chunks: string[], u: LlmUsage = usage(100, 20)): FakeStep => ({
  events: [...chunks.map((text) => ({ type: 'text' as const, text })), { type: 'usage', usage: u }, { type: 'stop', reason: 'end_turn' }],
});

/** One round of tool calls. */
export const toolStep = (calls: { id: string; name: string; input: unknown }[], u: LlmUsage = usage(100, 10)): FakeStep => ({
  events: [...calls.map((c) => ({ type: 'tool_use' as const, ...c })), { type: 'usage', usage: u }, { type: 'stop', reason: 'tool_use' }],
});

export const llmError = (provider: LlmProviderName, kind: LlmError['kind'], status: number | null = null) =>
  new LlmError(provider, kind, `fake ${kind}`, null, status);

/** A request as recorded (without the signal). */
export type RecordedRequest = Omit<LlmRequest, 'signal'>;

export class FakeLlm implements LlmClient {
  readonly requests: RecordedRequest[] = [];
  aborts = 0;
  private readonly script: FakeStep[] = [];

  constructor(
    readonly provider: LlmProviderName,
    steps: FakeStep[] = [],
  ) {
    this.script.push(...steps);
  }

  push(...steps: FakeStep[]): this {
    this.script.push(...steps);
    return this;
  }

  get remaining(): number {
    return this.script.length;
  }

  async *stream(req: LlmRequest): AsyncIterable<LlmEvent> {
    const { signal, ...rest } = req;
    this.requests.push(structuredClone(rest));
    const step = this.script.shift();
    if (!step) throw new LlmError(this.provider, 'server', 'fake: no scripted step left', null, 500);
    const started = Date.now();
    const wait = async (gate: Promise<void> | null) => {
      const outcome = await this.race(gate, signal, Math.max(0, req.timeoutMs - (Date.now() - started)));
      if (outcome === 'aborted') {
        this.aborts++;
        throw new LlmError(this.provider, 'aborted', 'fake: aborted');
      }
      if (outcome === 'timeout') throw new LlmError(this.provider, 'timeout', 'fake: timed out');
    };
    if (step.hang) await wait(new Promise<void>(() => {}));
    if (step.gate) await wait(step.gate);
    const events = step.events ?? [];
    for (let i = 0; i < events.length; i++) {
      if (step.gateAfter && step.gateAfter.events === i) await wait(step.gateAfter.gate);
      if (signal?.aborted) await wait(null);
      yield events[i]!;
    }
    if (step.error) throw step.error;
  }

  private race(gate: Promise<void> | null, signal: AbortSignal | undefined, timeoutMs: number) {
    if (signal?.aborted) return Promise.resolve('aborted' as const);
    if (!gate) return Promise.resolve('ok' as const);
    return new Promise<'ok' | 'aborted' | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      const onAbort = () => {
        clearTimeout(timer);
        resolve('aborted');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      gate.then(() => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve('ok');
      });
    });
  }
}
