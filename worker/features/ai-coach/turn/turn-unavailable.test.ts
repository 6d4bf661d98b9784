import { describe, expect, it } from 'vitest';
import { databaseUnavailable, ErrorCode } from '../../../lib/errors';
import { textStep, toolStep, usage } from '../../../providers/llm/llm.fake';
import { Harness } from '../../../testing/harness';
import { turnWorld, types } from './turn.testing';

// The soak's database restart (ADR 090): a turn that met the database going away (its tool call could not be
// stored, then neither could the answer) ended its stream without a word the athlete could act on. Now the stream
// ends with a calm, retryable UNAVAILABLE error. (A tool's own failure the model answers around: tools.api.test.ts.)
const asksForRuns = toolStep([{ id: 'tu_1', name: 'query_activities', input: {} }], usage(100, 10));
const down = async (): Promise<never> => {
  throw databaseUnavailable();
};

describe('a coach turn while the database is unavailable', () => {
  it('ends its stream with a retryable UNAVAILABLE error and stores the answer as failed with that code', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, { anthropic: [asksForRuns, textStep(['Your plan…'], usage(100, 10))] });
    w.repo.insertToolCall = down;
    const { events, messageId } = await w.ask('What is next in my plan?');
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', code: ErrorCode.UNAVAILABLE, retryable: true });
    expect((last as { message: string }).message).toMatch(/try again in a few seconds/);
    expect(types(events)).not.toContain('done');
    expect(await w.repo.message(w.userId, messageId)).toMatchObject({ status: 'failed', errorCode: ErrorCode.UNAVAILABLE });
  });

  it('still ends the stream with that error when the answer cannot be stored either (partial once text was shown)', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, { anthropic: [asksForRuns, textStep(['Your plan…'], usage(100, 10))] });
    w.repo.insertToolCall = down;
    w.repo.updateMessage = down;
    const failed = await w.ask('What is next in my plan?');
    expect(failed.events.at(-1)).toMatchObject({ type: 'error', code: ErrorCode.UNAVAILABLE, retryable: true, partial: false });

    const shown = await turnWorld(h, { anthropic: [textStep(['Rest today.'], usage(100, 10))] });
    shown.repo.updateMessage = down;
    const cut = await shown.ask('What is next in my plan?');
    expect(types(cut.events)).toEqual(['turn', 'delta', 'error']);
    expect(cut.events.at(-1)).toMatchObject({ type: 'error', code: ErrorCode.UNAVAILABLE, partial: true });
  });
});
