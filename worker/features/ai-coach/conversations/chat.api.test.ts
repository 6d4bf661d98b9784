import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { coachLlmCalls } from '../../../db/schema';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { scriptLlm } from '../../../testing/llm-sandbox';
import { isEnd, SseReader } from '../session/sse.testing';
import type { CoachMessageView, ConversationView } from '../coach.types';

async function athlete(h: Harness) {
  const a = await h.signup();
  const { body } = await h.json<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', { cookie: a.cookie, body: {} });
  return { ...a, conversationId: body.conversation.id };
}
const askJson = (h: Harness, a: { cookie: string; conversationId: string }, text: string, clientMessageId: string = crypto.randomUUID()) =>
  h.json<{ message: CoachMessageView }>(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
    cookie: a.cookie,
    body: { text, clientMessageId },
  });

describe('coach chat API: tenancy, validation, retry, operators’ costs', () => {
  it('refuses another athlete’s conversation and message everywhere with 404', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const b = await h.signup();
    const { body } = await askJson(h, a, 'Hello coach');
    const conv = `/api/v1/ai-coach/conversations/${a.conversationId}`;
    const probes = [
      h.call(`${conv}/messages`, { cookie: b.cookie, body: { text: 'hi', clientMessageId: crypto.randomUUID() } }),
      h.call(`${conv}/messages`, {
        cookie: b.cookie,
        body: { text: 'hi', clientMessageId: crypto.randomUUID() },
        headers: { accept: 'text/event-stream' },
      }),
      h.call(`${conv}/stream`, { cookie: b.cookie }),
      h.call(`${conv}/stop`, { cookie: b.cookie, body: {} }),
      h.call(`/api/v1/ai-coach/messages/${body.message.id}/retry`, { cookie: b.cookie, body: {} }),
    ];
    for (const res of await Promise.all(probes)) {
      expect(res.status).toBe(404);
      expectErrorShape(await res.json(), 'NOT_FOUND');
    }
    // Nothing live: attach is 204 and stop says so.
    expect((await h.call(`${conv}/stream`, { cookie: a.cookie })).status).toBe(204);
    expect((await h.json(`${conv}/stop`, { cookie: a.cookie, body: {} })).body).toEqual({ stopped: false });
  });

  it('validates the question: text 1..2000, clientMessageId 8..64, a uuid id', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const url = `/api/v1/ai-coach/conversations/${a.conversationId}/messages`;
    for (const body of [
      { text: '   ', clientMessageId: crypto.randomUUID() },
      { text: 'x'.repeat(2001), clientMessageId: crypto.randomUUID() },
      { text: 'hi', clientMessageId: 'short' },
      { text: 'hi', clientMessageId: 'x'.repeat(65) },
      { text: 'bad\u0000text', clientMessageId: crypto.randomUUID() },
      { clientMessageId: crypto.randomUUID() },
    ]) {
      const res = await h.json(url, { cookie: a.cookie, body });
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'VALIDATION');
    }
    expect(
      (
        await h.call('/api/v1/ai-coach/conversations/nope/messages', {
          cookie: a.cookie,
          body: { text: 'hi', clientMessageId: crypto.randomUUID() },
        })
      ).status,
    ).toBe(400);
    expect((await h.call(url, { body: { text: 'hi', clientMessageId: crypto.randomUUID() } })).status).toBe(401);
  });

  it('retries a failed answer in place (SSE and JSON); a complete answer cannot be retried', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    await scriptLlm(a.user.id, 'anthropic', [{ status: 529 }, { status: 529 }]);
    await scriptLlm(a.user.id, 'mistral', [{ status: 500 }, { status: 500 }]);
    const failed = await askJson(h, a, 'Hello coach');
    expect(failed.body.message).toMatchObject({ status: 'failed', content: '', errorCode: 'COACH_UNAVAILABLE' });
    expect((await h.json<{ used: number }>('/api/v1/ai-coach/usage', { cookie: a.cookie })).body.used).toBe(0);

    const again = await h.call(`/api/v1/ai-coach/messages/${failed.body.message.id}/retry`, {
      cookie: a.cookie,
      body: {},
      headers: { accept: 'text/event-stream' },
    });
    const frames = await new SseReader(again).until(isEnd);
    expect(frames.at(-1)!.data).toMatchObject({ type: 'error', partial: false, retryable: true });

    const ok = await h.json<{ message: CoachMessageView }>(`/api/v1/ai-coach/messages/${failed.body.message.id}/retry`, {
      cookie: a.cookie,
      body: {},
    });
    expect(ok.status).toBe(200);
    expect(ok.body.message).toMatchObject({ id: failed.body.message.id, status: 'complete', route: 'model' });
    const detail = await h.json<{ messages: CoachMessageView[] }>(`/api/v1/ai-coach/conversations/${a.conversationId}`, {
      cookie: a.cookie,
    });
    expect(detail.body.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const done = await h.json(`/api/v1/ai-coach/messages/${failed.body.message.id}/retry`, { cookie: a.cookie, body: {} });
    expect(done.status).toBe(409);
    expectErrorShape(done.body, 'CONFLICT');
  });

  it('Free: the sixth model question of the month is 429 QUOTA_EXCEEDED as JSON, before any stream opens', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    for (let i = 0; i < 5; i++) expect((await askJson(h, a, 'Hello coach')).body.message.status).toBe('complete');
    const res = await h.call(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
      cookie: a.cookie,
      body: { text: 'Hello coach', clientMessageId: crypto.randomUUID() },
      headers: { accept: 'text/event-stream' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { error: { quota: { limit: number; used: number } } };
    expectErrorShape(body, 'QUOTA_EXCEEDED');
    expect(body.error.quota).toMatchObject({ limit: 5, used: 5 });
    const detail = await h.json<{ messages: CoachMessageView[] }>(`/api/v1/ai-coach/conversations/${a.conversationId}`, {
      cookie: a.cookie,
    });
    expect(detail.body.messages).toHaveLength(10);
  });

  it('operators see each athlete’s monthly cost from the ledger, totals and cost ÷ revenue (billing.manage)', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    await askJson(h, a, 'Hello coach');
    const owner = await h.userWithRole('owner');
    const admin = await h.userWithRole('admin');
    const ledger = await h.db.select().from(coachLlmCalls).where(eq(coachLlmCalls.userId, a.user.id));
    expect(ledger.length).toBeGreaterThan(0);
    const month = new Date().toISOString().slice(0, 7);
    type Costs = {
      month: string;
      athletes: { userId: string; calls: number; costNanoUsd: number }[];
      total: { costNanoUsd: number };
      costToRevenue: number | null;
    };
    const res = await h.json<Costs>(`/api/v1/admin/ai-coach/costs?month=${month}`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const row = res.body.athletes.find((r) => r.userId === a.user.id)!;
    expect(row).toMatchObject({ calls: ledger.length, costNanoUsd: ledger.reduce((s, r) => s + r.costNanoUsd, 0) });
    expect(res.body.total.costNanoUsd).toBeGreaterThanOrEqual(row.costNanoUsd);
    expect((await h.call('/api/v1/admin/ai-coach/costs', { cookie: admin.cookie })).status).toBe(403);
    expect((await h.call('/api/v1/admin/ai-coach/costs', { cookie: a.cookie })).status).toBe(403);
    expect((await h.call('/api/v1/admin/ai-coach/costs?month=2026-13', { cookie: owner.cookie })).status).toBe(400);
  });
});
