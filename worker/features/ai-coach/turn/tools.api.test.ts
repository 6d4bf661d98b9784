import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { llmRequests } from '../../../testing/llm-sandbox';
import { isEnd, SseReader } from '../session/sse.testing';
import type { CoachMessageView, ConversationView } from '../coach.types';

describe('a coach turn end to end: the real tools, grounding and SDK against the model sandbox', () => {
  it('runs the tool the model asks for, sends its result back, checks the answer and stores it all', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const { body } = await h.json<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', { cookie: a.cookie, body: {} });
    const res = await h.call(`/api/v1/ai-coach/conversations/${body.conversation.id}/messages`, {
      cookie: a.cookie,
      body: { text: 'How is my fitness trending?', clientMessageId: crypto.randomUUID() },
      headers: { accept: 'text/event-stream' },
    });
    const frames = await new SseReader(res).until(isEnd);
    const events = frames.map((f) => f.data!);
    expect(events[0]).toMatchObject({ type: 'turn', route: 'model' });
    expect(events.filter((e) => e.type === 'tool')).toEqual([
      expect.objectContaining({ name: 'get_fitness', status: 'running' }),
      expect.objectContaining({ name: 'get_fitness', status: 'done' }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'complete' });

    const requests = await llmRequests(a.user.id, 'anthropic');
    expect(requests).toHaveLength(2);
    // Tools, system and the athlete's context block go with every call; the second carries the tool result.
    const second = JSON.stringify(requests[1]!.body);
    expect(second).toContain('tool_result');
    expect(second).toContain('get_fitness');
    const detail = await h.json<{ messages: CoachMessageView[] }>(`/api/v1/ai-coach/conversations/${body.conversation.id}`, {
      cookie: a.cookie,
    });
    const answer = detail.body.messages[1]!;
    // A summary of the athlete's own data is low risk: the small model answers it.
    expect(answer).toMatchObject({ status: 'complete', route: 'model', model: 'claude-haiku-4-5' });
    expect(answer.checks).not.toBeNull();
    expect(answer.content.length).toBeGreaterThan(0);
  });
});
