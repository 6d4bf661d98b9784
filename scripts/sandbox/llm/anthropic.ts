// Anthropic Messages API (POST /anthropic/v1/messages): headers, body validation, errors in Anthropic's
// shape, JSON and SSE answers (message_start … content_block_* … message_delta … message_stop, ping,
// mid-stream error), prompt caching by cache_control breakpoints, scripted failures per athlete.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.ts';
import { chunkText, type ModelInput, type ModelOutput, type ModelTurn, respond } from './model.ts';
import { estimateTokens, type LlmState, type LlmStep, type RecordedRequest } from './state.ts';
import { hang, hrNow, latencyOf, sleep, startSse, textOf, watchAbort, writeSse } from './wire.ts';

type Json = Record<string, unknown>;

export function anthropicError(res: ServerResponse, status: number, type: string, message: string, headers: Json = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(12).toString('hex')}`, ...headers });
  res.end(JSON.stringify({ type: 'error', error: { type, message } }));
}

function validate(body: Json): string | null {
  if (typeof body.model !== 'string' || !body.model) return 'model: Field required';
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) return 'max_tokens: Field required (a positive integer)';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  for (const [i, m] of (body.messages as Json[]).entries()) {
    if (m?.role !== 'user' && m?.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (typeof m.content !== 'string' && !Array.isArray(m.content)) return `messages.${i}.content: Field required`;
  }
  if (body.tools !== undefined && !Array.isArray(body.tools)) return 'tools: Input should be a valid list';
  return null;
}

function toModelInput(body: Json): ModelInput {
  const turns: ModelTurn[] = (body.messages as Json[]).map((m) => {
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content as Json[]);
    return {
      role: m.role as 'user' | 'assistant',
      text: blocks.map((b) => (b.type === 'text' ? String(b.text ?? '') : '')).join(''),
      toolUses: blocks.filter((b) => b.type === 'tool_use').map((b) => ({ name: String(b.name), input: b.input })),
      toolResults: blocks
        .filter((b) => b.type === 'tool_result')
        .map((b) => ({ content: textOf(b.content), isError: b.is_error === true })),
    };
  });
  return {
    system: textOf(body.system),
    tools: ((body.tools as Json[] | undefined) ?? []).map((t) => String(t.name)),
    turns,
  };
}

/** Ordered segments (tools → system → messages) with their cache_control breakpoints. */
function segments(body: Json): { text: string; breakpoint: boolean }[] {
  const strip = ({ cache_control, ...rest }: Json) => JSON.stringify(rest);
  const out: { text: string; breakpoint: boolean }[] = [];
  for (const t of (body.tools as Json[] | undefined) ?? []) out.push({ text: strip(t), breakpoint: !!t.cache_control });
  if (typeof body.system === 'string') out.push({ text: body.system, breakpoint: false });
  else for (const b of (body.system as Json[] | undefined) ?? []) out.push({ text: String(b.text ?? ''), breakpoint: !!b.cache_control });
  for (const m of body.messages as Json[]) {
    if (typeof m.content === 'string') out.push({ text: `${m.role}:${m.content}`, breakpoint: false });
    else for (const b of m.content as Json[]) out.push({ text: `${m.role}:${strip(b)}`, breakpoint: !!b.cache_control });
  }
  return out;
}

function sendScriptedError(res: ServerResponse, step: LlmStep): boolean {
  if (!('status' in step)) return false;
  if (step.status === 429 && 'spendLimit' in step && step.spendLimit)
    anthropicError(
      res,
      429,
      'rate_limit_error',
      'You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.',
    );
  else if (step.status === 429)
    anthropicError(res, 429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.', {
      'retry-after': String(('retryAfter' in step ? step.retryAfter : undefined) ?? 15),
    });
  else if (step.status === 529) anthropicError(res, 529, 'overloaded_error', 'Overloaded');
  else anthropicError(res, 500, 'api_error', 'Internal server error');
  return true;
}

export async function handleAnthropic(
  state: LlmState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: (l: string) => void,
): Promise<boolean> {
  if (url.pathname !== '/anthropic/v1/messages') return false;
  const receivedAt = hrNow();
  if (req.method !== 'POST') {
    anthropicError(res, 405, 'invalid_request_error', 'Method not allowed');
    return true;
  }
  // The SDK (1.x) sends the key as `Authorization: Bearer`; older clients send `x-api-key`. Both work.
  if (!req.headers['x-api-key'] && !/^Bearer \S+/.test(String(req.headers.authorization ?? ''))) {
    anthropicError(res, 401, 'authentication_error', 'x-api-key header is required');
    return true;
  }
  if (!req.headers['anthropic-version']) {
    anthropicError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
    return true;
  }
  let body: Json;
  try {
    body = JSON.parse(await readBody(req, 5_000_000)) as Json;
  } catch {
    anthropicError(res, 400, 'invalid_request_error', 'The request body is not valid JSON.');
    return true;
  }
  const invalid = typeof body === 'object' && body !== null ? validate(body) : 'body: must be an object';
  if (invalid) {
    anthropicError(res, 400, 'invalid_request_error', invalid);
    return true;
  }
  const ref = String((body.metadata as Json | undefined)?.user_id ?? 'anonymous');
  const stream = body.stream === true;
  const recorded = state.record(ref, { provider: 'anthropic', path: url.pathname, stream, body, receivedAt });
  const step = state.nextStep(ref, 'anthropic');
  log(`llm anthropic messages athlete=${ref} stream=${stream} step=${Object.keys(step).join(',')}`);
  if (sendScriptedError(res, step)) return true;
  if ('hang' in step) {
    hang(state, ref, req, res);
    return true;
  }
  const output = respond(toModelInput(body), { wrongNumber: 'wrongNumber' in step });
  const cache = state.cacheUsage(String(body.model), segments(body));
  const usage = { input_tokens: cache.input, cache_creation_input_tokens: cache.cacheWrite, cache_read_input_tokens: cache.cacheRead };
  const outputTokens = Math.max(1, estimateTokens(JSON.stringify(output.blocks)));
  const id = `msg_${randomBytes(12).toString('hex')}`;
  const content = output.blocks.map((b) =>
    b.type === 'text' ? b : { type: 'tool_use', id: `toolu_${randomBytes(12).toString('hex')}`, name: b.name, input: b.input },
  );
  if (!stream) {
    sendJson(res, 200, {
      id,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: output.stopReason,
      stop_sequence: null,
      usage: { ...usage, output_tokens: outputTokens },
    });
    return true;
  }
  await streamAnswer(state, ref, req, res, { id, model: String(body.model), content, output, usage, outputTokens, step, recorded });
  return true;
}

async function streamAnswer(
  state: LlmState,
  ref: string,
  req: IncomingMessage,
  res: ServerResponse,
  a: {
    id: string;
    model: string;
    content: Json[];
    output: ModelOutput;
    usage: Json;
    outputTokens: number;
    step: LlmStep;
    recorded: RecordedRequest;
  },
): Promise<void> {
  const gone = watchAbort(state, ref, req, res);
  const { firstTokenMs, chunkMs } = latencyOf(a.step, state.latency);
  const midError = 'midStreamError' in a.step ? a.step : null;
  startSse(res, { 'request-id': `req_${randomBytes(12).toString('hex')}` });
  writeSse(res, 'message_start', {
    type: 'message_start',
    message: {
      id: a.id,
      type: 'message',
      role: 'assistant',
      model: a.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...a.usage, output_tokens: 1 },
    },
  });
  await sleep(firstTokenMs);
  const overloaded = () => writeSse(res, 'error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  if (midError && !midError.afterText) {
    overloaded();
    res.end();
    return;
  }
  for (const [index, block] of a.content.entries()) {
    if (gone()) return;
    if (block.type === 'text') {
      writeSse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      if (index === 0) writeSse(res, 'ping', { type: 'ping' });
      const chunks = chunkText(String(block.text));
      for (const [i, text] of chunks.entries()) {
        if (gone()) return;
        a.recorded.firstTokenAt ??= hrNow();
        writeSse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
        if (midError && i >= Math.min(2, chunks.length - 1)) {
          overloaded();
          res.end();
          return;
        }
        await sleep(chunkMs);
      }
    } else {
      writeSse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { ...block, input: {} } });
      const json = JSON.stringify(block.input);
      const half = Math.max(1, Math.floor(json.length / 2));
      for (const partial_json of [json.slice(0, half), json.slice(half)]) {
        writeSse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
        await sleep(chunkMs);
      }
    }
    writeSse(res, 'content_block_stop', { type: 'content_block_stop', index });
  }
  if (midError) {
    // afterText on an answer without text: the error still comes after the message began.
    overloaded();
    res.end();
    return;
  }
  writeSse(res, 'message_delta', {
    type: 'message_delta',
    delta: { stop_reason: a.output.stopReason, stop_sequence: null },
    usage: { ...a.usage, output_tokens: a.outputTokens },
  });
  writeSse(res, 'message_stop', { type: 'message_stop' });
  res.end();
}
