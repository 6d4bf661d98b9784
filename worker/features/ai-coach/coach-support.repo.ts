import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { coachConversations, coachLlmCalls, coachProposals } from '../../db/schema';

/** Support: one athlete's AI coach in figures — conversations, a month's model cost, proposal outcomes. */
export function createCoachSupportRepo(db: Executor) {
  return {
    async summary(userId: string, monthFrom: Date, monthTo: Date) {
      const [[conv], [cost], outcomes] = await Promise.all([
        db.select({ n: sql<number>`count(*)::int` }).from(coachConversations).where(eq(coachConversations.userId, userId)),
        db
          .select({ calls: sql<number>`count(*)::int`, nano: sql<string>`coalesce(sum(${coachLlmCalls.costNanoUsd}), 0)::text` })
          .from(coachLlmCalls)
          .where(and(eq(coachLlmCalls.userId, userId), gte(coachLlmCalls.createdAt, monthFrom), lt(coachLlmCalls.createdAt, monthTo))),
        db
          .select({ status: coachProposals.status, n: sql<number>`count(*)::int` })
          .from(coachProposals)
          .where(eq(coachProposals.userId, userId))
          .groupBy(coachProposals.status),
      ]);
      return {
        conversations: conv?.n ?? 0,
        monthCalls: cost?.calls ?? 0,
        monthCostNanoUsd: Number(cost?.nano ?? 0),
        proposals: Object.fromEntries(outcomes.map((o) => [o.status, o.n])) as Partial<Record<(typeof outcomes)[number]['status'], number>>,
      };
    },
  };
}
