import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';

export interface MirrorFigureRow {
  ownerType: 'user' | 'org';
  status: string;
  tier: string | null;
  priceLookupKey: string | null;
  pastDueSince: Date | null;
  canceledAt: Date | null;
}

/** Platform-wide reads for operators' figures (no tenant filter on purpose: they are counts, not rows). */
export function createFiguresRepo(db: Executor) {
  return {
    /** Every mirrored subscription with its payer type (the figures are computed from these rules in code). */
    async mirror(): Promise<MirrorFigureRow[]> {
      const r = await db.execute(sql`
        SELECT c.owner_type AS "ownerType", m.status, m.tier, m.price_lookup_key AS "priceLookupKey",
               m.past_due_since AS "pastDueSince", m.canceled_at AS "canceledAt"
          FROM subscription_mirror m JOIN billing_customers c ON c.stripe_customer_id = m.stripe_customer_id`);
      return (r.rows as unknown as MirrorFigureRow[]).map((row) => ({
        ...row,
        pastDueSince: row.pastDueSince ? new Date(row.pastDueSince) : null,
        canceledAt: row.canceledAt ? new Date(row.canceledAt) : null,
      }));
    },

    /** Self-serve trials started since `from`, and how many of those subscriptions now pay (active or past_due). */
    async trials(from: Date): Promise<{ started: number; converted: number }> {
      const r = await db.execute(sql`
        SELECT count(*)::int AS started,
               count(*) FILTER (WHERE m.status IN ('active', 'past_due'))::int AS converted
          FROM membership_trials t
          LEFT JOIN subscription_mirror m ON m.stripe_subscription_id = t.stripe_subscription_id
         WHERE t.started_at >= ${from}`);
      const row = r.rows[0] as { started: number; converted: number } | undefined;
      return { started: Number(row?.started ?? 0), converted: Number(row?.converted ?? 0) };
    },
  };
}
