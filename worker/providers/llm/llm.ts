// The one interface the AI coach talks to, whichever model answers. Anthropic (default) and Mistral
// (fallback) implement it through their official SDKs; both stream normalized events.

export type LlmProviderName = 'anthropic' | 'mistral';

/** A tool the model may call: JSON Schema of its input (from the tool's zod schema). */
export interface LlmTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export type LlmContent =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; toolUseId: string; content: string; isError?: boolean };

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: LlmContent[];
}

export interface LlmRequest {
  model: string;
  /** Stable instructions (cached). */
  system: string;
  /** The athlete's context block (stable within a conversation; cached after the system prompt). */
  context: string;
  tools: LlmTool[];
  messages: LlmMessage[];
  maxTokens: number;
  /** Opaque athlete id sent as request metadata (abuse tracking upstream; the sandbox keys its scripts by it). */
  athleteRef: string;
  signal?: AbortSignal;
  /** Whole-request timeout; an expiry surfaces as LlmError kind 'timeout'. */
  timeoutMs: number;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
}

export type LlmStopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'other';

export type LlmEvent =
  | { type: 'text'; text: string }
  /** A whole tool call, emitted once its input JSON is complete. */
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  /** Cumulative usage so far (the last one is final). */
  | { type: 'usage'; usage: LlmUsage }
  | { type: 'stop'; reason: LlmStopReason };

export type LlmErrorKind =
  | 'rate_limited' // 429 (retry-after may be set)
  | 'spend_limit' // 429 whose message says the spend/usage limit was reached: never retried
  | 'overloaded' // 529 / overloaded_error (also mid-stream)
  | 'server' // other 5xx
  | 'timeout'
  | 'aborted' // our own signal (client went away, stop)
  | 'invalid' // 400/404/422: our request is wrong
  | 'auth'; // 401/403

export class LlmError extends Error {
  constructor(
    readonly provider: LlmProviderName,
    readonly kind: LlmErrorKind,
    message: string,
    readonly retryAfterS: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'LlmError';
  }

  /** Worth trying the fallback provider (when nothing has been shown yet). */
  get fallbackWorthy(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'overloaded' || this.kind === 'server' || this.kind === 'timeout';
  }
}

export interface LlmClient {
  readonly provider: LlmProviderName;
  /** Streams one model call. Throws (or yields then throws) LlmError; never retries by itself. */
  stream(req: LlmRequest): AsyncIterable<LlmEvent>;
}
