import { describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually';
import { llmAborts, llmRequests, scriptLlm } from '../../testing/llm-sandbox';
import { client, drain, fitnessResult, lastUsage, request, textOf, toolUses, withToolResult } from './llm.testing';

// The real Anthropic client (official SDK) against the sandbox's Messages API: streaming, tool use,
// prompt caching and every error kind the coach's fallback logic branches on.

const claude = () => client('anthropic');
const ref = () => `ath-${crypto.randomUUID()}`;

describe('Anthropic client', () => {
  it('streams a text answer in several deltas and stops at end_turn', async () => {
    const { events, error } = await drain(claude().stream(request(ref(), 'Hello coach')));
    expect(error).toBeNull();
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(2);
    expect(textOf(events)).toMatch(/^I can answer questions about your training/);
    expect(textOf(events)).not.toMatch(/\d/);
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'end_turn' });
  });

  it('round-trips a tool call: parsed input, then an answer worded from the tool result', async () => {
    const athlete = ref();
    const req = request(athlete, 'What is my fitness right now?');
    const first = await drain(claude().stream(req));
    expect(first.error).toBeNull();
    const [call] = toolUses(first.events);
    expect(call).toMatchObject({ name: 'get_fitness', input: {} });
    expect(call?.id).toMatch(/^toolu_/);
    expect(first.events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });

    const second = await drain(claude().stream(withToolResult(req, call!, fitnessResult(52.3))));
    expect(second.error).toBeNull();
    expect(textOf(second.events)).toContain('Your fitness (CTL) is 52.3.');
    expect(second.events.at(-1)).toEqual({ type: 'stop', reason: 'end_turn' });

    const sent = await llmRequests(athlete, 'anthropic');
    expect(sent).toHaveLength(2);
    const body = sent[1]!.body as { messages: { content: { type: string; tool_use_id?: string }[] }[] };
    expect(body.messages.at(-1)?.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: call!.id });
  });

  it('assembles several tool calls from input_json_delta chunks', async () => {
    const { events } = await drain(claude().stream(request(ref(), 'My fitness, and my fastest run last week?')));
    const calls = toolUses(events);
    expect(calls.map((c) => c.name)).toEqual(['get_fitness', 'query_activities']);
    expect(calls[1]?.input).toEqual({ from: '2026-11-16', to: '2026-11-22', sport: 'run', sortBy: 'pace', order: 'asc', limit: 1 });
  });

  it('caches the stable prefix: the first call writes it, the second reads it, input tokens exclude it', async () => {
    const req = request(ref(), 'Hello coach');
    const one = lastUsage((await drain(claude().stream(req))).events)!;
    const two = lastUsage((await drain(claude().stream(req))).events)!;
    expect(one.cacheWriteTokens).toBeGreaterThanOrEqual(1024);
    expect(one.cacheReadTokens).toBe(0);
    expect(two.cacheReadTokens).toBe(one.cacheWriteTokens);
    expect(two.cacheWriteTokens).toBe(0);
    expect(two.inputTokens).toBe(one.inputTokens);
    expect(one.inputTokens).toBeLessThan(50);
    expect(one.outputTokens).toBeGreaterThan(0);
  });

  it('sends metadata.user_id, the system as two cached blocks and cache_control on the last tool', async () => {
    const athlete = ref();
    await drain(claude().stream(request(athlete, 'Hello coach')));
    const [sent] = await llmRequests(athlete, 'anthropic');
    const body = sent!.body as {
      metadata: unknown;
      system: { cache_control?: unknown }[];
      tools: { cache_control?: unknown }[];
      stream: boolean;
    };
    expect(body.metadata).toEqual({ user_id: athlete });
    expect(body.stream).toBe(true);
    expect(body.system.map((b) => b.cache_control)).toEqual([{ type: 'ephemeral' }, { type: 'ephemeral' }]);
    expect(body.tools.map((t) => t.cache_control)).toEqual([undefined, { type: 'ephemeral' }]);
  });

  it('maps a 429 to rate_limited with retry-after, and a spend-limit 429 to spend_limit', async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'anthropic', [
      { status: 429, retryAfter: 7 },
      { status: 429, spendLimit: true },
    ]);
    const limited = (await drain(claude().stream(request(athlete, 'Hello')))).error!;
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfterS: 7, status: 429, fallbackWorthy: true });
    const spend = (await drain(claude().stream(request(athlete, 'Hello')))).error!;
    expect(spend).toMatchObject({ kind: 'spend_limit', status: 429, fallbackWorthy: false });
  });

  it('maps 529 to overloaded and 500 to server, without retrying', async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'anthropic', [{ status: 529 }, { status: 500 }]);
    expect((await drain(claude().stream(request(athlete, 'Hello')))).error).toMatchObject({ kind: 'overloaded', status: 529 });
    expect((await drain(claude().stream(request(athlete, 'Hello')))).error).toMatchObject({ kind: 'server', status: 500 });
    expect(await llmRequests(athlete, 'anthropic')).toHaveLength(2);
  });

  it('maps a mid-stream overloaded error before any text, and after text keeps the text first', async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'anthropic', [
      { midStreamError: 'overloaded_error' },
      { midStreamError: 'overloaded_error', afterText: true },
    ]);
    const before = await drain(claude().stream(request(athlete, 'Hello')));
    expect(before.error).toMatchObject({ kind: 'overloaded' });
    expect(textOf(before.events)).toBe('');
    const after = await drain(claude().stream(request(athlete, 'Hello')));
    expect(after.error).toMatchObject({ kind: 'overloaded' });
    expect(textOf(after.events).length).toBeGreaterThan(0);
    expect(after.events.some((e) => e.type === 'stop')).toBe(false);
  });

  it('times out a request that never answers and the sandbox sees the abort', async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'anthropic', [{ hang: true }]);
    const { error } = await drain(claude().stream(request(athlete, 'Hello', { timeoutMs: 300 })));
    expect(error).toMatchObject({ kind: 'timeout', fallbackWorthy: true });
    expect(
      await eventually(
        () => llmAborts(athlete),
        (n) => n === 1,
      ),
    ).toBe(1);
  });

  it("aborts the upstream stream on the caller's signal", async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'anthropic', [{ ok: true, chunkMs: 200 }]);
    const ctrl = new AbortController();
    const events: string[] = [];
    let caught: unknown = null;
    try {
      for await (const e of claude().stream(request(athlete, 'Hello coach', { signal: ctrl.signal }))) {
        events.push(e.type);
        if (e.type === 'text') ctrl.abort();
      }
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ kind: 'aborted', provider: 'anthropic' });
    expect(
      await eventually(
        () => llmAborts(athlete),
        (n) => n === 1,
      ),
    ).toBe(1);
  });

  it('states a number that is in no tool result when scripted to (for the claim checker)', async () => {
    const athlete = ref();
    const req = request(athlete, 'What is my fitness?');
    const [call] = toolUses((await drain(claude().stream(req))).events);
    await scriptLlm(athlete, 'anthropic', [{ wrongNumber: true }]);
    const text = textOf((await drain(claude().stream(withToolResult(req, call!, fitnessResult(52.3))))).events);
    const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
    expect(numbers).toContain(52.3);
    expect(numbers.filter((n) => ![52.3, 4.2].includes(n)).length).toBeGreaterThan(0);
  });
});
