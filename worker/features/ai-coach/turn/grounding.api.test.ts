// The trust contract's guards end to end (HTTP → CoachSession → real SDK → sandbox): the "coming
// back" guardrail asks for the return date without a model, stores it and scopes later windows to it;
// a medical red flag refers without a model; the claim checker catches a number the model invented.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { llmRequests, scriptLlm } from '../../../testing/llm-sandbox';
import type { HistoryEntry } from '../../../testing/scenarios';
import { askJson, askStream, coachAthlete, conversation, toolCallsOf, usedQuota } from './e2e.testing';
import type { ToolResult } from '../coach.types';

const history: HistoryEntry[] = [
  { daysAgo: 3, source: 'fit_upload', distanceM: 6000, movingTimeS: 2100, elapsedTimeS: 2160 },
  { daysAgo: 10, source: 'manual', distanceM: 5000, movingTimeS: 1800, elapsedTimeS: 1830 },
  { daysAgo: 60, source: 'gpx_upload', distanceM: 21_100, movingTimeS: 6300, elapsedTimeS: 6400 },
  { daysAgo: 75, source: 'fit_upload', distanceM: 12_000, movingTimeS: 3300, elapsedTimeS: 3360 },
];

describe('coming back and medical flags over HTTP', () => {
  it('asks for the return date (no model, no quota), stores it, then scopes the tools’ windows to it', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, { history });
    const asking = await askJson(h, a, "I'm coming back from a knee injury, how does my running compare with before?");
    expect(asking).toMatchObject({ status: 'complete', route: 'guardrail' });
    expect(asking.content).toMatch(/when did you start training again/i);
    expect(await llmRequests(a.user.id)).toEqual([]);
    expect(await usedQuota(h, a)).toBe(0);
    expect((await conversation(h, a)).conversation.returnDate).toBeNull();

    const today = todayIn('UTC', new Date());
    const back = addDays(today, -20);
    await askJson(h, a, `I started again on ${back}`);
    expect((await conversation(h, a)).conversation.returnDate).toBe(back);

    const next = await askJson(h, a, 'Are my activities getting better?');
    expect(next.status).toBe('complete');
    const calls = await toolCallsOf(h, next.id);
    const query = calls.find((c) => c.name === 'query_activities');
    expect(query, JSON.stringify(calls.map((c) => c.name))).toBeDefined();
    expect((query!.result as ToolResult).window).toEqual({ from: back, to: today });
    // The older, faster runs stay out of the comparison: only the two since the return are receipts.
    expect((query!.result as ToolResult).receipts.map((r) => r.activityId).sort()).toEqual(a.activityIds.slice(0, 2).sort());
    // What the model read carries the window that starts at the return date.
    const sent = (await llmRequests(a.user.id, 'anthropic')).map((r) => JSON.stringify(r.body)).join('\n');
    expect(sent).toContain(`\\"from\\":\\"${back}\\"`);
    expect(sent).not.toContain(a.activityIds[2]!);
  });

  it('a date in an earlier, unrelated question is not the return date: the coach asks for it', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, { history });
    const day = addDays(todayIn('UTC', new Date()), -3);
    await askJson(h, a, `What did I do on ${day}?`);
    const restart = await askJson(h, a, "I'm coming back from an injury, how should I restart?");
    expect(restart).toMatchObject({ status: 'complete', route: 'guardrail' });
    expect(restart.content).toMatch(/when did you start training again/i);
    expect((await conversation(h, a)).conversation.returnDate).toBeNull();
    // The reply to that question is the return date.
    const back = addDays(day, -10);
    await askJson(h, a, back);
    expect((await conversation(h, a)).conversation.returnDate).toBe(back);
  });

  it('a medical red flag gets a referral, no model request and no quota', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, { history });
    const answer = await askJson(h, a, 'I get chest pain when running, should I do my intervals tomorrow?');
    expect(answer).toMatchObject({ status: 'complete', route: 'guardrail' });
    expect(answer.content).toMatch(/medical help|emergency|doctor/i);
    const dizzy = await askJson(h, a, 'I felt dizzy on my long run, can I add more miles next week?');
    expect(dizzy.route).toBe('guardrail');
    expect(dizzy.content).toMatch(/doctor or a physiotherapist/);
    expect(await llmRequests(a.user.id)).toEqual([]);
    expect(await usedQuota(h, a)).toBe(0);
  });
});

describe('the claim checker on the real path', () => {
  it('a number the model invented is caught: checks stored, replaced on the stream, gone from the answer', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, { history });
    // The first request picks the tool; the second words the answer from its result (with an invented number).
    await scriptLlm(a.user.id, 'anthropic', [{ ok: true }, { wrongNumber: true }]);
    const turn = await askStream(h, a, 'How is my fitness trending?');
    const streamed = turn.events
      .filter((e) => e.type === 'delta')
      .map((e) => (e as { text: string }).text)
      .join('');
    const wrong = /longest run ever was (\d+\.\d) km/.exec(streamed)?.[1];
    expect(wrong, streamed).toBeDefined();
    const replace = turn.events.find((e) => e.type === 'replace');
    expect(replace).toBeDefined();
    expect((replace as { text: string }).text).not.toContain(wrong!);
    expect(turn.events.at(-1)).toMatchObject({ type: 'done', status: 'complete' });

    const message = (await conversation(h, a)).messages[1]!;
    expect(message.content).not.toContain(wrong!);
    expect(message.content).toBe((replace as { text: string }).text);
    expect(message.checks).not.toBeNull();
    expect(['regenerated', 'removed']).toContain(message.checks!.outcome);
    // The stored check records what was caught in the first draft, whichever way it was corrected; the
    // regeneration request carried the correction.
    expect(message.checks!.caught?.map((u) => u.text).join(' ')).toContain(wrong!);
    const requests = await llmRequests(a.user.id, 'anthropic');
    expect(requests.length).toBe(3);
    expect(JSON.stringify(requests[2]!.body)).toContain(wrong!);
  });
});
