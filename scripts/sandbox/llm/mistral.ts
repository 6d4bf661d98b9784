// Mistral chat completions (POST /mistral/v1/chat/completions): Bearer auth, Mistral's error shape,
// JSON and SSE answers (`data: {chat.completion.chunk}` … usage in the last chunk … `data: [DONE]`),
// a whole tool call in one chunk as Mistral's own models send it, scripted failures per athlete.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.ts';
import { chunkText, type ModelInput, type ModelTurn, respond } from './model.ts';
import { estimateTokens, type LlmState, type RecordedRequest } from './state.ts';
import { hang, hrNow, latencyOf, sleep, startSse, textOf, watchAbort, writeSse } from './wire.ts';

type Json = Record<string, unknown>;

export function mistralError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  code: string | null,
  headers: Json = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ object: 'error', message, type, param: null, code }));
}

function validate(body: Json): string | null {
  if (typeof body.model !== 'string' || !body.model) return 'model: Field required';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: Field required';
  for (const [i, m] of (body.messages as Json[]).entries())
    if (!['system', 'user', 'assistant', 'tool'].includes(String(m?.role))) return `messages.${i}.role: unknown role`;
  return null;
}

function toModelInput(body: Json): ModelInput {
  const turns: ModelTurn[] = [];
  const system: string[] = [];
  for (const m of body.messages as Json[]) {
    if (m.role === 'system') system.push(textOf(m.content));
    else if (m.role === 'tool') {
      // Consecutive tool messages answer one assistant turn: one "user" turn of results for the model.
      const last = turns.at(-1);
      const result = { content: textOf(m.content), isError: false };
      if (last?.role === 'user' && last.toolResults.length > 0 && !last.text) last.toolResults.push(result);
      else turns.push({ role: 'user', text: '', toolUses: [], toolResults: [result] });
    } else {
      const calls = (m.tool_calls as Json[] | undefined) ?? [];
      turns.push({
        role: m.role as 'user' | 'assistant',
        text: textOf(m.content),
        toolUses: calls.map((c) => {
          const fn = c.function as Json;
          return { name: String(fn.name), input: typeof fn.arguments === 'string' ? safeParse(fn.arguments) : fn.arguments };
        }),
        toolResults: [],
      });
    }
  }
  const tools = ((body.tools as Json[] | undefined) ?? []).map((t) => String((t.function as Json | undefined)?.name));
  return { system: system.join('\n\n'), tools, turns };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

export async function handleMistral(
  state: LlmState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: (l: string) => void,
): Promise<boolean> {
  if (url.pathname !== '/mistral/v1/chat/completions') return false;
  const receivedAt = hrNow();
  if (req.method !== 'POST') {
    mistralError(res, 405, 'invalid_request_error', 'Method Not Allowed', null);
    return true;
  }
  if (!/^Bearer \S+/.test(String(req.headers.authorization ?? ''))) {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Unauthorized', request_id: randomBytes(16).toString('hex') }));
    return true;
  }
  let body: Json;
  try {
    body = JSON.parse(await readBody(req, 5_000_000)) as Json;
  } catch {
    mistralError(res, 400, 'invalid_request_error', 'Invalid JSON body', null);
    return true;
  }
  const invalid = typeof body === 'object' && body !== null ? validate(body) : 'body: must be an object';
  if (invalid) {
    mistralError(res, 400, 'invalid_request_message_error', invalid, '3051');
    return true;
  }
  const ref = String((body.metadata as Json | undefined)?.athlete_ref ?? 'anonymous');
  const stream = body.stream === true;
  const recorded = state.record(ref, { provider: 'mistral', path: url.pathname, stream, body, receivedAt });
  const step = state.nextStep(ref, 'mistral');
  log(`llm mistral chat athlete=${ref} stream=${stream} step=${Object.keys(step).join(',')}`);
  if ('status' in step) {
    if (step.status === 429 && 'spendLimit' in step && step.spendLimit)
      mistralError(res, 429, 'usage_limit_exceeded', 'Monthly spend limit reached for this workspace.', '3210');
    else if (step.status === 429)
      mistralError(res, 429, 'rate_limited', 'Requests rate limit exceeded', '1300', {
        'retry-after': String(('retryAfter' in step ? step.retryAfter : undefined) ?? 15),
      });
    else if (step.status === 529)
      mistralError(res, 529, 'service_tier_capacity_exceeded', 'Service tier capacity exceeded for this model.', '3505');
    else mistralError(res, 500, 'internal_server_error', 'Internal server error', '1000');
    return true;
  }
  if ('hang' in step) {
    hang(state, ref, req, res);
    return true;
  }
  const input = toModelInput(body);
  const output = respond(input, { wrongNumber: 'wrongNumber' in step });
  const promptTokens = estimateTokens(JSON.stringify(body.messages) + JSON.stringify(body.tools ?? []));
  const completionTokens = Math.max(1, estimateTokens(JSON.stringify(output.blocks)));
  const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  const text = output.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('');
  const toolCalls = output.blocks.flatMap((b, index) =>
    b.type === 'tool_use'
      ? [
          {
            id: randomBytes(5).toString('hex').slice(0, 9),
            type: 'function',
            function: { name: b.name, arguments: JSON.stringify(b.input) },
            index,
          },
        ]
      : [],
  );
  const finish = output.stopReason === 'tool_use' ? 'tool_calls' : 'stop';
  const id = randomBytes(16).toString('hex');
  const created = Math.floor(Date.now() / 1000);
  if (!stream) {
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model: body.model,
      choices: [
        { index: 0, message: { role: 'assistant', content: text, tool_calls: toolCalls.length ? toolCalls : null }, finish_reason: finish },
      ],
      usage,
    });
    return true;
  }
  const gone = watchAbort(state, ref, req, res);
  const { firstTokenMs, chunkMs } = latencyOf(step, state.latency);
  const chunk = (delta: Json, finishReason: string | null = null, extra: Json = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: body.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  });
  // Mistral has no `event: error`; a failure after the 200 arrives as an error object in the stream.
  const midError = () =>
    writeSse(res, null, {
      object: 'error',
      message: 'Service tier capacity exceeded for this model.',
      type: 'service_tier_capacity_exceeded',
      param: null,
      code: '3505',
    });
  startSse(res);
  writeSse(res, null, chunk({ role: 'assistant', content: '' }));
  await sleep(firstTokenMs);
  const mid = 'midStreamError' in step ? step : null;
  if (mid && !mid.afterText) {
    midError();
    res.end();
    return true;
  }
  const pieces = chunkText(text);
  for (const [i, content] of pieces.entries()) {
    if (gone()) return true;
    recorded.firstTokenAt ??= hrNow();
    writeSse(res, null, chunk({ content }));
    if (mid && i >= Math.min(2, pieces.length - 1)) {
      midError();
      res.end();
      return true;
    }
    await sleep(chunkMs);
  }
  if (mid) {
    midError();
    res.end();
    return true;
  }
  if (toolCalls.length) writeSse(res, null, chunk({ tool_calls: toolCalls }));
  writeSse(res, null, chunk({ content: '' }, finish, { usage }));
  writeSse(res, null, '[DONE]');
  res.end();
  return true;
}
