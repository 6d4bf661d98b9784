// The coach's proposals in Postgres, and the operators' kill switch for them (system_flags). Every read
// takes the athlete's id with the proposal's: another athlete's id is simply not found.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { coachProposals, systemFlags, users } from '../../../db/schema';

export type ProposalRow = typeof coachProposals.$inferSelect;
export type ProposalInsert = typeof coachProposals.$inferInsert;

export const PROPOSALS_FLAG = 'coach.proposals';

export function createProposalsRepo(db: Executor) {
  const own = (userId: string, id: string) => and(eq(coachProposals.userId, userId), eq(coachProposals.id, id));
  return {
    async insert(row: ProposalInsert): Promise<ProposalRow> {
      const [p] = await db.insert(coachProposals).values(row).returning();
      return p!;
    },

    async get(userId: string, id: string): Promise<ProposalRow | undefined> {
      const [p] = await db.select().from(coachProposals).where(own(userId, id));
      return p;
    },

    /** Holds the proposal's row to the end of the transaction: confirms and rejects of one proposal run one at a time. */
    async lock(userId: string, id: string): Promise<ProposalRow | undefined> {
      const [p] = await db.select().from(coachProposals).where(own(userId, id)).for('update');
      return p;
    },

    list(userId: string, conversationId?: string): Promise<ProposalRow[]> {
      return db
        .select()
        .from(coachProposals)
        .where(and(eq(coachProposals.userId, userId), conversationId ? eq(coachProposals.conversationId, conversationId) : undefined))
        .orderBy(desc(coachProposals.createdAt))
        .limit(100);
    },

    forMessages(userId: string, messageIds: string[]): Promise<ProposalRow[]> {
      if (!messageIds.length) return Promise.resolve([]);
      return db
        .select()
        .from(coachProposals)
        .where(and(eq(coachProposals.userId, userId), inArray(coachProposals.messageId, messageIds)))
        .orderBy(desc(coachProposals.createdAt));
    },

    async update(id: string, patch: Partial<ProposalInsert>): Promise<ProposalRow> {
      const [p] = await db.update(coachProposals).set(patch).where(eq(coachProposals.id, id)).returning();
      return p!;
    },

    /** The athlete an operator confirms for: their id and time zone (null when there is no such user). */
    async athlete(userId: string): Promise<{ id: string; timeZone: string } | null> {
      const [u] = await db.select({ id: users.id, timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
      return u ?? null;
    },

    async flag(key: string): Promise<unknown> {
      const [row] = await db.select({ value: systemFlags.value }).from(systemFlags).where(eq(systemFlags.key, key));
      return row?.value;
    },
  };
}

export type ProposalsRepo = ReturnType<typeof createProposalsRepo>;

/** The kill switch: absent or anything but `{ enabled: false }` means on. */
export async function proposalsEnabled(db: Executor): Promise<boolean> {
  const value = await createProposalsRepo(db).flag(PROPOSALS_FLAG);
  return !(value && typeof value === 'object' && (value as { enabled?: unknown }).enabled === false);
}
