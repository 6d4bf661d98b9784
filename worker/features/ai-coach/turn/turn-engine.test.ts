import { describe, expect, it } from 'vitest';
import { llmError, textStep, toolStep, usage } from '../../../providers/llm/llm.fake';
import { Harness } from '../../../testing/harness';
import { streamed, turnWorld, types } from './turn.testing';
import type { CoachStreamEvent } from '../coach.types';

const longest = toolStep([{ id: 'tu_1', name: 'query_activities', input: { sport: 'run' } }], usage(1200, 40, 1000, 0));

describe('coach turn engine', () => {
  it('runs tools between model calls, streams the answer, stores it with receipts, the check and the tool call', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, { anthropic: [longest, textStep(['Your longest run ', 'was 12.4 km.'], usage(1500, 30, 0, 1000))] });
    const { events, messageId } = await w.ask('What was my longest run?');

    expect(types(events)).toEqual(['turn', 'tool', 'tool', 'delta', 'delta', 'check', 'receipts', 'done']);
    expect(streamed(events)).toBe('Your longest run was 12.4 km.');
    expect(events.at(-1)).toEqual({ type: 'done', messageId, status: 'complete' });

    const msg = (await w.repo.message(w.userId, messageId))!;
    expect(msg).toMatchObject({ status: 'complete', route: 'model', risk: 'medium', provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(msg.content).toBe('Your longest run was 12.4 km.');
    expect(msg.receipts).toEqual([expect.objectContaining({ activityId: 'a-1' })]);
    expect(msg.checks).toMatchObject({ checked: 1, matched: 1, outcome: 'ok' });
    expect(msg.withheld).toEqual([{ source: 'strava', count: 3 }]);
    const calls = await w.repo.toolCalls(messageId);
    expect(calls).toEqual([expect.objectContaining({ callId: 'tu_1', name: 'query_activities', input: { sport: 'run' }, isError: 0 })]);

    // The second request carries the tool_use and its tool_result; system, context and tools every time.
    const second = w.anthropic.requests[1]!;
    expect(second).toMatchObject({ system: 'SYSTEM', context: 'CONTEXT', model: 'claude-sonnet-4-5', athleteRef: w.userId });
    expect(second.tools.map((t) => t.name)).toEqual(['query_activities', 'propose_plan_change']);
    expect(second.tools[0]!.inputSchema).toMatchObject({ type: 'object', properties: { sport: { type: 'string' } } });
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(second.messages[2]!.content[0]).toMatchObject({ type: 'tool_result', toolUseId: 'tu_1' });
  });

  it('writes one cost-ledger row per call, exact to the nano-dollar from the usage fields', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, { anthropic: [longest, textStep(['12.4 km.'], usage(1234, 567, 2000, 30000))] });
    const { messageId } = await w.ask('Longest run?');
    const rows = await w.repo.llmCalls([messageId]);
    expect(rows.map((r) => [r.provider, r.model, r.outcome, r.costNanoUsd])).toEqual([
      // 1200 × 3000 + 40 × 15000 + 1000 × 3750 (cache write 1.25×)
      ['anthropic', 'claude-sonnet-4-5', 'ok', 3_600_000 + 600_000 + 3_750_000],
      // 1234 × 3000 + 567 × 15000 + 2000 × 3750 + 30000 × 300 (cache read 0.1×)
      ['anthropic', 'claude-sonnet-4-5', 'ok', 3_702_000 + 8_505_000 + 7_500_000 + 9_000_000],
    ]);
    expect(rows[1]).toMatchObject({
      inputTokens: 1234,
      outputTokens: 567,
      cacheWriteTokens: 2000,
      cacheReadTokens: 30000,
      errorKind: null,
    });
  });

  it.each([
    ['a 429 rate limit', { error: llmError('anthropic', 'rate_limited', 429) }],
    ['a 529 overload', { error: llmError('anthropic', 'overloaded', 529) }],
    ['a 5xx', { error: llmError('anthropic', 'server', 502) }],
    [
      'a mid-stream overloaded error before any text',
      { events: [{ type: 'usage' as const, usage: usage(50, 0) }], error: llmError('anthropic', 'overloaded') },
    ],
  ])('falls back to Mistral on %s before any text', async (_name, failure) => {
    const h = Harness.init();
    const w = await turnWorld(h, { anthropic: [failure], mistral: [textStep(['Hello from the fallback.'], usage(300, 10))] });
    const { events, messageId } = await w.ask('How should I train this week?');
    expect(streamed(events)).toBe('Hello from the fallback.');
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(w.mistral.requests[0]).toMatchObject({ model: 'mistral-large-latest', system: 'SYSTEM', context: 'CONTEXT' });
    const msg = (await w.repo.message(w.userId, messageId))!;
    expect(msg).toMatchObject({ status: 'complete', provider: 'mistral', model: 'mistral-large-latest' });
    const rows = await w.repo.llmCalls([messageId]);
    expect(rows.map((r) => [r.provider, r.outcome, r.errorKind])).toEqual([
      ['anthropic', 'error', failure.error.kind],
      ['mistral', 'ok', null],
    ]);
    // Mistral Large: 300 × 500 + 10 × 1500.
    expect(rows[1]!.costNanoUsd).toBe(165_000);
  });

  it('falls back on a timeout before any text', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, { anthropic: [{ hang: true }], mistral: [textStep(['Fallback answer.'])], limits: { callMs: 200 } });
    const { events } = await w.ask('Advice please');
    expect(streamed(events)).toBe('Fallback answer.');
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'complete' });
  });

  it('ends calmly as partial after text was shown (no fallback), and keeps the quota unit', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, {
      anthropic: [{ events: [{ type: 'text', text: 'You are building ' }], error: llmError('anthropic', 'overloaded') }],
      mistral: [textStep(['never'])],
    });
    const { events, messageId } = await w.ask('Advice please');
    expect(types(events)).toEqual(['turn', 'delta', 'error', 'done']);
    const err = events[2] as Extract<CoachStreamEvent, { type: 'error' }>;
    expect(err).toMatchObject({ partial: true, retryable: true, code: 'COACH_INTERRUPTED' });
    expect(err.message).not.toMatch(/overload|anthropic|fake/i);
    expect(events[3]).toEqual({ type: 'done', messageId, status: 'partial' });
    expect(w.mistral.requests).toHaveLength(0);
    expect(await w.repo.message(w.userId, messageId)).toMatchObject({
      status: 'partial',
      content: 'You are building ',
      errorCode: 'COACH_INTERRUPTED',
    });
    expect((await w.membership.usage({ id: w.userId, timeZone: 'UTC' })).find((u) => u.kind === 'coach_messages')!.used).toBe(1);
  });

  it('never retries a spend-limit 429, fails calmly and refunds the unit', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, { anthropic: [{ error: llmError('anthropic', 'spend_limit', 429) }], mistral: [textStep(['never'])] });
    const { events, messageId } = await w.ask('Advice please');
    expect(types(events)).toEqual(['turn', 'error']);
    expect(events[1]).toMatchObject({ type: 'error', code: 'COACH_UNAVAILABLE', partial: false, retryable: true });
    expect(w.anthropic.requests).toHaveLength(1);
    expect(w.mistral.requests).toHaveLength(0);
    expect(await w.repo.message(w.userId, messageId)).toMatchObject({ status: 'failed', content: '' });
    expect((await w.membership.usage({ id: w.userId, timeZone: 'UTC' })).find((u) => u.kind === 'coach_messages')!.used).toBe(0);
    expect((await w.repo.llmCalls([messageId])).map((r) => r.errorKind)).toEqual(['spend_limit']);
  });

  it('regenerates once when a number has no receipt, replacing the streamed text', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, {
      anthropic: [longest, textStep(['Your longest run was 14.2 km.']), textStep(['Your longest run was 12.4 km.'])],
    });
    const { events, messageId } = await w.ask('Longest run?');
    expect(types(events)).toEqual(['turn', 'tool', 'tool', 'delta', 'replace', 'check', 'receipts', 'done']);
    expect(events[4]).toMatchObject({ type: 'replace', text: 'Your longest run was 12.4 km.' });
    expect(w.anthropic.requests[2]!.messages.at(-1)!.content[0]).toEqual({ type: 'text', text: 'These numbers have no receipt: 14.2.' });
    expect(await w.repo.message(w.userId, messageId)).toMatchObject({
      content: 'Your longest run was 12.4 km.',
      checks: { outcome: 'regenerated', unmatched: [] },
    });
  });

  it('removes what is still unmatched after the one regeneration', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, {
      anthropic: [longest, textStep(['Your longest run was 12.4 km. You ran 99 km in total.']), textStep(['It was 12.4 km. Total 98 km.'])],
    });
    const { events, messageId } = await w.ask('Longest run?');
    expect(events.find((e) => e.type === 'replace')).toMatchObject({ text: 'It was 12.4 km.' });
    const msg = (await w.repo.message(w.userId, messageId))!;
    expect(msg.content).toBe('It was 12.4 km.');
    expect(msg.checks).toMatchObject({ outcome: 'removed', unmatched: [{ text: '98', value: 98, unit: null }] });
    expect(w.anthropic.requests).toHaveLength(3);
  });

  it('emits the proposal a propose_plan_change call produced', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, {
      anthropic: [toolStep([{ id: 'tu_p', name: 'propose_plan_change', input: {} }]), textStep(['I proposed a lighter week.'])],
    });
    const { events } = await w.ask('Make next week easier');
    expect(events.filter((e) => e.type === 'proposal')).toEqual([{ type: 'proposal', proposalId: '00000000-0000-4000-8000-000000000001' }]);
  });
});
