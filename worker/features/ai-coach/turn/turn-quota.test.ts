import { describe, expect, it } from 'vitest';
import { llmError, textStep } from '../../../providers/llm/llm.fake';
import { eventually } from '../../../testing/eventually';
import { Harness } from '../../../testing/harness';
import type { AppError } from '../../../lib/errors';
import { streamed, turnWorld, types } from './turn.testing';

const used = async (w: Awaited<ReturnType<typeof turnWorld>>) =>
  (await w.membership.usage({ id: w.userId, timeZone: 'UTC' })).find((u) => u.kind === 'coach_messages')!.used;

describe('coach turn routes and quota', () => {
  it('answers a guardrail and a deterministic lookup without a model and without quota', async () => {
    const h = Harness.init();
    const w = await turnWorld(h);
    const medical = await w.ask('I have chest pain on my runs');
    expect(types(medical.events)).toEqual(['turn', 'delta', 'done']);
    expect(medical.events[0]).toMatchObject({ route: 'guardrail' });
    const lookup = await w.ask('How many runs this month?');
    expect(streamed(lookup.events)).toBe('You ran 3 times.');
    expect(await w.repo.message(w.userId, lookup.messageId)).toMatchObject({
      route: 'deterministic',
      status: 'complete',
      quotaUnitId: null,
    });
    expect(w.anthropic.requests).toHaveLength(0);
    expect(await used(w)).toBe(0);
  });

  it('stores a return date the guardrail read, and later turns use it as the default window start', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, {
      anthropic: [textStep(['Welcome back.'])],
      grounding: { guardrail: ({ text }) => (/since/.test(text) ? { answer: null, returnDate: '2026-10-01' } : { answer: null }) },
    });
    await w.ask('I am back running since October 1st');
    expect((await w.repo.conversation(w.userId, w.conversationId))!.returnDate).toBe('2026-10-01');
  });

  it('takes one unit on the model path, routes low risk to the small model, and refunds a failed turn', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, {
      anthropic: [textStep(['Summary: steady weeks.']), { error: llmError('anthropic', 'server', 500) }],
      mistral: [{ error: llmError('mistral', 'server', 503) }],
    });
    const ok = await w.ask('Summarize my month');
    expect(await w.repo.message(w.userId, ok.messageId)).toMatchObject({ model: 'claude-haiku-4-5', risk: 'low' });
    expect(await used(w)).toBe(1);
    const failed = await w.ask('What should I do tomorrow?');
    expect(types(failed.events)).toEqual(['turn', 'error']);
    expect(await w.repo.message(w.userId, failed.messageId)).toMatchObject({ status: 'failed', errorCode: 'COACH_UNAVAILABLE' });
    expect(await used(w)).toBe(1);
  });

  it('Free: 8 concurrent questions make exactly 5 model turns; the rest are QUOTA_EXCEEDED before anything runs', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, { anthropic: Array.from({ length: 8 }, () => textStep(['Fine.'])) });
    const convs = await Promise.all(Array.from({ length: 8 }, () => w.repo.createConversation(w.userId, 'New conversation')));
    const outcomes = await Promise.allSettled(convs.map((c) => w.ask('Advice please', { conversationId: c.id })));
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect((r as AppError).code).toBe('QUOTA_EXCEEDED');
    expect(w.anthropic.requests).toHaveLength(5);
    expect(await used(w)).toBe(5);
    // Nothing was written for a refused question.
    const written = await Promise.all(convs.map((c) => w.repo.messages(w.userId, c.id)));
    expect(written.filter((m) => m.length === 0)).toHaveLength(3);
  });

  it('a turn past its deadline ends partial with a retry; a stopped turn keeps what was shown', async () => {
    const h = Harness.init();
    const gate = new Promise<void>(() => {});
    const w = await turnWorld(h, {
      anthropic: [
        {
          events: [
            { type: 'text', text: 'Start of an answer' },
            { type: 'text', text: 'never' },
          ],
          gateAfter: { events: 1, gate },
        },
        {
          events: [
            { type: 'text', text: 'Another start' },
            { type: 'text', text: 'never' },
          ],
          gateAfter: { events: 1, gate },
        },
      ],
      limits: { turnMs: 300 },
    });
    const slow = await w.ask('Advice please');
    expect(types(slow.events)).toEqual(['turn', 'delta', 'error', 'done']);
    expect(slow.events[2]).toMatchObject({ code: 'COACH_TIMEOUT', partial: true, retryable: true });
    expect(await w.repo.message(w.userId, slow.messageId)).toMatchObject({ status: 'partial', content: 'Start of an answer' });

    const ctl = new AbortController();
    const asking = w.ask('More advice', { signal: ctl.signal });
    await eventually(
      async () => w.anthropic.requests.length,
      (n) => n === 2,
    );
    ctl.abort('stopped');
    const stopped = await asking;
    expect(stopped.events.at(-1)).toEqual({ type: 'done', messageId: stopped.messageId, status: 'stopped' });
    expect((await w.repo.llmCalls([stopped.messageId])).map((r) => r.outcome)).toEqual(['aborted']);
  });
});
