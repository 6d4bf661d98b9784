import { type Athlete, type ReadContext, receiptOf } from './analytics-shared';
import { createReceiptsRepo } from './analytics-shared.repo';
import type { Threshold } from './analytics.types';
import * as thresholdsRepo from './thresholds.repo';

export function createThresholdsService(ctx: ReadContext) {
  return {
    /** Manual history and current estimates, each estimate with its receipt. */
    async thresholds(a: Athlete): Promise<{ id: string; threshold: Threshold }[]> {
      const rows = await thresholdsRepo.thresholds(ctx.db, a.id);
      const ids = rows.map((t) => t.activityId).filter((x): x is string => x !== null);
      const receipts = ids.length > 0 ? await createReceiptsRepo(ctx.db).receiptsByIds(a.id, ids) : [];
      const byId = new Map(receipts.map((x) => [x.id, x]));
      return rows
        .sort((x, y) => x.kind.localeCompare(y.kind) || x.source.localeCompare(y.source) || y.effectiveFrom.localeCompare(x.effectiveFrom))
        .map((t) => {
          const rec = t.activityId ? byId.get(t.activityId) : undefined;
          return {
            id: t.id,
            threshold: {
              kind: t.kind,
              value: t.value,
              effectiveFrom: t.effectiveFrom,
              effectiveUntil: t.effectiveUntil ?? null,
              source: t.source,
              note: t.note,
              receipt: rec ? receiptOf(rec) : null,
            },
          };
        });
    },
  };
}
