import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { isUniqueViolation } from '../../../db/pg-errors';
import { coachConversations, coachLlmCalls, coachMessages, coachToolCalls, users } from '../../../db/schema';

export type ConversationRow = typeof coachConversations.$inferSelect;
export type MessageRow = typeof coachMessages.$inferSelect;
export type MessageInsert = typeof coachMessages.$inferInsert;
export type LlmCallInsert = typeof coachLlmCalls.$inferInsert;
export type ToolCallInsert = typeof coachToolCalls.$inferInsert;
export type AthleteRow = {
  id: string;
  units: 'km' | 'mi';
  timeZone: string;
  birthDate: string | null;
  sex: 'female' | 'male' | null;
  analyticsVersion: number;
};
export type HistoryRow = { role: 'user' | 'assistant'; content: string; status: MessageRow['status'] };

const athleteColumns = {
  id: users.id,
  units: users.units,
  timeZone: users.timeZone,
  birthDate: users.birthDate,
  sex: users.sex,
  analyticsVersion: users.analyticsVersion,
};

/** Every read takes the athlete's id too: another athlete's conversation or message is simply not found. */
export function createConversationsRepo(db: Executor) {
  return {
    /**
     * What clearing the athlete's thread removes, its conversations locked first (a turn starting now waits,
     * then fails on the deleted conversation); `live` counts turns still streaming since `liveSince`.
     */
    async lockThread(userId: string, liveSince: Date) {
      const locked = await db
        .select({ id: coachConversations.id })
        .from(coachConversations)
        .where(eq(coachConversations.userId, userId))
        .for('update');
      const [m] = await db
        .select({
          messages: sql<number>`count(*)::int`,
          live: sql<number>`count(*) filter (where ${coachMessages.status} = 'streaming' and ${coachMessages.createdAt} > ${liveSince})::int`,
        })
        .from(coachMessages)
        .where(eq(coachMessages.userId, userId));
      const [t] = await db.select({ n: sql<number>`count(*)::int` }).from(coachToolCalls).where(eq(coachToolCalls.userId, userId));
      const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(coachLlmCalls).where(eq(coachLlmCalls.userId, userId));
      return { conversations: locked.length, messages: m?.messages ?? 0, toolCalls: t?.n ?? 0, llmCalls: c?.n ?? 0, live: m?.live ?? 0 };
    },

    /** Conversations go, their messages and tool calls with them (cascade); the cost ledger's rows stay (message id set null). */
    async deleteThread(userId: string): Promise<void> {
      await db.delete(coachConversations).where(eq(coachConversations.userId, userId));
    },

    async conversations(userId: string, limit = 100): Promise<ConversationRow[]> {
      return db
        .select()
        .from(coachConversations)
        .where(eq(coachConversations.userId, userId))
        .orderBy(desc(coachConversations.updatedAt), desc(coachConversations.id))
        .limit(limit);
    },

    async createConversation(userId: string, title: string): Promise<ConversationRow> {
      const [row] = await db.insert(coachConversations).values({ userId, title }).returning();
      return row!;
    },

    async conversation(userId: string, id: string): Promise<ConversationRow | undefined> {
      const [row] = await db
        .select()
        .from(coachConversations)
        .where(and(eq(coachConversations.userId, userId), eq(coachConversations.id, id)));
      return row;
    },

    async touchConversation(userId: string, id: string, patch: { returnDate?: string; title?: string } = {}): Promise<void> {
      await db
        .update(coachConversations)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(coachConversations.userId, userId), eq(coachConversations.id, id)));
    },

    async messages(userId: string, conversationId: string, limit = 500): Promise<MessageRow[]> {
      const rows = await db
        .select()
        .from(coachMessages)
        .where(and(eq(coachMessages.userId, userId), eq(coachMessages.conversationId, conversationId)))
        .orderBy(desc(coachMessages.createdAt), desc(coachMessages.role))
        .limit(limit);
      return rows.reverse();
    },

    async message(userId: string, id: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(coachMessages)
        .where(and(eq(coachMessages.userId, userId), eq(coachMessages.id, id)));
      return row;
    },

    /** The user message a resend with the same clientMessageId already wrote, with its answer. */
    async byClientId(conversationId: string, clientMessageId: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(coachMessages)
        .where(and(eq(coachMessages.conversationId, conversationId), eq(coachMessages.clientMessageId, clientMessageId)));
      return row;
    },

    async answerTo(userId: string, userMessageId: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(coachMessages)
        .where(and(eq(coachMessages.userId, userId), eq(coachMessages.replyTo, userMessageId)))
        .orderBy(desc(coachMessages.createdAt))
        .limit(1);
      return row;
    },

    /** Inserts a message; null when the clientMessageId was already used in this conversation (a resend). */
    async insertMessage(values: MessageInsert): Promise<MessageRow | null> {
      const [row] = await db.insert(coachMessages).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },

    /**
     * The question and its answer in one statement (the answer replies to the question's id, made here),
     * which also touches the conversation (and titles it); null, with nothing written, when this
     * clientMessageId was already used in the conversation (a resend won the race).
     */
    async insertTurn(question: MessageInsert, answer: MessageInsert, title?: string): Promise<[MessageRow, MessageRow] | null> {
      const questionId = crypto.randomUUID();
      const touched = db.$with('touched', { id: sql<string>`id` }).as(
        sql`update ${coachConversations} set updated_at = now()${title === undefined ? sql`` : sql`, title = ${title}`}
          where ${coachConversations.id} = ${question.conversationId} and ${coachConversations.userId} = ${question.userId} returning id`,
      );
      try {
        const rows = await db
          .with(touched)
          .insert(coachMessages)
          .values([
            { ...question, id: questionId },
            { ...answer, replyTo: questionId },
          ])
          .returning();
        const q = rows.find((r) => r.id === questionId)!;
        return [q, rows.find((r) => r.id !== questionId)!];
      } catch (err) {
        if (isUniqueViolation(err)) return null;
        throw err;
      }
    },

    async updateMessage(id: string, patch: Partial<MessageInsert>): Promise<void> {
      await db.update(coachMessages).set(patch).where(eq(coachMessages.id, id));
    },

    /** Whether a turn of this conversation is still being written. */
    async streaming(userId: string, conversationId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: coachMessages.id })
        .from(coachMessages)
        .where(
          and(eq(coachMessages.userId, userId), eq(coachMessages.conversationId, conversationId), eq(coachMessages.status, 'streaming')),
        )
        .limit(1);
      return row !== undefined;
    },

    async insertToolCall(values: ToolCallInsert): Promise<void> {
      await db.insert(coachToolCalls).values(values);
    },

    async insertLlmCall(values: LlmCallInsert): Promise<void> {
      await db.insert(coachLlmCalls).values(values);
    },

    async llmCalls(messageIds: string[]) {
      if (messageIds.length === 0) return [];
      return db.select().from(coachLlmCalls).where(inArray(coachLlmCalls.messageId, messageIds)).orderBy(asc(coachLlmCalls.createdAt));
    },

    async llmCallsOfUser(userId: string) {
      return db.select().from(coachLlmCalls).where(eq(coachLlmCalls.userId, userId)).orderBy(asc(coachLlmCalls.createdAt));
    },

    async toolCalls(messageId: string) {
      return db.select().from(coachToolCalls).where(eq(coachToolCalls.messageId, messageId)).orderBy(asc(coachToolCalls.createdAt));
    },

    /** What the turn needs of the athlete (units, zone, birth date, sex, analytics version). */
    async athlete(userId: string) {
      const [row] = await db.select(athleteColumns).from(users).where(eq(users.id, userId));
      return row;
    },

    /**
     * What a new question needs, in one round trip (it sits before the model call): the athlete's
     * conversation (undefined when it is not theirs), the athlete, the id of an earlier send with this
     * clientMessageId, and the conversation's last `limit` messages, oldest first.
     */
    async turnStart(userId: string, conversationId: string, clientMessageId: string, limit: number) {
      const [row] = await db
        .select({
          conversation: coachConversations,
          athlete: athleteColumns,
          sentId: sql<string | null>`(select m.id from ${coachMessages} m
            where m.conversation_id = ${coachConversations.id} and m.client_message_id = ${clientMessageId})`,
          recent: sql<HistoryRow[]>`(select coalesce(json_agg(json_build_object('role', r.role, 'content', r.content, 'status', r.status)
              order by r.created_at, r.role), '[]'::json)
            from (select m.role, m.content, m.status, m.created_at from ${coachMessages} m
              where m.user_id = ${userId} and m.conversation_id = ${coachConversations.id}
              order by m.created_at desc, m.role desc limit ${limit}) r)`,
        })
        .from(coachConversations)
        .innerJoin(users, eq(users.id, coachConversations.userId))
        .where(and(eq(coachConversations.userId, userId), eq(coachConversations.id, conversationId)));
      return row;
    },
  };
}

export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
