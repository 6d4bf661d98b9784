import { describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually';
import { llmAborts, llmRequests, scriptLlm } from '../../testing/llm-sandbox';
import { client, drain, fitnessResult, lastUsage, request, textOf, toolUses, withToolResult } from './llm.testing';

// The real Mistral client (official SDK) against the sandbox's chat completions: the fallback model,
// so every failure it can raise must map to the same LlmError kinds as Claude's.

const mistral = () => client('mistral');
const ref = () => `ath-${crypto.randomUUID()}`;
const ask = (athlete: string, question: string, over = {}) => request(athlete, question, { model: 'mistral-large-test', ...over });

describe('Mistral client', () => {
  it('streams a text answer in several deltas with usage and no cache fields', async () => {
    const { events, error } = await drain(mistral().stream(ask(ref(), 'Hello coach')));
    expect(error).toBeNull();
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(2);
    expect(textOf(events)).toMatch(/^I can answer questions about your training/);
    const usage = lastUsage(events)!;
    expect(usage.inputTokens).toBeGreaterThan(1000);
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(usage).toMatchObject({ cacheWriteTokens: 0, cacheReadTokens: 0 });
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'end_turn' });
  });

  it('round-trips tool calls: whole calls in one chunk, then role tool results worded into an answer', async () => {
    const athlete = ref();
    const req = ask(athlete, 'My fitness, and my longest ride in October?');
    const first = await drain(mistral().stream(req));
    expect(first.error).toBeNull();
    const calls = toolUses(first.events);
    expect(calls.map((c) => c.name)).toEqual(['get_fitness', 'query_activities']);
    expect(calls[1]?.input).toEqual({ from: '2026-10-01', to: '2026-10-31', sport: 'ride', sortBy: 'distance', order: 'desc', limit: 1 });
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
    expect(first.events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });

    const second = await drain(mistral().stream(withToolResult(req, calls[0]!, fitnessResult(48.9))));
    expect(second.error).toBeNull();
    expect(textOf(second.events)).toContain('Your fitness (CTL) is 48.9.');

    const sent = await llmRequests(athlete, 'mistral');
    expect(sent).toHaveLength(2);
    const body = sent[1]!.body as { messages: { role: string; tool_call_id?: string; name?: string; content: string }[] };
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(body.messages[3]).toMatchObject({ tool_call_id: calls[0]!.id, name: 'get_fitness' });
    expect(body.messages[0]?.content).toContain('Today: 2026-11-23');
  });

  it('sends metadata.athlete_ref, one system message and the tools as functions', async () => {
    const athlete = ref();
    await drain(mistral().stream(ask(athlete, 'Hello coach')));
    const [sent] = await llmRequests(athlete, 'mistral');
    const body = sent!.body as { metadata: unknown; stream: boolean; tools: { type: string; function: { name: string } }[] };
    expect(body.metadata).toEqual({ athlete_ref: athlete });
    expect(body.stream).toBe(true);
    expect(body.tools.map((t) => [t.type, t.function.name])).toEqual([
      ['function', 'get_fitness'],
      ['function', 'query_activities'],
    ]);
  });

  it('maps 429 (retry-after), spend-limit 429, 529 and 500 without retrying', async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'mistral', [
      { status: 429, retryAfter: 3 },
      { status: 429, spendLimit: true },
      { status: 529 },
      { status: 500 },
    ]);
    const errors = [];
    for (let i = 0; i < 4; i++) errors.push((await drain(mistral().stream(ask(athlete, 'Hello')))).error);
    expect(errors[0]).toMatchObject({ kind: 'rate_limited', retryAfterS: 3, provider: 'mistral' });
    expect(errors[1]).toMatchObject({ kind: 'spend_limit', fallbackWorthy: false });
    expect(errors[2]).toMatchObject({ kind: 'overloaded', status: 529 });
    expect(errors[3]).toMatchObject({ kind: 'server', status: 500 });
    expect(await llmRequests(athlete, 'mistral')).toHaveLength(4);
  });

  it('maps a mid-stream error before any text, and after text keeps the text first', async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'mistral', [{ midStreamError: 'overloaded_error' }, { midStreamError: 'overloaded_error', afterText: true }]);
    const before = await drain(mistral().stream(ask(athlete, 'Hello')));
    expect(before.error).toMatchObject({ kind: 'overloaded' });
    expect(textOf(before.events)).toBe('');
    const after = await drain(mistral().stream(ask(athlete, 'Hello')));
    expect(after.error).toMatchObject({ kind: 'overloaded' });
    expect(textOf(after.events).length).toBeGreaterThan(0);
    expect(after.events.some((e) => e.type === 'stop')).toBe(false);
  });

  it('times out a request that never answers', async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'mistral', [{ hang: true }]);
    const { error } = await drain(mistral().stream(ask(athlete, 'Hello', { timeoutMs: 300 })));
    expect(error).toMatchObject({ kind: 'timeout', provider: 'mistral' });
    expect(
      await eventually(
        () => llmAborts(athlete),
        (n) => n === 1,
      ),
    ).toBe(1);
  });

  it("aborts the upstream stream on the caller's signal", async () => {
    const athlete = ref();
    await scriptLlm(athlete, 'mistral', [{ ok: true, chunkMs: 200 }]);
    const ctrl = new AbortController();
    let caught: unknown = null;
    try {
      for await (const e of mistral().stream(ask(athlete, 'Hello coach', { signal: ctrl.signal }))) if (e.type === 'text') ctrl.abort();
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ kind: 'aborted', provider: 'mistral' });
    expect(
      await eventually(
        () => llmAborts(athlete),
        (n) => n === 1,
      ),
    ).toBe(1);
  });

  it('states a number that is in no tool result when scripted to', async () => {
    const athlete = ref();
    const req = ask(athlete, 'What is my fitness?');
    const [call] = toolUses((await drain(mistral().stream(req))).events);
    await scriptLlm(athlete, 'mistral', [{ wrongNumber: true }]);
    const text = textOf((await drain(mistral().stream(withToolResult(req, call!, fitnessResult(48.9))))).events);
    const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
    expect(numbers).toContain(48.9);
    expect(numbers.filter((n) => ![48.9, 4.2].includes(n)).length).toBeGreaterThan(0);
  });
});
