// Resends of one question (the same clientMessageId) racing the turn they belong to: while it streams,
// as it ends, and after. Each one must end promptly with the whole answer (joined live or replayed);
// none may hang with its headers sent and no end.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { llmRequests, scriptLlm } from '../../../testing/llm-sandbox';
import { isEnd, SseReader, textOf } from './sse.testing';
import type { CoachMessageView, ConversationView } from '../coach.types';

const SSE = { accept: 'text/event-stream' };
/** How long one resend may take to end: far above a replay or the rest of a turn, far below the runtime's hang detection. */
const DEADLINE_MS = 15_000;

type Outcome =
  | { kind: 'stream'; status: 200; messageId: string | null; text: string; last: string | null }
  | { kind: 'json'; status: 200; messageId: string; text: string }
  | { kind: 'refused'; status: number; code: string };

/** Rejects when `p` has not settled by the deadline: a body that never ends fails the test instead of hanging it. */
function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no end within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Reads a stream to its very end (not just to its last event): the body must close. */
async function drain(res: Response): Promise<Outcome> {
  if (res.status !== 200)
    return { kind: 'refused', status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
  const frames = await new SseReader(res).until();
  const turn = frames.find((f) => f.event === 'turn')?.data as { messageId: string } | undefined;
  return { kind: 'stream', status: 200, messageId: turn?.messageId ?? null, text: textOf(frames), last: frames.at(-1)?.event ?? null };
}

async function athlete(h: Harness) {
  const a = await h.signup();
  const { body } = await h.json<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', { cookie: a.cookie, body: {} });
  return { ...a, conversationId: body.conversation.id };
}

describe('resending a question while its answer streams, as it ends and after', () => {
  it('every resend joins the live turn or replays the stored answer, and every body ends', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const url = `/api/v1/ai-coach/conversations/${a.conversationId}/messages`;
    const id = crypto.randomUUID();
    const body = { text: 'How should I pace my long run?', clientMessageId: id };
    const stream = () => h.call(url, { cookie: a.cookie, body, headers: SSE }).then(drain);
    const json = () =>
      h
        .json<{ message: CoachMessageView }>(url, { cookie: a.cookie, body })
        .then(
          (r): Outcome =>
            r.status === 200
              ? { kind: 'json', status: 200, messageId: r.body.message.id, text: r.body.message.content }
              : { kind: 'refused', status: r.status, code: (r.body as unknown as { error: { code: string } }).error.code },
        );
    const resends: Promise<Outcome>[] = [];
    const twoAtOnce = (n: number) => {
      for (let i = 0; i < 2; i++) resends.push(within(n % 3 === 2 && i === 1 ? json() : stream(), `resend ${n}.${i}`));
    };

    // A slow answer: resends go out two at a time as each of its frames arrives, so some land while it
    // streams and the last ones as it ends.
    await scriptLlm(a.user.id, 'anthropic', [{ firstTokenMs: 150, chunkMs: 40 }]);
    const first = new SseReader(await h.call(url, { cookie: a.cookie, body, headers: SSE }));
    const seen = [];
    let n = 0;
    for (let f = await within(first.next(), 'first'); f; f = await within(first.next(), 'first')) {
      if (f.comment !== null) continue;
      seen.push(f);
      if (n < 8) twoAtOnce(n++);
      if (isEnd(f)) break;
    }
    twoAtOnce(n++);
    twoAtOnce(n++);
    const live = await Promise.all(resends);

    // After the end: rounds of three at once (two streams, one JS-off).
    const after: Outcome[] = [];
    for (let round = 0; round < 4; round++) {
      after.push(
        ...(await Promise.all([
          within(stream(), `after ${round}.0`),
          within(stream(), `after ${round}.1`),
          within(json(), `after ${round}.2`),
        ])),
      );
    }

    const answerId = (seen[0]!.data as { messageId: string }).messageId;
    const answer = textOf(seen);
    expect(seen.at(-1)!.event).toBe('done');
    for (const o of [...live, ...after]) {
      expect(o, JSON.stringify(o)).toMatchObject({ status: 200, messageId: answerId, text: answer });
      if (o.kind === 'stream') expect(o.last).toBe('done');
    }
    // One question, one answer, one model turn and one unit, however many resends.
    const detail = await h.json<{ messages: CoachMessageView[]; live: boolean }>(`/api/v1/ai-coach/conversations/${a.conversationId}`, {
      cookie: a.cookie,
    });
    expect(detail.body.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(detail.body.live).toBe(false);
    expect(await llmRequests(a.user.id, 'anthropic')).toHaveLength(1);
    expect((await h.json<{ used: number }>('/api/v1/ai-coach/usage', { cookie: a.cookie })).body.used).toBe(1);
  });

  it('three resends at once after the end, several rounds, each replays the answer and ends', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const url = `/api/v1/ai-coach/conversations/${a.conversationId}/messages`;
    const body = { text: 'Hello coach', clientMessageId: crypto.randomUUID() };
    const original = await h.call(url, { cookie: a.cookie, body, headers: SSE }).then(drain);
    expect(original).toMatchObject({ kind: 'stream', last: 'done' });
    for (let round = 0; round < 6; round++) {
      const outcomes = await Promise.all(
        Array.from({ length: 3 }, (_, i) =>
          within(h.call(url, { cookie: a.cookie, body, headers: SSE }).then(drain), `round ${round}.${i}`),
        ),
      );
      for (const o of outcomes) expect(o).toEqual(original);
    }
    expect(await llmRequests(a.user.id, 'anthropic')).toHaveLength(1);
  });
});
