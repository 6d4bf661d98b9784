import { describe, expect, it } from 'vitest';
import { expectErrorShape, Harness } from '../../../testing/harness';
import type { ConversationView, CoachMessageView } from '../coach.types';

type Detail = { conversation: ConversationView; messages: CoachMessageView[]; live: boolean };

describe('coach conversations API', () => {
  it('creates, lists (newest first) and reads a conversation; 404 across athletes', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const b = await h.signup();
    const first = await h.json<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', { cookie: a.cookie, body: {} });
    expect(first.status).toBe(201);
    expect(first.body.conversation.title).toBe('New conversation');
    const second = await h.json<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', {
      cookie: a.cookie,
      body: { title: '  Marathon block  ' },
    });
    expect(second.body.conversation.title).toBe('Marathon block');

    const list = await h.json<{ conversations: ConversationView[] }>('/api/v1/ai-coach/conversations', { cookie: a.cookie });
    expect(list.body.conversations.map((c) => c.id)).toEqual([second.body.conversation.id, first.body.conversation.id]);

    const detail = await h.json<Detail>(`/api/v1/ai-coach/conversations/${first.body.conversation.id}`, { cookie: a.cookie });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ messages: [], live: false, conversation: { id: first.body.conversation.id } });

    const other = await h.json(`/api/v1/ai-coach/conversations/${first.body.conversation.id}`, { cookie: b.cookie });
    expect(other.status).toBe(404);
    expectErrorShape(other.body, 'NOT_FOUND');
    const theirs = await h.json<{ conversations: ConversationView[] }>('/api/v1/ai-coach/conversations', { cookie: b.cookie });
    expect(theirs.body.conversations).toEqual([]);
  });

  it('refuses bad input and anonymous callers', async () => {
    const h = Harness.init();
    const a = await h.signup();
    expect((await h.call('/api/v1/ai-coach/conversations', { body: {} })).status).toBe(401);
    expect((await h.call('/api/v1/ai-coach/conversations', { cookie: a.cookie, body: { title: 'x'.repeat(121) } })).status).toBe(400);
    expect((await h.call('/api/v1/ai-coach/conversations/not-a-uuid', { cookie: a.cookie })).status).toBe(400);
  });

  it('shows this month’s usage against the Free allowance', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const usage = await h.json<{ used: number; limit: number | null; resetsAt: string }>('/api/v1/ai-coach/usage', { cookie: a.cookie });
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ used: 0, limit: 5 });
  });
});
