// Claude through the official SDK: streamed Messages with tool use, prompt caching on the stable prefix
// (tools → system instructions → the athlete's context block) and provider errors mapped to LlmError.
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, RawMessageStreamEvent, TextBlockParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { callControl, errorFromStatus, ownAbortError, parseToolInput } from './llm-http';
import { type LlmClient, type LlmContent, LlmError, type LlmEvent, type LlmRequest, type LlmStopReason, type LlmUsage } from './llm';

export interface AnthropicConfig {
  apiKey: string;
  /** https://api.anthropic.com, or the sandbox's /anthropic locally (the SDK appends /v1/messages). */
  baseUrl: string;
}

const EPHEMERAL = { type: 'ephemeral' } as const;

/** The SDK, loaded on first use; the workerd tests load it up front too (worker/testing/setup-workerd.ts). */
export const loadAnthropicSdk = () => import('@anthropic-ai/sdk');

export class AnthropicLlm implements LlmClient {
  readonly provider = 'anthropic' as const;
  private client: Anthropic | null = null;

  constructor(private readonly config: AnthropicConfig) {}

  async *stream(req: LlmRequest): AsyncIterable<LlmEvent> {
    // Loaded on first use: the SDK stays out of every module graph that never calls a model (the test
    // pool sends a file's whole graph in one message, and it has a size limit).
    const sdk = await loadAnthropicSdk();
    // No SDK retries: the coach decides (fallback to Mistral, or a calm retryable message).
    this.client ??= new sdk.default({ apiKey: this.config.apiKey, baseURL: this.config.baseUrl.replace(/\/+$/, ''), maxRetries: 0 });
    const call = callControl(req.signal, req.timeoutMs);
    let finished = false;
    try {
      const stream = await this.client.messages.create(
        {
          model: req.model,
          max_tokens: req.maxTokens,
          stream: true,
          metadata: { user_id: req.athleteRef },
          system: systemBlocks(req),
          ...(req.tools.length ? { tools: toolParams(req) } : {}),
          messages: req.messages.map(toParam),
        },
        { signal: call.signal },
      );
      const usage: LlmUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };
      const tools = new Map<number, { id: string; name: string; json: string }>();
      let stop: LlmStopReason | null = null;
      for await (const event of stream as AsyncIterable<RawMessageStreamEvent>) {
        switch (event.type) {
          case 'message_start':
            addUsage(usage, event.message.usage);
            yield { type: 'usage', usage: { ...usage } };
            break;
          case 'content_block_start':
            if (event.content_block.type === 'tool_use')
              tools.set(event.index, { id: event.content_block.id, name: event.content_block.name, json: '' });
            else if (event.content_block.type === 'text' && event.content_block.text)
              yield { type: 'text', text: event.content_block.text };
            break;
          case 'content_block_delta':
            if (event.delta.type === 'text_delta') yield { type: 'text', text: event.delta.text };
            else if (event.delta.type === 'input_json_delta') {
              const tool = tools.get(event.index);
              if (tool) tool.json += event.delta.partial_json;
            }
            break;
          case 'content_block_stop': {
            const tool = tools.get(event.index);
            if (tool) {
              tools.delete(event.index);
              yield { type: 'tool_use', id: tool.id, name: tool.name, input: parseToolInput('anthropic', tool.json) };
            }
            break;
          }
          case 'message_delta':
            addUsage(usage, event.usage);
            stop = stopReason(event.delta.stop_reason);
            yield { type: 'usage', usage: { ...usage } };
            break;
          case 'message_stop':
            finished = true;
            break;
        }
      }
      // The SDK ends the iteration quietly when its request is aborted: ours, or the stream was cut short.
      const cause = call.cause();
      if (cause) throw ownAbortError('anthropic', cause, req.timeoutMs);
      if (!finished) throw new LlmError('anthropic', 'server', 'anthropic stream ended before message_stop');
      yield { type: 'stop', reason: stop ?? 'other' };
    } catch (err) {
      throw asLlmError(sdk, err, call.cause(), req.timeoutMs);
    } finally {
      call.dispose(finished);
    }
  }
}

function systemBlocks(req: LlmRequest): TextBlockParam[] {
  const blocks: TextBlockParam[] = [{ type: 'text', text: req.system, cache_control: EPHEMERAL }];
  if (req.context) blocks.push({ type: 'text', text: req.context, cache_control: EPHEMERAL });
  return blocks;
}

function toolParams(req: LlmRequest): Tool[] {
  return req.tools.map((t, i) => ({
    name: t.name,
    description: t.description,
    input_schema: t.inputSchema as Tool['input_schema'],
    ...(i === req.tools.length - 1 ? { cache_control: EPHEMERAL } : {}),
  }));
}

function toParam(m: { role: 'user' | 'assistant'; content: LlmContent[] }): MessageParam {
  return {
    role: m.role,
    content: m.content.map((c) => {
      if (c.type === 'text') return { type: 'text' as const, text: c.text };
      if (c.type === 'tool_use') return { type: 'tool_use' as const, id: c.id, name: c.name, input: c.input };
      return { type: 'tool_result' as const, tool_use_id: c.toolUseId, content: c.content, ...(c.isError ? { is_error: true } : {}) };
    }),
  };
}

/** Anthropic's usage is cumulative: a present field replaces the one before. */
function addUsage(
  into: LlmUsage,
  u: {
    input_tokens?: number | null;
    output_tokens?: number | null;
    cache_creation_input_tokens?: number | null;
    cache_read_input_tokens?: number | null;
  },
): void {
  if (u.input_tokens != null) into.inputTokens = u.input_tokens;
  if (u.output_tokens != null) into.outputTokens = u.output_tokens;
  if (u.cache_creation_input_tokens != null) into.cacheWriteTokens = u.cache_creation_input_tokens;
  if (u.cache_read_input_tokens != null) into.cacheReadTokens = u.cache_read_input_tokens;
}

function stopReason(r: string | null): LlmStopReason | null {
  if (r === null) return null;
  return r === 'end_turn' || r === 'tool_use' || r === 'max_tokens' || r === 'stop_sequence' ? r : 'other';
}

function asLlmError(
  sdk: typeof import('@anthropic-ai/sdk'),
  err: unknown,
  cause: 'aborted' | 'timeout' | null,
  timeoutMs: number,
): LlmError {
  const { APIConnectionTimeoutError, APIError, APIUserAbortError } = sdk;
  if (err instanceof LlmError) return err;
  if (cause) return ownAbortError('anthropic', cause, timeoutMs);
  if (err instanceof APIUserAbortError) return new LlmError('anthropic', 'aborted', 'anthropic request aborted');
  if (err instanceof APIConnectionTimeoutError) return new LlmError('anthropic', 'timeout', 'anthropic request timed out');
  if (err instanceof APIError) {
    const body = err.error as { error?: { type?: string; message?: string } } | undefined;
    const type = body?.error?.type ?? err.type ?? null;
    const message = body?.error?.message ?? err.message;
    // A mid-stream `event: error` comes after an HTTP 200: no status, only its type.
    if (err.status === undefined) {
      const kind = type === 'overloaded_error' ? 'overloaded' : type === 'rate_limit_error' ? 'rate_limited' : 'server';
      return new LlmError('anthropic', kind, `anthropic stream error: ${type ?? 'unknown'}`);
    }
    return errorFromStatus('anthropic', err.status, message, err.headers?.get('retry-after'), type);
  }
  return new LlmError('anthropic', 'server', `anthropic request failed: ${err instanceof Error ? err.name : 'unknown error'}`);
}
