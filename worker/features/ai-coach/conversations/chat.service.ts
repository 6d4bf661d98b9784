import type { Viewer } from '../../../context';
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { todayIn } from '../../../lib/dates';
import type { Executor } from '../../../db/executor';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { MembershipService } from '../../membership';
import { createSessionClient, type SessionNamespace } from '../session/session-client';
import type { SessionAsk } from '../session/session-result';
import { createConversationsRepo } from './conversations.repo';
import { presentConversation, presentMessage } from './conversations.present';
import type { CoachMessageView, ConversationView, ProposalView } from '../coach.types';

/** Proposals shown with the messages that made them (the proposals service plugs in here). */
export interface ProposalsOfMessages {
  forMessages(userId: string, messageIds: string[]): Promise<Map<string, ProposalView>>;
}

export interface CoachChatDeps {
  db: Db;
  clock: Clock;
  membership: MembershipService;
  proposals?: ProposalsOfMessages;
  /** COACH_SESSION: the athlete's live turn. */
  sessions: SessionNamespace;
  /** A message still 'streaming' after this long is a turn that died with its session, not a live one. */
  staleAfterMs: number;
}

export interface AskInput {
  text: string;
  clientMessageId: string;
}

export const DEFAULT_TITLE = 'New conversation';

/** Conversations and their messages for the chat page and the API; the live turn itself runs in CoachSession. */
export function createCoachChatService(deps: CoachChatDeps) {
  const repo = createConversationsRepo(deps.db);
  const sessions = createSessionClient(deps.sessions);

  async function owned(userId: string, id: string) {
    const row = await repo.conversation(userId, id);
    if (!row) throw notFound('Conversation');
    return row;
  }

  async function views(userId: string, rows: Awaited<ReturnType<typeof repo.messages>>): Promise<CoachMessageView[]> {
    const ids = rows.filter((m) => m.role === 'assistant').map((m) => m.id);
    const proposals = deps.proposals && ids.length > 0 ? await deps.proposals.forMessages(userId, ids) : new Map<string, ProposalView>();
    return rows.map((m) => presentMessage(m, proposals.get(m.id) ?? null));
  }

  async function messageView(userId: string, id: string): Promise<CoachMessageView> {
    const row = await repo.message(userId, id);
    if (!row) throw notFound('Message');
    return (await views(userId, [row]))[0]!;
  }

  async function retryAsk(userId: string, messageId: string): Promise<SessionAsk> {
    const msg = await repo.message(userId, messageId);
    if (msg?.role !== 'assistant') throw notFound('Message');
    return { userId, conversationId: msg.conversationId, text: '', clientMessageId: `retry-${messageId}`, retryOf: messageId };
  }

  return {
    repo,
    owned,
    message: messageView,

    /**
     * Operators: delete the athlete's conversations, messages and tool calls; the model-cost ledger
     * (`coach_llm_calls`) and proposals stay for money and plan reporting. Refused (409) while a turn is live.
     */
    async clearThread(
      userId: string,
      record: (tx: Executor, before: { conversations: number; messages: number; toolCalls: number; llmCallsKept: number }) => Promise<void>,
    ) {
      const liveSince = new Date(deps.clock.now().getTime() - deps.staleAfterMs);
      return deps.db.transaction(async (tx) => {
        const r = createConversationsRepo(tx);
        const { live, llmCalls, ...counts } = await r.lockThread(userId, liveSince);
        if (live > 0) throw new AppError(ErrorCode.COACH_BUSY, 'The coach is answering this athlete right now. Try again in a minute.');
        const before = { ...counts, llmCallsKept: llmCalls };
        if (counts.conversations === 0) return { changed: false, before };
        await r.deleteThread(userId);
        await record(tx, before);
        return { changed: true, before };
      });
    },

    async listConversations(userId: string): Promise<ConversationView[]> {
      return (await repo.conversations(userId)).map(presentConversation);
    },

    async createConversation(userId: string, title?: string): Promise<ConversationView> {
      const t = title?.trim() || DEFAULT_TITLE;
      return presentConversation(await repo.createConversation(userId, t));
    },

    /** The conversation with its messages (oldest first) and whether a turn is being written now. 404 if not theirs. */
    async conversation(
      userId: string,
      id: string,
    ): Promise<{ conversation: ConversationView; messages: CoachMessageView[]; live: boolean }> {
      const row = await owned(userId, id);
      const messages = await views(userId, await repo.messages(userId, id));
      const since = deps.clock.now().getTime() - deps.staleAfterMs;
      const live = messages.some((m) => m.status === 'streaming' && Date.parse(m.createdAt) > since);
      return { conversation: presentConversation(row), messages, live };
    },

    /**
     * Asks in the athlete's session and streams the turn (SSE). 409 COACH_BUSY, 429 QUOTA_EXCEEDED before any
     * stream. The session checks the conversation is the athlete's (404) in the read it makes anyway.
     */
    async askStream(userId: string, conversationId: string, input: AskInput): Promise<Response> {
      return sessions.ask({ userId, conversationId, ...input });
    },

    /** The JS-off path: asks and waits for the finished answer. */
    async ask(viewer: Viewer, conversationId: string, input: AskInput): Promise<CoachMessageView> {
      const userId = viewer.user.id;
      const messageId = await sessions.askAndWait({ userId, conversationId, ...input });
      if (!messageId) throw notFound('Answer');
      return messageView(userId, messageId);
    },

    /** Attaches to the conversation's live turn, replaying what came after `lastEventId`; null when nothing is live. */
    async attach(userId: string, conversationId: string, lastEventId: number): Promise<Response | null> {
      await owned(userId, conversationId);
      return sessions.attach(userId, conversationId, lastEventId);
    },

    async stop(userId: string, conversationId: string): Promise<boolean> {
      await owned(userId, conversationId);
      return sessions.stop(userId, conversationId);
    },

    /** Runs a failed, partial or stopped answer again and streams it (SSE). 409 when it finished. */
    async retryStream(userId: string, messageId: string): Promise<Response> {
      return sessions.ask(await retryAsk(userId, messageId));
    },

    /** The JS-off retry: the finished answer. */
    async retryAnswer(userId: string, messageId: string): Promise<CoachMessageView> {
      const answered = await sessions.askAndWait(await retryAsk(userId, messageId));
      return messageView(userId, answered ?? messageId);
    },

    /** This month's coach messages against the tier's allowance (null limit = unlimited); the reset day is the athlete's. */
    async usage(userId: string): Promise<{ used: number; limit: number | null; resetsAt: string; resetsOn: string }> {
      const athlete = await repo.athlete(userId);
      if (!athlete) throw notFound('Athlete');
      const all = await deps.membership.usage({ id: userId, timeZone: athlete.timeZone });
      const u = all.find((q) => q.kind === 'coach_messages')!;
      return { used: u.used, limit: u.limit, resetsAt: u.resetsAt.toISOString(), resetsOn: todayIn(athlete.timeZone, u.resetsAt) };
    },
  };
}

export type CoachChatService = ReturnType<typeof createCoachChatService>;
