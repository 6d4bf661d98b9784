import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { MembershipService } from '../membership';
import { createCoachRepo } from './coach.repo';
import { presentConversation, presentMessage } from './coach.present';
import type { CoachMessageView, ConversationView, ProposalView } from './coach.types';

/** Proposals shown with the messages that made them (helper C's service plugs in here). */
export interface ProposalsOfMessages {
  forMessages(userId: string, messageIds: string[]): Promise<Map<string, ProposalView>>;
}

export interface CoachChatDeps {
  db: Db;
  clock: Clock;
  membership: MembershipService;
  proposals?: ProposalsOfMessages;
}

export const DEFAULT_TITLE = 'New conversation';

/** Conversations and their messages for the chat page and the API; the live turn itself runs in CoachSession. */
export function createCoachChatService(deps: CoachChatDeps) {
  const repo = createCoachRepo(deps.db);

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

  return {
    repo,
    owned,

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
      return { conversation: presentConversation(row), messages, live: messages.some((m) => m.status === 'streaming') };
    },

    async message(userId: string, id: string): Promise<CoachMessageView> {
      const row = await repo.message(userId, id);
      if (!row) throw notFound('Message');
      return (await views(userId, [row]))[0]!;
    },

    /** This month's coach messages against the tier's allowance (null limit = unlimited). */
    async usage(userId: string): Promise<{ used: number; limit: number | null; resetsAt: string }> {
      const athlete = await repo.athlete(userId);
      if (!athlete) throw notFound('Athlete');
      const all = await deps.membership.usage({ id: userId, timeZone: athlete.timeZone });
      const u = all.find((q) => q.kind === 'coach_messages')!;
      return { used: u.used, limit: u.limit, resetsAt: u.resetsAt.toISOString() };
    },
  };
}

export type CoachChatService = ReturnType<typeof createCoachChatService>;
