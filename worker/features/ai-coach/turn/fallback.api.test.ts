// Resilience end to end through the real SDKs (HTTP → CoachSession → @anthropic-ai/sdk / @mistralai →
// sandbox): the Mistral fallback before any text, the calm partial end after text and its retry, the
// spend limit that is never retried, the cost ledger priced from usage, and SSE heartbeats.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { type LlmStep, llmRequests, scriptLlm } from '../../../testing/llm-sandbox';
import { isEnd, SseReader } from '../session/sse.testing';
import { askJson, askStream, coachAthlete, conversation, ledgerOf, usedQuota } from './e2e.testing';
import type { CoachMessageView } from '../coach.types';
import { costNanoUsd, MODELS, modelById } from '../models.config';

type Ledger = Awaited<ReturnType<typeof ledgerOf>>;

/** Every ledger row is priced exactly by the configured price table from its own token columns. */
function expectPriced(rows: Ledger) {
  for (const r of rows) {
    const model = modelById(r.model);
    expect(model, r.model).not.toBeNull();
    const usage = {
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      cacheWriteTokens: r.cacheWriteTokens,
      cacheReadTokens: r.cacheReadTokens,
    };
    expect(r.costNanoUsd).toBe(costNanoUsd(model!, usage));
    if (r.outcome === 'ok') expect(r.inputTokens + r.outputTokens).toBeGreaterThan(0);
  }
}

const cases: [string, LlmStep, string][] = [
  ['a 429 with retry-after', { status: 429, retryAfter: 30 }, 'rate_limited'],
  ['a 529', { status: 529 }, 'overloaded'],
  ['a mid-stream overloaded error before any text', { midStreamError: 'overloaded_error' }, 'overloaded'],
  // COACH_CALL_TIMEOUT_MS is 6 s in tests: the hung call times out, the turn still has time for Mistral.
  ['a hang (the call times out)', { hang: true }, 'timeout'],
];

describe('Mistral fallback over HTTP', () => {
  for (const [what, step, kind] of cases)
    it(`answers from Mistral after ${what} on Anthropic; one ledger row per call`, async () => {
      const h = Harness.init();
      const a = await coachAthlete(h);
      await scriptLlm(a.user.id, 'anthropic', [step]);
      const answer = await askJson(h, a, 'Hello coach');
      expect(answer).toMatchObject({ status: 'complete', model: MODELS.fallback.id, errorCode: null });
      expect(answer.content.length).toBeGreaterThan(0);
      expect(await llmRequests(a.user.id, 'anthropic')).toHaveLength(1);
      expect(await llmRequests(a.user.id, 'mistral')).toHaveLength(1);
      const ledger = await ledgerOf(h, a.user.id);
      expect(ledger.map((r) => [r.provider, r.outcome, r.errorKind])).toEqual([
        ['anthropic', 'error', kind],
        ['mistral', 'ok', null],
      ]);
      expect(ledger.every((r) => r.messageId === answer.id)).toBe(true);
      // Mistral bills no prompt cache; its row is input + output at its own price.
      expect(ledger[1]!).toMatchObject({ model: MODELS.fallback.id, cacheWriteTokens: 0, cacheReadTokens: 0 });
      expectPriced(ledger);
      expect(await usedQuota(h, a)).toBe(1);
    });

  it('after partial text: no fallback, a calm retryable error with the text kept; the retry answers in place', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h);
    await scriptLlm(a.user.id, 'anthropic', [{ midStreamError: 'overloaded_error', afterText: true }]);
    const turn = await askStream(h, a, 'Hello coach');
    const shown = turn.events.filter((e) => e.type === 'delta').length;
    expect(shown).toBeGreaterThan(0);
    const error = turn.events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ type: 'error', partial: true, retryable: true });
    expect((error as { message: string }).message).not.toMatch(/overloaded|anthropic|529/i);
    expect(await llmRequests(a.user.id, 'mistral')).toEqual([]);
    const partial = (await conversation(h, a)).messages[1]!;
    expect(partial).toMatchObject({ status: 'partial', errorCode: 'COACH_INTERRUPTED' });
    expect(partial.content.length).toBeGreaterThan(0);
    expect(await usedQuota(h, a)).toBe(1);

    const retried = await h.json<{ message: CoachMessageView }>(`/api/v1/ai-coach/messages/${partial.id}/retry`, {
      cookie: a.cookie,
      body: {},
    });
    expect(retried.status).toBe(200);
    expect(retried.body.message).toMatchObject({ id: partial.id, status: 'complete', errorCode: null });
    const after = await conversation(h, a);
    expect(after.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect((await ledgerOf(h, a.user.id)).map((r) => [r.provider, r.outcome])).toEqual([
      ['anthropic', 'error'],
      ['anthropic', 'ok'],
    ]);
  });

  it('a spend-limit 429 is never retried: no Mistral request, a calm error, the quota unit refunded', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h);
    await scriptLlm(a.user.id, 'anthropic', [{ status: 429, spendLimit: true }]);
    const turn = await askStream(h, a, 'Hello coach');
    const error = turn.events.at(-1) as { type: string; message: string; partial: boolean };
    expect(error).toMatchObject({ type: 'error', partial: false });
    expect(error.message).not.toMatch(/usage limits|429|anthropic|spend/i);
    expect(await llmRequests(a.user.id, 'anthropic')).toHaveLength(1);
    expect(await llmRequests(a.user.id, 'mistral')).toEqual([]);
    expect((await ledgerOf(h, a.user.id)).map((r) => [r.provider, r.outcome, r.errorKind, r.costNanoUsd])).toEqual([
      ['anthropic', 'error', 'spend_limit', 0],
    ]);
    expect((await conversation(h, a)).messages[1]).toMatchObject({ status: 'failed', content: '' });
    expect(await usedQuota(h, a)).toBe(0);
  });
});

