import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { MembershipService } from '../../membership';
import { createCoachCostsRepo } from './costs.repo';

const NANO_PER_USD = 1_000_000_000;
const usd = (nano: number) => Math.round(nano / 10_000) / 100_000; // to 1e-5 USD for display

/**
 * Operators: what the coach's models cost per athlete in a UTC month, the totals, and cost ÷ revenue.
 * Revenue is the membership MRR as it stands now (no per-month revenue history is kept yet).
 */
export function createCoachCostsService(deps: { db: Db; clock: Clock; membership: Pick<MembershipService, 'figures'> }) {
  return {
    async month(month?: string) {
      const now = deps.clock.now();
      const [y, m] = month ? month.split('-').map(Number) : [now.getUTCFullYear(), now.getUTCMonth() + 1];
      const from = new Date(Date.UTC(y!, m! - 1, 1));
      const to = new Date(Date.UTC(y!, m!, 1));
      const rows = await createCoachCostsRepo(deps.db).perAthlete(from, to);
      const total = rows.reduce(
        (t, r) => ({
          calls: t.calls + r.calls,
          inputTokens: t.inputTokens + r.inputTokens,
          outputTokens: t.outputTokens + r.outputTokens,
          cacheWriteTokens: t.cacheWriteTokens + r.cacheWriteTokens,
          cacheReadTokens: t.cacheReadTokens + r.cacheReadTokens,
          costNanoUsd: t.costNanoUsd + r.costNanoUsd,
        }),
        { calls: 0, inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, costNanoUsd: 0 },
      );
      const { mrrCents } = await deps.membership.figures();
      const costUsd = total.costNanoUsd / NANO_PER_USD;
      return {
        month: from.toISOString().slice(0, 7),
        athletes: rows.map((r) => ({ ...r, costUsd: usd(r.costNanoUsd) })),
        total: { ...total, costUsd: usd(total.costNanoUsd) },
        revenue: { mrrCents, basis: 'current_mrr' as const },
        costToRevenue: mrrCents > 0 ? costUsd / (mrrCents / 100) : null,
      };
    },
  };
}

export type CoachCostsService = ReturnType<typeof createCoachCostsService>;
