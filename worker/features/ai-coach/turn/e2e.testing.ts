// What the end-to-end coach tests share (HTTP → CoachSession → real SDK → LLM sandbox): an athlete
// signed up through the API with a conversation, optional history (any source), Pro and an active
// plan; asking over SSE or JSON; the stored conversation, tool calls and cost ledger.
import { asc, eq } from 'drizzle-orm';
import { coachLlmCalls, coachToolCalls } from '../../../db/schema';
import { todayIn } from '../../../lib/dates';
import type { Harness } from '../../../testing/harness';
import { athleteWithHistory, giveTier, type HistoryEntry } from '../../../testing/scenarios';
import { planRequest } from '../../plans/control/plans-control.testing';
import { type Frame, isEnd, SseReader } from '../session/sse.testing';
import type { CoachMessageView, ConversationView } from '../coach.types';

export const SSE = { accept: 'text/event-stream' };

export interface CoachAthlete {
  user: { id: string };
  cookie: string;
  conversationId: string;
  activityIds: string[];
}

/** An athlete with `history` ingested, a conversation, and (when asked) Pro and an active plan (`free`: the plan without Pro). */
export async function coachAthlete(
  h: Harness,
  opts: { history?: HistoryEntry[]; pro?: boolean; plan?: boolean; free?: boolean } = {},
): Promise<CoachAthlete> {
  const a = await athleteWithHistory(h, { history: opts.history ?? [] });
  if ((opts.pro || opts.plan) && !opts.free) await giveTier(h, a.user.id, 'pro');
  if (opts.plan) {
    const res = await h.json('/api/v1/plans', { body: planRequest(todayIn('UTC', new Date())), cookie: a.cookie });
    if (res.status !== 201 && res.status !== 200) throw new Error(`plan: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const { status, body } = await h.json<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', {
    cookie: a.cookie,
    body: {},
  });
  if (status !== 201) throw new Error(`conversation: ${status} ${JSON.stringify(body)}`);
  return { user: a.user, cookie: a.cookie, conversationId: body.conversation.id, activityIds: a.activityIds };
}

/** Asks over SSE and reads the whole turn; `comments` are the `: ping` heartbeats seen before the first delta. */
export async function askStream(h: Harness, a: CoachAthlete, text: string) {
  const res = await h.call(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
    cookie: a.cookie,
    body: { text, clientMessageId: crypto.randomUUID() },
    headers: SSE,
  });
  if (res.status !== 200) throw new Error(`ask: ${res.status} ${await res.text()}`);
  return readTurn(new SseReader(res));
}

export async function readTurn(reader: SseReader) {
  const frames: Frame[] = [];
  const pingsBeforeText: string[] = [];
  let sawText = false;
  for (let f = await reader.next(); f; f = await reader.next()) {
    if (f.comment !== null) {
      if (!sawText) pingsBeforeText.push(f.comment);
      continue;
    }
    if (f.event === 'delta') sawText = true;
    frames.push(f);
    if (isEnd(f)) break;
  }
  return { frames, events: frames.map((f) => f.data!), pingsBeforeText };
}

/** Asks without SSE (the JS-off path) and returns the finished assistant message. */
export async function askJson(h: Harness, a: CoachAthlete, text: string): Promise<CoachMessageView> {
  const res = await h.json<{ message: CoachMessageView }>(`/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
    cookie: a.cookie,
    body: { text, clientMessageId: crypto.randomUUID() },
  });
  if (res.status !== 200) throw new Error(`ask: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.message;
}

export async function conversation(h: Harness, a: CoachAthlete) {
  return (
    await h.json<{ conversation: ConversationView; messages: CoachMessageView[]; live: boolean }>(
      `/api/v1/ai-coach/conversations/${a.conversationId}`,
      { cookie: a.cookie },
    )
  ).body;
}

export const usedQuota = async (h: Harness, a: CoachAthlete) =>
  (await h.json<{ used: number }>('/api/v1/ai-coach/usage', { cookie: a.cookie })).body.used;

export const ledgerOf = (h: Harness, userId: string) =>
  h.db.select().from(coachLlmCalls).where(eq(coachLlmCalls.userId, userId)).orderBy(asc(coachLlmCalls.createdAt));

export const toolCallsOf = (h: Harness, messageId: string) =>
  h.db.select().from(coachToolCalls).where(eq(coachToolCalls.messageId, messageId)).orderBy(asc(coachToolCalls.createdAt));