describe('cost ledger and heartbeats over HTTP', () => {
  it('prices every call from its usage; the cached prefix is written once and read by later calls', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h);
    await askJson(h, a, 'How is my fitness trending?');
    await askJson(h, a, 'How is my fitness trending now?');
    const ledger = await ledgerOf(h, a.user.id);
    expect(ledger.length).toBe(4);
    expect(ledger.every((r) => r.outcome === 'ok' && r.provider === 'anthropic')).toBe(true);
    expectPriced(ledger);
    // The first call writes the prefix (or reads it, when an identical prefix is already cached: the
    // sandbox, like Anthropic, caches by content); every later call reads it.
    expect(ledger[0]!.cacheWriteTokens + ledger[0]!.cacheReadTokens).toBeGreaterThan(0);
    for (const r of ledger.slice(1)) expect(r.cacheReadTokens).toBeGreaterThan(0);
    // Cache tokens are billed at their own rates, not as plain input.
    const m = modelById(ledger[1]!.model)!;
    const asInput = costNanoUsd(m, { ...ledger[1]!, inputTokens: ledger[1]!.inputTokens + ledger[1]!.cacheReadTokens, cacheReadTokens: 0 });
    expect(ledger[1]!.costNanoUsd).toBeLessThan(asInput);
  });

  it('sends `: ping` heartbeats while the model has not answered yet', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h);
    // COACH_HEARTBEAT_MS is 1000 in tests: a first token after 2.5 s leaves room for at least one ping.
    await scriptLlm(a.user.id, 'anthropic', [{ firstTokenMs: 2500 }]);
    const res = await h.call(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
      cookie: a.cookie,
      body: { text: 'Hello coach', clientMessageId: crypto.randomUUID() },
      headers: { accept: 'text/event-stream' },
    });
    const reader = new SseReader(res);
    const pings: string[] = [];
    for (let f = await reader.next(); f && f.event !== 'delta'; f = await reader.next()) if (f.comment !== null) pings.push(f.comment);
    expect(pings.length).toBeGreaterThanOrEqual(1);
    expect(pings.every((c) => c === 'ping')).toBe(true);
    const rest = await reader.until(isEnd);
    expect(rest.at(-1)!.data).toMatchObject({ type: 'done', status: 'complete' });
  });
});
