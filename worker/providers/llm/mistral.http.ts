// Mistral through the official SDK (the fallback model): streamed chat completions with function
// tools; tool calls are assembled per index and id, usage has no cache fields, errors map to LlmError.
// The standalone core + function, not the `Mistral` class: the class pulls in every API of the SDK
// and OpenTelemetry's semantic conventions (megabytes the worker bundle and the test pool choke on).
// All loaded on first use, so module graphs that never call a model stay small.
import type { MistralCore } from '@mistralai/mistralai/core.js';
import type { SDKHooks } from '@mistralai/mistralai/hooks/hooks.js';
import type { SDKOptions } from '@mistralai/mistralai/lib/config.js';
import type { ChatCompletionStreamRequest, ToolCall } from '@mistralai/mistralai/models/components';
import { callControl, errorFromStatus, ownAbortError, parseToolInput } from './llm-http';
import { type LlmClient, LlmError, type LlmEvent, type LlmRequest, type LlmStopReason } from './llm';

export interface MistralConfig {
  apiKey: string;
  /** https://api.mistral.ai, or the sandbox's /mistral locally (the SDK appends /v1/chat/completions). */
  serverUrl: string;
}

type Messages = ChatCompletionStreamRequest['messages'];

/** The SDK's modules, loaded on first use (as Anthropic's); the workerd tests load them up front too. */
export const loadMistralSdk = () =>
  Promise.all([
    import('@mistralai/mistralai/core.js'),
    import('@mistralai/mistralai/funcs/chatStream.js'),
    import('@mistralai/mistralai/hooks/hooks.js'),
    import('@mistralai/mistralai/models/errors'),
  ]);

export class MistralLlm implements LlmClient {
  readonly provider = 'mistral' as const;
  private client: MistralCore | null = null;

  constructor(private readonly config: MistralConfig) {}

  async *stream(req: LlmRequest): AsyncIterable<LlmEvent> {
    const [{ MistralCore }, { chatStream }, { SDKHooks }, errors] = await loadMistralSdk();
    const options = {
      apiKey: this.config.apiKey,
      serverURL: this.config.serverUrl,
      retryConfig: { strategy: 'none' },
      hooks: withoutTracing(new SDKHooks()),
    };
    this.client ??= new MistralCore(options as SDKOptions);
    const call = callControl(req.signal, req.timeoutMs);
    let finished = false;
    try {
      const result = await chatStream(
        this.client,
        {
          model: req.model,
          maxTokens: req.maxTokens,
          metadata: { athlete_ref: req.athleteRef },
          messages: toMessages(req),
          ...(req.tools.length
            ? {
                tools: req.tools.map((t) => ({
                  type: 'function' as const,
                  function: { name: t.name, description: t.description, parameters: t.inputSchema },
                })),
              }
            : {}),
        },
        { signal: call.signal },
      );
      if (!result.ok) throw result.error;
      const stream = result.value;
      const calls: { id: string; name: string; args: string; index: number }[] = [];
      let stop: LlmStopReason | null = null;
      for await (const event of stream) {
        const chunk = event.data;
        const choice = chunk.choices[0];
        const content = choice?.delta.content;
        if (typeof content === 'string' && content) yield { type: 'text', text: content };
        else if (Array.isArray(content))
          for (const part of content) if (part.type === 'text' && part.text) yield { type: 'text', text: part.text };
        for (const tc of choice?.delta.toolCalls ?? []) mergeToolCall(calls, tc);
        if (choice?.finishReason) stop = stopReason(choice.finishReason);
        if (chunk.usage) {
          for (const c of calls) yield { type: 'tool_use', id: c.id, name: c.name, input: parseToolInput('mistral', c.args) };
          calls.length = 0;
          const usage = {
            inputTokens: chunk.usage.promptTokens ?? 0,
            outputTokens: chunk.usage.completionTokens ?? 0,
            cacheWriteTokens: 0,
            cacheReadTokens: 0,
          };
          yield { type: 'usage', usage };
        }
      }
      const cause = call.cause();
      if (cause) throw ownAbortError('mistral', cause, req.timeoutMs);
      if (stop === null) throw new LlmError('mistral', 'server', 'mistral stream ended without a finish reason');
      for (const c of calls) yield { type: 'tool_use', id: c.id, name: c.name, input: parseToolInput('mistral', c.args) };
      finished = true;
      yield { type: 'stop', reason: stop };
    } catch (err) {
      throw asLlmError(errors, err, call.cause(), req.timeoutMs);
    } finally {
      call.dispose(finished);
    }
  }
}

