import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { coachLlmCalls, users } from '../../../db/schema';

export interface AthleteCostRow {
  userId: string;
  displayName: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  costNanoUsd: number;
}

/** The cost ledger summed per athlete over [from, to): the operators' view. */
export function createCoachCostsRepo(db: Executor) {
  return {
    async perAthlete(from: Date, to: Date): Promise<AthleteCostRow[]> {
      const cost = sql<string>`coalesce(sum(${coachLlmCalls.costNanoUsd}), 0)`;
      const rows = await db
        .select({
          userId: coachLlmCalls.userId,
          displayName: users.displayName,
          calls: sql<string>`count(*)`,
          inputTokens: sql<string>`coalesce(sum(${coachLlmCalls.inputTokens}), 0)`,
          outputTokens: sql<string>`coalesce(sum(${coachLlmCalls.outputTokens}), 0)`,
          cacheWriteTokens: sql<string>`coalesce(sum(${coachLlmCalls.cacheWriteTokens}), 0)`,
          cacheReadTokens: sql<string>`coalesce(sum(${coachLlmCalls.cacheReadTokens}), 0)`,
          costNanoUsd: cost,
        })
        .from(coachLlmCalls)
        .innerJoin(users, eq(users.id, coachLlmCalls.userId))
        .where(and(gte(coachLlmCalls.createdAt, from), lt(coachLlmCalls.createdAt, to)))
        .groupBy(coachLlmCalls.userId, users.displayName)
        .orderBy(desc(cost));
      // Sums come back as numeric strings; nano-USD stays well inside 2^53 for any month we will see.
      return rows.map((r) => ({
        userId: r.userId,
        displayName: r.displayName,
        calls: Number(r.calls),
        inputTokens: Number(r.inputTokens),
        outputTokens: Number(r.outputTokens),
        cacheWriteTokens: Number(r.cacheWriteTokens),
        cacheReadTokens: Number(r.cacheReadTokens),
        costNanoUsd: Number(r.costNanoUsd),
      }));
    },
  };
}
