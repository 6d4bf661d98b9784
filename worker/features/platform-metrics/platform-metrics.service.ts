import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { createCoachCostsService } from '../ai-coach';
import type { MembershipService } from '../membership';
import { createPlatformMetricsRepo, type Period } from './platform-metrics.repo';

export interface MetricsOptions {
  /** The moment the figures are "as of" (tests pin it); defaults to the clock. */
  now?: Date;
  period?: Period;
}

/**
 * Operators' platform metrics. Users, sources, coaching and the series are counted here; billing
 * (subscribers, MRR, trials, churn) is membership's figures and the AI coach's cost ÷ revenue is
 * coach-costs', reused as they are so the console and those pages never disagree.
 */
export function createPlatformMetricsService(deps: {
  db: Db;
  clock: Clock;
  membership: Pick<MembershipService, 'figures'>;
  coachCosts: Pick<ReturnType<typeof createCoachCostsService>, 'month'>;
}) {
  const repo = createPlatformMetricsRepo(deps.db);
  return {
    async snapshot(opts: MetricsOptions = {}) {
      const now = opts.now ?? deps.clock.now();
      const period = opts.period ?? 'week';
      // One after the other: in parallel each read would take another pooled connection per request.
      const users = await repo.users(now);
      const sources = await repo.sources(now);
      const coaching = await repo.coaching(now);
      const series = await repo.series(now, period);
      const billing = await deps.membership.figures();
      const ai = await deps.coachCosts.month();
      return {
        asOf: now.toISOString(),
        activeDefinition: 'Distinct users with a session seen (sessions.last_seen_at) in the last 7 or 30 days; impersonation excluded.',
        users,
        sources,
        coaching,
        billing,
        aiCoach: {
          month: ai.month,
          costUsd: ai.total.costUsd,
          calls: ai.total.calls,
          mrrCents: ai.revenue.mrrCents,
          costToRevenue: ai.costToRevenue,
        },
        period,
        series,
      };
    },
  };
}

export type PlatformMetricsService = ReturnType<typeof createPlatformMetricsService>;
export type PlatformMetrics = Awaited<ReturnType<PlatformMetricsService['snapshot']>>;

/** The snapshot as CSV rows: one `section,metric,value` line per figure, then the series. */
export function metricsCsvRows(m: PlatformMetrics): { header: string[]; rows: unknown[][] } {
  const rows: unknown[][] = [];
  const add = (section: string, values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) if (typeof v !== 'object' || v === null) rows.push([section, k, '', v]);
  };
  add('users', m.users);
  add('sources', m.sources);
  add('coaching', m.coaching);
  add('billing.subscribers', m.billing.subscribers);
  add('billing.trialing', m.billing.trialing);
  add('billing', { mrrCents: m.billing.mrrCents, currency: m.billing.currency });
  add('billing.trials', m.billing.trials);
  add('billing.churn', m.billing.churn);
  add('aiCoach', m.aiCoach);
  for (const p of m.series) for (const [k, v] of Object.entries(p)) if (k !== 'start') rows.push([`series.${m.period}`, k, p.start, v]);
  return { header: ['section', 'metric', 'period_start', 'value'], rows };
}
