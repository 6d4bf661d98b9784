// The monthly allowance against the one-live-turn rule: at the limit a question that needs the model is
// 429 QUOTA_EXCEEDED however many arrive at once (never COACH_BUSY when nothing runs), and the reset day
// the athlete reads is the 1st in their own zone, written as the app writes dates.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { formatDay } from '../../../lib/format';
import { eventually } from '../../../testing/eventually';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { llmRequests, scriptLlm } from '../../../testing/llm-sandbox';
import { membershipOf } from '../../../testing/scenarios';
import { isEnd, SseReader } from './sse.testing';
import type { ConversationView } from '../coach.types';

const SSE = { accept: 'text/event-stream' };
const FREE_COACH_MESSAGES = 5;

interface QuotaError {
  error: { code: string; message: string; quota?: { kind: string; limit: number; used: number; resetsAt: string } };
}

/** A Free athlete in `timeZone` with a conversation and `used` coach messages taken this month. */
async function athlete(h: Harness, timeZone: string, used: number) {
  const a = await h.signup();
  expect((await h.json('/api/v1/me', { method: 'PATCH', cookie: a.cookie, body: { timeZone } })).status).toBe(200);
  const m = membershipOf(h);
  for (let i = 0; i < used; i++) await m.useQuota({ id: a.user.id, timeZone }, 'coach_messages');
  const { body } = await h.json<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', { cookie: a.cookie, body: {} });
  return { ...a, conversationId: body.conversation.id };
}

/** The 1st of the month after today in `timeZone`. */
function nextFirst(timeZone: string): string {
  const today = todayIn(timeZone, new Date());
  const next = addDays(`${today.slice(0, 8)}28`, 7);
  return `${next.slice(0, 8)}01`;
}

describe('coach quota: the limit before the live-turn rule, the reset day in the athlete’s zone', () => {
  for (const zone of ['Europe/Berlin', 'America/Los_Angeles'])
    it(`at the limit, 20 questions at once are all 429 with the reset day of ${zone}; nothing is written`, async () => {
      const h = Harness.init();
      const a = await athlete(h, zone, FREE_COACH_MESSAGES);
      const url = `/api/v1/ai-coach/conversations/${a.conversationId}/messages`;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          h.json<QuotaError>(url, {
            cookie: a.cookie,
            body: { text: `Advice please (${i})`, clientMessageId: crypto.randomUUID() },
            headers: i % 4 === 3 ? {} : SSE,
          }),
        ),
      );
      const resetsOn = nextFirst(zone);
      expect(answers.map((r) => [r.status, r.body.error?.code])).toEqual(answers.map(() => [429, 'QUOTA_EXCEEDED']));
      for (const r of answers) {
        expectErrorShape(r.body, 'QUOTA_EXCEEDED');
        expect(r.body.error.quota).toMatchObject({ kind: 'coach_messages', limit: FREE_COACH_MESSAGES, used: FREE_COACH_MESSAGES });
        // The instant is the local midnight; the words are that local day.
        expect(todayIn(zone, new Date(r.body.error.quota!.resetsAt))).toBe(resetsOn);
        expect(r.body.error.message).toContain(`more on ${formatDay(resetsOn)}`);
        expect(Number(r.res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      const usage = await h.json<{ used: number; limit: number; resetsAt: string; resetsOn: string }>('/api/v1/ai-coach/usage', {
        cookie: a.cookie,
      });
      expect(usage.body).toMatchObject({ used: FREE_COACH_MESSAGES, limit: FREE_COACH_MESSAGES, resetsOn });
      expect(todayIn(zone, new Date(usage.body.resetsAt))).toBe(resetsOn);
      // The chat page says the same day.
      const page = await (await h.call(`/ai-coach/${a.conversationId}`, { cookie: a.cookie })).text();
      expect(page).toContain(`They come back on ${formatDay(resetsOn)}.`);
      const detail = await h.json<{ messages: unknown[] }>(`/api/v1/ai-coach/conversations/${a.conversationId}`, { cookie: a.cookie });
      expect(detail.body.messages).toEqual([]);
      expect(await llmRequests(a.user.id)).toEqual([]);
    });

  it('order: another athlete’s conversation is 404, then the limit (429), then a running turn (409)', async () => {
    const h = Harness.init();
    const a = await athlete(h, 'Europe/Berlin', FREE_COACH_MESSAGES - 1);
    const other = await athlete(h, 'UTC', 0);
    const url = (id: string) => `/api/v1/ai-coach/conversations/${id}/messages`;
    const ask = (conversationId: string, text: string) =>
      h.json<QuotaError>(url(conversationId), {
        cookie: a.cookie,
        body: { text, clientMessageId: crypto.randomUUID() },
        headers: SSE,
      });

    // The last unit goes to a turn that hangs: it runs while the rest are asked.
    await scriptLlm(a.user.id, 'anthropic', [{ hang: true }]);
    const running = new SseReader(
      await h.call(url(a.conversationId), {
        cookie: a.cookie,
        body: { text: 'Hello coach', clientMessageId: crypto.randomUUID() },
        headers: SSE,
      }),
    );
    await running.until((f) => f.event === 'turn');
    await eventually(
      async () => (await llmRequests(a.user.id, 'anthropic')).length,
      (n) => n === 1,
    );

    const [foreign, model, guardrail] = await Promise.all([
      ask(other.conversationId, 'Advice please'),
      ask(a.conversationId, 'Advice please'),
      // Needs no model, so no unit: the running turn is what stops it.
      ask(a.conversationId, 'I have chest pain when I run'),
    ]);
    expect(foreign.status).toBe(404);
    expectErrorShape(foreign.body, 'NOT_FOUND');
    expect(model.status).toBe(429);
    expectErrorShape(model.body, 'QUOTA_EXCEEDED');
    expect(guardrail.status).toBe(409);
    expectErrorShape(guardrail.body, 'COACH_BUSY');

    await h.json(`/api/v1/ai-coach/conversations/${a.conversationId}/stop`, { cookie: a.cookie, body: {} });
    expect((await running.until(isEnd)).at(-1)!.data).toMatchObject({ type: 'done', status: 'stopped' });
  });
});