/**
 * The SDK's default hooks minus its OpenTelemetry tracing hook, which imports OpenTelemetry's semantic
 * conventions (megabytes) on every request even when no tracer is registered.
 */
function withoutTracing(hooks: SDKHooks): SDKHooks {
  const keep = (h: unknown) => !(typeof h === 'object' && h !== null && '_mistralTracingHook' in h);
  hooks.sdkInitHooks = hooks.sdkInitHooks.filter(keep);
  hooks.beforeRequestHooks = hooks.beforeRequestHooks.filter(keep);
  hooks.afterSuccessHooks = hooks.afterSuccessHooks.filter(keep);
  hooks.afterErrorHooks = hooks.afterErrorHooks.filter(keep);
  return hooks;
}

/** One system message (instructions, then the context block), tool results as role 'tool' messages. */
function toMessages(req: LlmRequest): Messages {
  const out: Messages = [{ role: 'system', content: req.context ? `${req.system}\n\n${req.context}` : req.system }];
  const names = new Map<string, string>();
  for (const m of req.messages) {
    if (m.role === 'assistant') {
      const text = m.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('');
      const toolCalls = m.content.flatMap((c) => {
        if (c.type !== 'tool_use') return [];
        names.set(c.id, c.name);
        return [{ id: c.id, type: 'function' as const, function: { name: c.name, arguments: JSON.stringify(c.input ?? {}) } }];
      });
      out.push({ role: 'assistant', content: text, ...(toolCalls.length ? { toolCalls } : {}) });
      continue;
    }
    for (const c of m.content) {
      if (c.type === 'tool_result')
        out.push({ role: 'tool', toolCallId: c.toolUseId, name: names.get(c.toolUseId) ?? null, content: c.content });
    }
    const text = m.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('');
    if (text) out.push({ role: 'user', content: text });
  }
  return out;
}

/**
 * Mistral's own models send a whole call in one chunk, others stream arguments; a missing index
 * defaults to 0, so calls are told apart by id first and by index only when the id is absent.
 */
function mergeToolCall(calls: { id: string; name: string; args: string; index: number }[], tc: ToolCall): void {
  const index = tc.index ?? 0;
  const id = tc.id && tc.id !== 'null' ? tc.id : '';
  let entry = id ? calls.find((c) => c.id === id) : [...calls].reverse().find((c) => c.index === index);
  if (!entry) {
    entry = { id: id || `call_${calls.length}`, name: '', args: '', index };
    calls.push(entry);
  }
  if (tc.function.name && !entry.name) entry.name = tc.function.name;
  if (typeof tc.function.arguments === 'string') entry.args += tc.function.arguments;
  else entry.args = JSON.stringify(tc.function.arguments);
}

function stopReason(r: string): LlmStopReason {
  if (r === 'stop') return 'end_turn';
  if (r === 'tool_calls') return 'tool_use';
  if (r === 'length' || r === 'model_length') return 'max_tokens';
  return 'other';
}

function asLlmError(
  errors: typeof import('@mistralai/mistralai/models/errors'),
  err: unknown,
  cause: 'aborted' | 'timeout' | null,
  timeoutMs: number,
): LlmError {
  const { MistralError, SDKValidationError } = errors;
  if (err instanceof LlmError) return err;
  if (cause) return ownAbortError('mistral', cause, timeoutMs);
  if (err instanceof MistralError) {
    let message = err.message;
    let type: string | null = null;
    try {
      const body = JSON.parse(err.body) as { message?: unknown; type?: unknown };
      if (typeof body.message === 'string') message = body.message;
      if (typeof body.type === 'string') type = body.type;
    } catch {
      // Not JSON: keep the SDK's message.
    }
    return errorFromStatus('mistral', err.statusCode, message, err.headers.get('retry-after'), type);
  }
  // Mistral has no `event: error`: a failure after the 200 arrives as an error object where a chunk
  // should be, which the SDK's chunk schema refuses.
  if (err instanceof SDKValidationError || (err instanceof Error && /ZodError/.test(err.name)))
    return new LlmError('mistral', 'overloaded', 'mistral stream error after the response began');
  const name = err instanceof Error ? err.name : 'unknown error';
  if (name === 'RequestTimeoutError') return new LlmError('mistral', 'timeout', 'mistral request timed out');
  if (name === 'RequestAbortedError') return new LlmError('mistral', 'aborted', 'mistral request aborted');
  return new LlmError('mistral', 'server', `mistral request failed: ${name}`);
}
