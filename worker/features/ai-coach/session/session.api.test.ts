import { describe, expect, it } from 'vitest';
import { eventually } from '../../../testing/eventually';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { llmAborts, llmRequests, scriptLlm } from '../../../testing/llm-sandbox';
import { isEnd, SseReader, textOf } from './sse.testing';
import type { CoachMessageView, ConversationView } from '../coach.types';

const SSE = { accept: 'text/event-stream' };

async function athlete(h: Harness) {
  const a = await h.signup();
  const { body } = await h.json<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', { cookie: a.cookie, body: {} });
  return { ...a, conversationId: body.conversation.id };
}

const ask = (
  h: Harness,
  a: { cookie: string; conversationId: string },
  text: string,
  id: string = crypto.randomUUID(),
  headers: Record<string, string> = SSE,
) =>
  h.call(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, { cookie: a.cookie, body: { text, clientMessageId: id }, headers });

describe('coach chat over HTTP and the CoachSession', () => {
  it('streams a turn as SSE frames: headers, sequence ids, event types, JSON data; the answer is stored', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const res = await ask(h, a, 'Hello coach');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const frames = await new SseReader(res).until(isEnd);
    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => i + 1));
    expect(frames.every((f) => f.event === f.data?.type)).toBe(true);
    expect(frames[0]!.data).toMatchObject({ type: 'turn', conversationId: a.conversationId, route: 'model' });
    expect(frames.at(-1)!.data).toMatchObject({ type: 'done', status: 'complete' });
    const detail = await h.json<{ messages: CoachMessageView[]; live: boolean }>(`/api/v1/ai-coach/conversations/${a.conversationId}`, {
      cookie: a.cookie,
    });
    expect(detail.body.live).toBe(false);
    expect(detail.body.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(detail.body.messages[1]!.content).toBe(textOf(frames));
    expect((await llmRequests(a.user.id, 'anthropic')).length).toBeGreaterThan(0);
  });

  it('answers with JSON without Accept: text/event-stream (JS off); a resend with the same clientMessageId starts nothing new', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const id = 'client-msg-0001';
    const first = await h.json<{ message: CoachMessageView }>(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
      cookie: a.cookie,
      body: { text: 'Hello coach', clientMessageId: id },
    });
    expect(first.status).toBe(200);
    expect(first.body.message).toMatchObject({ role: 'assistant', status: 'complete', route: 'model' });
    const calls = (await llmRequests(a.user.id)).length;
    const again = await h.json<{ message: CoachMessageView }>(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
      cookie: a.cookie,
      body: { text: 'Hello coach', clientMessageId: id },
    });
    expect(again.body.message.id).toBe(first.body.message.id);
    const replay = await new SseReader(await ask(h, a, 'Hello coach', id)).until(isEnd);
    expect(replay[0]!.data).toMatchObject({ type: 'turn', messageId: first.body.message.id });
    expect((await llmRequests(a.user.id)).length).toBe(calls);
    const usage = await h.json<{ used: number }>('/api/v1/ai-coach/usage', { cookie: a.cookie });
    expect(usage.body.used).toBe(1);
  });

  it('one generation at a time (409 COACH_BUSY); two clients get the same events; stop aborts upstream', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    await scriptLlm(a.user.id, 'anthropic', [{ hang: true }]);
    const one = new SseReader(await ask(h, a, 'Hello coach'));
    const [turn] = await one.until((f) => f.event === 'turn');
    const busy = await h.json(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
      cookie: a.cookie,
      body: { text: 'Another question', clientMessageId: crypto.randomUUID() },
      headers: SSE,
    });
    expect(busy.status).toBe(409);
    expectErrorShape(busy.body, 'COACH_BUSY');
    const live = await h.json<{ live: boolean }>(`/api/v1/ai-coach/conversations/${a.conversationId}`, { cookie: a.cookie });
    expect(live.body.live).toBe(true);

    const two = new SseReader(await h.call(`/api/v1/ai-coach/conversations/${a.conversationId}/stream`, { cookie: a.cookie }));
    await eventually(
      async () => (await llmRequests(a.user.id, 'anthropic')).length,
      (n) => n === 1,
    );
    const stop = await h.json<{ stopped: boolean }>(`/api/v1/ai-coach/conversations/${a.conversationId}/stop`, {
      cookie: a.cookie,
      body: {},
    });
    expect(stop.body).toEqual({ stopped: true });
    const rest = await one.until(isEnd);
    const seen = await two.until(isEnd);
    expect(seen.map((f) => [f.id, f.event])).toEqual([turn!, ...rest].map((f) => [f.id, f.event]));
    expect(rest.at(-1)!.data).toMatchObject({ type: 'done', status: 'stopped' });
    expect(
      await eventually(
        () => llmAborts(a.user.id),
        (n) => n >= 1,
      ),
    ).toBeGreaterThanOrEqual(1);
    expect((await h.call(`/api/v1/ai-coach/conversations/${a.conversationId}/stream`, { cookie: a.cookie })).status).toBe(204);
  });

  it('Last-Event-ID resumes exactly after the last event a dropped client saw', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    await scriptLlm(a.user.id, 'anthropic', [{ firstTokenMs: 100, chunkMs: 60 }]);
    const first = new SseReader(await ask(h, a, 'Hello coach'));
    const seen = await first.until((f) => f.id === 3);
    await first.cancel();
    const resumed = new SseReader(
      await h.call(`/api/v1/ai-coach/conversations/${a.conversationId}/stream`, { cookie: a.cookie, headers: { 'last-event-id': '3' } }),
    );
    const rest = await resumed.until(isEnd);
    expect(rest.map((f) => f.id)).toEqual(rest.map((_, i) => i + 4));
    const all = [...seen, ...rest];
    expect(all.at(-1)!.data).toMatchObject({ type: 'done', status: 'complete' });
    const detail = await h.json<{ messages: CoachMessageView[] }>(`/api/v1/ai-coach/conversations/${a.conversationId}`, {
      cookie: a.cookie,
    });
    expect(detail.body.messages[1]!.content).toBe(textOf(all));
  });

  it('a client that goes away aborts the upstream request after the grace period', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    await scriptLlm(a.user.id, 'anthropic', [{ hang: true }]);
    const one = new SseReader(await ask(h, a, 'Hello coach'));
    await one.until((f) => f.event === 'turn');
    await eventually(
      async () => (await llmRequests(a.user.id, 'anthropic')).length,
      (n) => n === 1,
    );
    await one.cancel();
    expect(
      await eventually(
        () => llmAborts(a.user.id),
        (n) => n >= 1,
        10_000,
      ),
    ).toBe(1);
    const detail = await eventually(
      () => h.json<{ messages: CoachMessageView[] }>(`/api/v1/ai-coach/conversations/${a.conversationId}`, { cookie: a.cookie }),
      (d) => d.body.messages[1]?.status === 'stopped',
    );
    expect(detail.body.messages[1]).toMatchObject({ status: 'stopped', content: '' });
    expect((await h.json<{ used: number }>('/api/v1/ai-coach/usage', { cookie: a.cookie })).body.used).toBe(0);
  });
});
